from django.core.management.base import BaseCommand

from vsend_plugin.core.models import PendingTask
from vsend_plugin.core.outbox import send_pending


class Command(BaseCommand):
    help = "Send tasks that could not reach the broker when their data was saved."

    def handle(self, *args, **options):
        waiting = PendingTask.objects.filter(sent_at__isnull=True).count()
        sent = send_pending()
        left = PendingTask.objects.filter(sent_at__isnull=True).count()
        self.stdout.write(f"{waiting} waiting, {sent} sent, {left} still waiting.")
        if left:
            self.stderr.write("The broker could not be reached for the rest; run this again later.")
