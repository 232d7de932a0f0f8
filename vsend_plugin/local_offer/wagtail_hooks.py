from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from vsend_plugin.core.models import Role
from vsend_plugin.core.permissions import CouncilPermissionPolicy
from vsend_plugin.core.wording import needing

from .models import OrdinarilyAvailableProvision, Organisation, SearchSynonym, ServiceCategory
from .signposting import suggestions_for
from .viewsets import LocalOfferViewSetGroup


@hooks.register("register_vsend_role_permissions")
def local_offer_permissions():
    """Editors keep the council's organisations and categories of services."""
    names = [
        f"vsend_local_offer.{action}_{model}"
        for model in (
            "organisation",
            "servicecategory",
            "ordinarilyavailableprovision",
            "searchsynonym",
        )
        for action in ("add", "change", "delete", "view")
    ]
    return {Role.EDITOR: names, Role.OFFICER: [n for n in names if "delete" not in n]}


@hooks.register("vsend_child_page_sections", order=-1)
def what_every_setting_provides(request, child, profile):
    """Beside the profile: what the council says every setting provides at the child's levels."""
    if not profile:
        return None
    levels = {code: area.get("level") for code, area in (profile.get("areas") or {}).items()}
    offers = {
        (offer.area.code, offer.level): offer
        for offer in OrdinarilyAvailableProvision.objects.filter(
            council=child.council
        ).select_related("area")
    }
    rows = [
        (offer.area.name, needing(level), offer.what_you_can_expect)
        for code, level in levels.items()
        if level is not None and (offer := offers.get((code, level)))
    ]
    return render_to_string(
        "vsend/local_offer/ordinarily_available.html",
        {"rows": rows, "child": child},
        request=request,
    )


@hooks.register("vsend_child_page_sections")
def local_services_for_the_child(request, child, profile):
    """Shown on a child's page (to practitioners and the family): services that fit."""
    if not profile:
        return None
    return render_to_string(
        "vsend/local_offer/signposts.html",
        {"suggestions": suggestions_for(child, profile), "child": child},
        request=request,
    )


register_permission_policy(Organisation, CouncilPermissionPolicy(Organisation))
register_permission_policy(ServiceCategory, CouncilPermissionPolicy(ServiceCategory))
register_permission_policy(
    OrdinarilyAvailableProvision, CouncilPermissionPolicy(OrdinarilyAvailableProvision)
)
register_permission_policy(SearchSynonym, CouncilPermissionPolicy(SearchSynonym))
register_snippet(LocalOfferViewSetGroup)
