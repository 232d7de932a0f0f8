"""Keep the search index in step when what a service is found by changes outside its page."""

from django.db.models.signals import post_save

from .models import Organisation, ServiceCategory, ServicePage
from .search_index import for_indexing, index_services


def reindex_services_of(sender, instance, raw=False, **kwargs):
    """A renamed organisation or category: its services are found by the new name."""
    if raw:
        return
    services = ServicePage.objects.filter(
        **{"organisation" if sender is Organisation else "categories": instance}
    )
    index_services(for_indexing(services))


def index_saved_service(sender, instance, raw=False, update_fields=None, **kwargs):
    """Saved content is indexed for the local offer search (a draft revision is not)."""
    if raw:
        return
    if update_fields is None or not {"title", "description"}.isdisjoint(update_fields):
        index_services([instance])


def register_signal_handlers():
    post_save.connect(index_saved_service, sender=ServicePage, dispatch_uid="vsend-index-service")
    for model in (Organisation, ServiceCategory):
        uid = f"vsend-reindex-{model.__name__}"
        post_save.connect(reindex_services_of, sender=model, dispatch_uid=uid)
