from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .log_entries import council_log_models
from .models import Council, CouncilLogEntry, Locality, Setting
from .permissions import CouncilPermissionPolicy
from .views import CouncilViewSetGroup

register_permission_policy(Council, CouncilPermissionPolicy(Council, council_field="pk"))
register_permission_policy(Locality, CouncilPermissionPolicy(Locality))
register_permission_policy(Setting, CouncilPermissionPolicy(Setting))

register_snippet(CouncilViewSetGroup)


@hooks.register("register_log_actions")
def log_council_objects_by_council(actions):
    """vsend's objects are logged with their council, and read only within it."""
    for model in council_log_models():
        actions.register_model(model, CouncilLogEntry)
