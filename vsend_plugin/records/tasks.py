"""The nightly retention task, for the councils that switch it on."""

from celery import shared_task

from vsend_plugin.core.models import Council

from .retention import apply_retention


@shared_task(name="vsend.records.apply_retention", acks_late=True)
def apply_retention_nightly():
    """Run by Celery beat: erase records past their retention where the council asks for it."""
    councils = list(Council.objects.filter(erase_past_retention=True))
    return apply_retention(councils) if councils else 0
