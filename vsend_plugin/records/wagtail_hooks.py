"""What records add to the Wagtail admin: erasure, what is due for it, and transfers."""

from wagtail import hooks

from . import admin_views, transfer_admin


@hooks.register("register_admin_urls")
def records_admin_urls():
    return admin_views.urlpatterns + transfer_admin.urlpatterns


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
