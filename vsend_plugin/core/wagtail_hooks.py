from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import Council, Locality, Setting
from .permissions import CouncilPermissionPolicy
from .views import CouncilViewSetGroup

register_permission_policy(Council, CouncilPermissionPolicy(Council, council_field="pk"))
register_permission_policy(Locality, CouncilPermissionPolicy(Locality))
register_permission_policy(Setting, CouncilPermissionPolicy(Setting))

register_snippet(CouncilViewSetGroup)
