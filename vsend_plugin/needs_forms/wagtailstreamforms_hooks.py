"""wagtailstreamforms hooks: each council manages only its own forms and submissions."""

from wagtailstreamforms.hooks import register

from vsend_plugin.core.permissions import councils_for

from .access import FORM_MANAGER_ROLES, check_form_access, forms_visible_to


@register("construct_form_queryset")
def only_own_councils_forms(queryset, request):
    """Filters the Forms listing and the submissions views."""
    return forms_visible_to(request.user, queryset)


@register("before_inspect_form_instance_dispatch")
def refuse_other_councils_forms(instance, request):
    """Edit, delete and inspect answer 404 for another council's form."""
    check_form_access(request.user, instance)
    return instance


@register("before_form_save")
def give_new_forms_a_council(instance, request):
    """A form an editor creates belongs to their council's site."""
    if instance.site_id is None:
        council = councils_for(request.user, FORM_MANAGER_ROLES).select_related("site").first()
        if council is not None:
            instance.site = council.site
    return instance
