"""``manage.py vsend_apply_retention [--apply]``: records past their retention, listed or erased."""

from django.core.management.base import BaseCommand, CommandError

from vsend_plugin.core.models import Council
from vsend_plugin.core.progress import Progress

from ...retention import apply_retention, due_for_erasure


class Command(BaseCommand):
    help = (
        "List the children's records past their retention (the end of the school year in which "
        "the child turns VSEND_RETENTION_AGE); with --apply, erase them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Erase them. Without it nothing is changed."
        )
        parser.add_argument(
            "--council",
            action="append",
            dest="councils",
            metavar="SLUG",
            help="Only this council (repeat for several).",
        )

    def handle(self, *args, apply=False, councils=None, **options):
        queryset = Council.objects.order_by("name")
        if councils:
            found = set(queryset.filter(slug__in=councils).values_list("slug", flat=True))
            unknown = sorted(set(councils) - found)
            if unknown:
                raise CommandError(f"No council with the slug {', '.join(unknown)}.")
            queryset = queryset.filter(slug__in=councils)
        due = due_for_erasure(list(queryset))
        for item in due:
            child = item.child
            self.stdout.write(
                f"{child.council.slug}  {child.case_reference}  born {child.born}  "
                f"kept until {item.kept_until:%d %B %Y}"
            )
        if not apply:
            self.stdout.write(
                f"{len(due)} records are past their retention. Nothing was changed: "
                "run again with --apply to erase them."
            )
            return
        progress = Progress(self.stderr, len(due), "records erased")
        erased = apply_retention(list(queryset), progress=lambda done, child: progress(done))
        progress.finish()
        self.stdout.write(self.style.SUCCESS(f"Erased {erased} records past their retention."))
