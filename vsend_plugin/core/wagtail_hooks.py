from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .log_entries import council_log_models
from .models import Council, CouncilLogEntry, Locality, Setting
from .permissions import CouncilPermissionPolicy
from .viewsets import CouncilViewSetGroup

register_permission_policy(Council, CouncilPermissionPolicy(Council, council_field="pk"))
register_permission_policy(Locality, CouncilPermissionPolicy(Locality))
register_permission_policy(Setting, CouncilPermissionPolicy(Setting))

register_snippet(CouncilViewSetGroup)


@hooks.register("register_log_actions")
def log_council_objects_by_council(actions):
    """vsend's objects are logged with their council, and read only within it."""
    for model in council_log_models():
        actions.register_model(model, CouncilLogEntry)


def page_editors_only(view):
    """Wrap a Wagtail page view that checks no permission: 404 unless the user may edit the page."""

    def guarded(request, page_id, *args, **kwargs):
        page = get_object_or_404(Page, pk=page_id)
        if not page.permissions_for_user(request.user).can_edit():
            raise Http404
        return view(request, *args, page_id=page_id, **kwargs)

    return guarded


#: Wagtail page views that check no permission of their own, by URL name.
UNCHECKED_PAGE_VIEWS = {"confirm_workflow_cancellation"}


@hooks.register("register_admin_urls")
def guard_unchecked_page_views():
    """Wagtail's "confirm workflow cancellation" shows any page's workflow to anyone in the admin.

    Wagtail's page addresses come before every hook's, so rather than adding
    an address, the view Wagtail's own address calls is wrapped in place (as
    Wagtail itself wraps every admin view with its admin access check).
    """
    from wagtail.admin.urls import pages as page_urls

    for pattern in page_urls.urlpatterns:
        if getattr(pattern, "name", None) in UNCHECKED_PAGE_VIEWS and not getattr(
            pattern.callback, "vsend_guarded", False
        ):
            pattern.callback = page_editors_only(pattern.callback)
            pattern.callback.vsend_guarded = True
    return []


def own_council_sites_only(view):
    """Wrap Wagtail's page types usage report: a council's staff count only their own site.

    The report counts every site's pages and names each type's last edited
    page, another council's included; for anyone but a superuser its site
    filter is held to one of the user's councils' sites.
    """
    from .permissions import councils_for

    def guarded(request, *args, **kwargs):
        if not request.user.is_superuser:
            roots = list(councils_for(request.user).values_list("site__root_page__path", flat=True))
            if request.GET.get("site") not in roots:
                query = request.GET.copy()
                query["site"] = roots[0] if roots else "-"  # "-" matches no page at all
                request.GET = query
        return view(request, *args, **kwargs)

    return guarded


#: Wagtail reports that count or name every site's pages, by URL name.
ALL_SITES_REPORTS = {"page_types_usage", "page_types_usage_results"}


@hooks.register("register_admin_urls")
def hold_reports_to_the_users_council():
    from wagtail.admin.urls import reports as report_urls

    for pattern in report_urls.urlpatterns:
        if getattr(pattern, "name", None) in ALL_SITES_REPORTS and not getattr(
            pattern.callback, "vsend_guarded", False
        ):
            pattern.callback = own_council_sites_only(pattern.callback)
            pattern.callback.vsend_guarded = True
    return []


@hooks.register("register_vsend_council_log_models")
def images_and_documents_are_logged_by_council():
    """An image's or document's history is the council's whose collection holds it."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from .log_entries import council_id_of_collection

    def council_of(obj):
        return council_id_of_collection(obj.collection)

    return {get_image_model(): council_of, get_document_model(): council_of}
