"""The access log: every read of a child's record is written down."""

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
