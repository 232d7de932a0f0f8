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


def register_signal_handlers():
    for model in (Organisation, ServiceCategory):
        uid = f"vsend-reindex-{model.__name__}"
        post_save.connect(reindex_services_of, sender=model, dispatch_uid=uid)
