"""Benchmarking in the Wagtail admin: SEND officers only, each seeing their own council's.

Partner tokens and peers are council-owned objects under
:mod:`vsend_plugin.core.permissions`; the dashboard reads rollups the same way.
"""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import CouncilPermissionPolicy

from .dashboard import views as dashboard_views
from .dashboard.registry import vsend_sections
from .models import PartnerToken, Peer, PeerAggregate, Rollup
from .rollups import queue_rollup_after
from .viewsets import LimitedCouncilPermissionPolicy, SharingViewSetGroup


@hooks.register("after_record_vsend_assessment")
def queue_benchmark_rollup(version):
    """Each new assessment version updates its council's quarter, once it has committed."""
    queue_rollup_after(version)


@hooks.register("register_admin_urls")
def benchmarking_dashboard_urls():
    return dashboard_views.urlpatterns


@hooks.register("register_admin_menu_item")
def benchmarking_dashboard_menu_item():
    """Only SEND officers (of some council) and superusers see the dashboard in the menu."""
    return dashboard_views.menu_item()


@hooks.register("construct_vsend_dashboard_sections", order=-100)
def benchmarking_dashboard_sections(request, sections):
    """vsend's own sections, added first so that a council's hook functions see them."""
    sections.extend(vsend_sections())


@hooks.register("register_vsend_role_permissions")
def benchmarking_permissions():
    """SEND officers read their rollups, issue and revoke partner tokens, and register peers."""
    return {
        Role.OFFICER: [
            "vsend_benchmarking.view_rollup",
            "vsend_benchmarking.add_partnertoken",
            "vsend_benchmarking.change_partnertoken",
            "vsend_benchmarking.view_partnertoken",
            "vsend_benchmarking.add_peer",
            "vsend_benchmarking.change_peer",
            "vsend_benchmarking.delete_peer",
            "vsend_benchmarking.view_peer",
            "vsend_benchmarking.view_peeraggregate",
        ],
    }


register_permission_policy(Rollup, CouncilPermissionPolicy(Rollup))
register_permission_policy(
    PartnerToken, LimitedCouncilPermissionPolicy(PartnerToken, {"add", "change", "view"})
)
register_permission_policy(Peer, CouncilPermissionPolicy(Peer))
register_permission_policy(PeerAggregate, LimitedCouncilPermissionPolicy(PeerAggregate, {"view"}))
register_snippet(SharingViewSetGroup)
