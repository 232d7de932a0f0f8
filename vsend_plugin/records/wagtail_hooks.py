"""What records add to the Wagtail admin and the child's page: erasure, exports, transfers."""

from wagtail import hooks

from . import admin_views, export_admin, import_admin, transfer_admin, views


@hooks.register("register_admin_urls")
def records_admin_urls():
    return (
        admin_views.urlpatterns
        + export_admin.urlpatterns
        + transfer_admin.urlpatterns
        + import_admin.urlpatterns
    )


@hooks.register("register_admin_menu_item")
def records_due_menu_item():
    """Only SEND officers (of some council) and superusers see it."""
    return admin_views.menu_item()


@hooks.register("register_admin_menu_item")
def transfers_menu_item():
    return transfer_admin.menu_item()


@hooks.register("register_snippet_listing_buttons")
def transfer_button(snippet, user, next_url=None):
    return transfer_admin.listing_buttons(snippet, user)


@hooks.register("vsend_child_page_sections", order=200)
def whole_record_on_the_childs_page(request, child, profile):
    """After the support plan: the family's (and officers') download of the whole record."""
    return views.child_page_section(request, child, profile)


@hooks.register("register_snippet_listing_buttons")
def record_export_buttons(snippet, user, next_url=None):
    """Each child in the admin listing: their whole record as JSON and as PDF, for officers."""
    return export_admin.listing_buttons(snippet, user)
