"""The access log: every read of a child's record is written down."""

from django.db import transaction

from .models import AccessEvent

Action = AccessEvent.Action


def record_access(request, action, *, child, assessment=None):
    user = request.user if request.user.is_authenticated else None
    AccessEvent.objects.create(
        council_id=child.council_id,
        user=user,
        username=user.get_username() if user else "",
        action=action,
        child=child,
        assessment=assessment,
        path=request.get_full_path()[:300],
    )


def record_reads(request, action, reads):
    """Write one access event per ``(child, assessment)`` read, all or none."""
    with transaction.atomic():
        for child, assessment in reads:
            record_access(request, action, child=child, assessment=assessment)


def record_listing(request, children):
    """Seeing a child in a list is a read of their record too: name, setting, year group."""
    record_reads(request, Action.LIST_CHILD, [(child, None) for child in children])
