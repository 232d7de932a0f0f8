"""Signposting on a child's page: services matching needs, age and locality, best first."""

import pytest
from django.urls import reverse
from django.utils import timezone

from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.local_offer.models import AreaOfNeed, LocalOfferIndexPage, ServicePage
from vsend_plugin.local_offer.signposting import suggestions_for
from vsend_plugin.scoring import INDICATORS, score

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(northshire):
    index = LocalOfferIndexPage(title="Local offer", slug="local-offer")
    northshire.site.root_page.add_child(instance=index)

    def service(title, areas, *, min_age=None, max_age=None, localities=()):
        page = ServicePage(title=title, description="A service.", min_age=min_age, max_age=max_age)
        index.add_child(instance=page)
        page.areas_of_need.set(AreaOfNeed.objects.filter(code__in=areas))
        page.localities.set(localities)
        page.save_revision().publish()
        return page

    return service


@pytest.fixture
def child(northshire, make_child):
    child = make_child(northshire, "NS-5", "Heath")
    child.birth_year = timezone.localdate().year - 9
    child.birth_month = 1
    child.save()
    return child


def profile_with(levels, provision=None):
    need = dict.fromkeys(INDICATORS, 0)
    for code, level in levels.items():
        need[code] = level
    return score(need, provision or {}).as_dict()


def test_services_follow_need_gap_age_and_locality(offer, child, northshire):
    other_locality = northshire.localities.exclude(pk=child.locality_id).first()
    offer("Social skills group", ["CI"])
    offer("Worry workshop", ["SEMH"], localities=[child.locality])
    offer("Reading club", ["CL"])  # CL need is 1: not suggested
    offer("Toddler sensory", ["CI"], max_age=4)  # too young for a 9-year-old
    offer("Far away CI group", ["CI"], localities=[other_locality])
    profile = profile_with(
        {"CI.social": 2, "SEMH.wellbeing": 3, "CL.literacy": 1}, {"SEMH": 1, "CI": 2}
    )

    suggestions = suggestions_for(child, profile)

    assert [s.service.title for s in suggestions] == ["Worry workshop", "Social skills group"]
    worry = suggestions[0]
    assert (
        "Helps with social, emotional and mental health, where Heath needs more help than the "
        "setting has in place." in worry.reasons
    )
    assert not any("level" in reason for suggestion in suggestions for reason in suggestion.reasons)
    assert any(child.locality.name in reason for reason in worry.reasons)
    assert "Open to children aged 9." in suggestions[1].reasons


def test_nothing_is_suggested_when_needs_are_low(offer, child):
    offer("Social skills group", ["CI"])
    assert suggestions_for(child, profile_with({"CI.social": 1})) == []


def test_the_childs_page_lists_the_suggestions(client, offer, child, make_member):
    offer("Social skills group", ["CI"])
    practitioner = make_member(child.council, Role.PRACTITIONER)
    child.practitioners.add(practitioner)
    need = dict.fromkeys(INDICATORS, 0)
    need["CI.receptive"] = 3
    record_assessment(child, practitioner, need=need)
    client.force_login(practitioner)
    html = client.get(
        reverse("vsend_child", args=[child.pk]), HTTP_HOST=child.council.site.hostname
    ).content.decode()
    assert "Local services that may help" in html
    assert "Social skills group" in html
    assert (
        "Helps with communication and interaction, where Heath needs specialist help for much "
        "of the day." in html
    )
    assert "at level 3" not in html


def test_what_every_setting_provides_is_read_beside_the_profile(client, child, make_member):
    from vsend_plugin.local_offer.models import OrdinarilyAvailableProvision

    area = AreaOfNeed.objects.get(code="CI")
    OrdinarilyAvailableProvision.objects.create(
        council=child.council,
        area=area,
        level=3,
        what_you_can_expect="Visual timetables in every classroom.",
    )
    OrdinarilyAvailableProvision.objects.create(
        council=child.council, area=area, level=1, what_you_can_expect="Not this one."
    )
    practitioner = make_member(child.council, Role.PRACTITIONER)
    child.practitioners.add(practitioner)
    need = dict.fromkeys(INDICATORS, 0)
    need["CI.receptive"] = 3
    record_assessment(child, practitioner, need=need)
    client.force_login(practitioner)
    html = client.get(
        reverse("vsend_child", args=[child.pk]), HTTP_HOST=child.council.site.hostname
    ).content.decode()
    assert "What every setting provides" in html
    assert "Visual timetables in every classroom." in html and "Not this one." not in html
    assert "For a child needing specialist help for much of the day" in html
    assert "(level 3)" not in html
    assert html.index("What every setting provides") < html.index("Local services that may help")
