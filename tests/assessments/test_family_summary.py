"""Who reads a child's page decides it: the family's own summary, or the practitioner's profile.

The family read plain sentences about what their child finds hard and
easier, what the setting has in place, what changed, their own views and
local help, with no internal measure (band letters, levels, gaps,
intensities, version numbers). Practitioners and officers keep the profile
with its figures, and now read changes and unmet need in words too.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from vsend_plugin.assessments.audit import Action
from vsend_plugin.assessments.models import AccessEvent
from vsend_plugin.assessments.recording import add_family_contribution, record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.local_offer.models import AreaOfNeed, OrdinarilyAvailableProvision
from vsend_plugin.scoring import INDICATORS

pytestmark = pytest.mark.django_db

NEED = dict.fromkeys(INDICATORS, 1) | {"SEMH.wellbeing": 3, "SEMH.relationships": 0}
LATER_NEED = NEED | {"SEMH.wellbeing": 2, "CI.receptive": 0}

#: What a family must never be shown: the practitioner's measures and record-keeping.
INTERNAL = [
    re.compile(pattern)
    for pattern in (
        r"(?i)intensity",
        r"(?i)\bversion\b",
        r"\b[Bb]and\b",
        r"Setting can meet",
        r"\bGap\b",
        r"(?i)unmet",
        r"(?i)\blevel \d",
        r"(?i)\blevels?\b(?! of need)",  # "Robin's level of need" is plain words
        r"\d\.\d\d",
        r"(?i)primary area",
        r"\bprimary\b",
        r"NS-9",
        r"(?i)escalating",
    )
]


@pytest.fixture
def scene(northshire, make_member, make_child, make_parent):
    practitioner = make_member(northshire, Role.PRACTITIONER)
    child = make_child(northshire, "NS-9", "Robin")
    child.practitioners.add(practitioner)
    parent = make_parent(child, "robins-parent")
    return {"child": child, "practitioner": practitioner, "parent": parent}


def assess(scene, need=NEED, *, days_ago=0, provision=None):
    return record_assessment(
        scene["child"],
        scene["practitioner"],
        need=need,
        provision={"SEMH": 2, "CI": 1} if provision is None else provision,
        strengths="Kind to younger children.",
        views="I like drawing.",
        taken_at=timezone.now() - timedelta(days=days_ago),
    )


def page_for(client, user, child):
    client.force_login(user)
    response = client.get(
        reverse("vsend_child", args=[child.pk]), HTTP_HOST=child.council.site.hostname
    )
    assert response.status_code == 200
    return response, visible_text(response.content.decode())


def visible_text(html):
    """The page's words as a reader meets them: the content, without tags or the site's chrome."""
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&#x27;", "'")


def test_the_family_reads_their_own_summary_in_plain_words(client, scene):
    OrdinarilyAvailableProvision.objects.create(
        council=scene["child"].council,
        area=AreaOfNeed.objects.get(code="SEMH"),
        level=3,
        what_you_can_expect="A quiet space and a trusted adult to go to.",
    )
    assess(scene)
    response, text = page_for(client, scene["parent"], scene["child"])
    templates = {t.name for t in response.templates}
    assert "vsend/assessments/child_family_summary.html" in templates
    assert "vsend/assessments/child_detail.html" not in templates
    assert "Robin needs most help with social, emotional and mental health." in text
    # Each area: what is hard, what is easier, what the setting provides, the family at home.
    assert "What Robin finds hard" in text and "What Robin finds easier" in text
    assert "Anxiety, mood, wellbeing : needs specialist help for much of the day" in text
    assert (
        "Relationships with peers and adults : needs no more help than every setting gives "
        "all children" in text
    )
    assert (
        f"{scene['child'].setting.name} has support in place for a child needing regular "
        "targeted support. Robin needs specialist help for much of the day, which is more than "
        "that." in text
    )
    assert "You have not said yet how confident you feel helping with this at home." in text
    assert "This is Robin's first needs mapping, so there is nothing to compare with yet." in text
    assert "Kind to younger children." in text and "I like drawing." in text
    assert "You have not added your view yet." in text
    assert "Local services that may help" in text
    assert "A quiet space and a trusted adult to go to." in text
    assert "For a child needing specialist help for much of the day" in text
    for term in INTERNAL:
        assert not term.search(text), (term.pattern, term.search(text))


def test_the_family_reads_what_changed_and_their_own_views(client, scene):
    assess(scene, days_ago=120)
    version = assess(scene, LATER_NEED)
    add_family_contribution(
        version.assessment,
        scene["parent"],
        family_confidence={"SEMH": 1},
        family_views="Mornings are hard; weekends are calmer.",
        family_aspirations="To join the after-school club.",
    )
    _, text = page_for(client, scene["parent"], scene["child"])
    assert "Overall, Robin needs less support than at the last needs mapping on" in text
    assert (
        "Understanding language got easier: from needing a little extra help to needing no more "
        "help than every setting gives all children." in text
    )
    assert (
        "Anxiety, mood, wellbeing got easier: from needing specialist help for much of the day "
        "to needing regular targeted support." in text
    )
    assert "Everything else stayed the same." in text
    assert "Mornings are hard; weekends are calmer." in text
    assert "To join the after-school club." in text
    assert "You said you feel a little confident helping with this at home." in text
    for term in INTERNAL:
        assert not term.search(text), (term.pattern, term.search(text))


def test_reading_the_family_summary_is_logged(client, scene):
    assess(scene)
    page_for(client, scene["parent"], scene["child"])
    events = AccessEvent.objects.filter(child=scene["child"], action=Action.VIEW_CHILD)
    assert [(e.username, e.path) for e in events] == [
        ("robins-parent", reverse("vsend_child", args=[scene["child"].pk]))
    ]


def test_a_family_with_no_needs_mapping_yet_is_told_so(client, scene):
    _, text = page_for(client, scene["parent"], scene["child"])
    assert "No needs mapping has been recorded for Robin yet." in text


@pytest.mark.parametrize("reader", ["practitioner", "officer", "superuser"])
def test_practitioners_and_officers_keep_their_page_and_its_measures(
    client, scene, make_member, django_user_model, reader
):
    assess(scene, days_ago=120)
    assess(scene, LATER_NEED, provision={"SEMH": 1, "CI": 0})
    user = {
        "practitioner": lambda: scene["practitioner"],
        "officer": lambda: make_member(scene["child"].council, Role.OFFICER),
        "superuser": lambda: django_user_model.objects.create_superuser("root", password="x"),
    }[reader]()
    response, text = page_for(client, user, scene["child"])
    templates = {t.name for t in response.templates}
    assert "vsend/assessments/child_detail.html" in templates
    assert "vsend/assessments/child_family_summary.html" not in templates
    for measure in (
        "Setting can meet",
        "Gap",
        "Family confidence",
        "Band B",
        "version 1",
        "Intensity change",
        "NS-9",
        "Primary area of need",
    ):
        assert measure in text, measure
    # The figures stay in the tables...
    assert re.search(r"Communication and interaction\s+down\s+0 \(from 1 to 1\)\s+-0\.33", text)
    # ...and the words people use say what they mean.
    assert "Robin needs more than the setting has in place in two areas." in text, (
        "unmet need in words"
    )
    assert (
        "Understanding language got easier: from needing a little extra help to needing no more "
        "help than every setting gives all children." in text
    )
    assert (
        "Social, emotional and mental health got easier: from needing specialist help for much of "
        "the day to needing regular targeted support." in text
    )
    assert "intensity -" not in text and "levels, in" not in text
