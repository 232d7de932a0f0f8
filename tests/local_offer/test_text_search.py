"""Finding services by the words families type: stemming, synonyms, any order, reasons.

The services are the demo's own (``fixtures/demo/services.yaml``), loaded for
one council, so the searches are the ones the demo must answer. Runs on
SQLite (vsend's own stemming) and on PostgreSQL (its full-text search).
"""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.conftest import create_council
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.local_offer.models import SearchSynonym, ServicePage, ServiceSearchDocument
from vsend_plugin.local_offer.search_index import parse
from vsend_site.demo.local_offer import set_up_local_offer

pytestmark = pytest.mark.django_db

HOST = "northshire.localhost"


@made_once_a_module
def demo_services():
    """Northshire's local offer of the demo's services, and Westmoor with none."""
    northshire = create_council("northshire", "E06000991")
    westmoor = create_council("westmoor", "E06000992")
    fixtures = settings.DEMO_FIXTURES_DIR
    call_command("vsend_load_postcodes", str(fixtures / "postcodes.csv"), stdout=StringIO())
    index = set_up_local_offer(northshire, fixtures / "services.yaml", 1)
    return {"northshire": northshire, "westmoor": westmoor, "index": index}


@pytest.fixture
def services(demo_services):
    """The services, made once for the module (tests/once.py): each test's own copy."""
    return copy_for_a_test(demo_services)


@pytest.fixture
def northshire(services):
    return services["northshire"]


@pytest.fixture
def westmoor(services):
    return services["westmoor"]


@pytest.fixture
def demo_offer(services):
    return services["index"]


def titles(client, index, query, **extra):
    response = client.get(index.url, {"q": query, **extra}, HTTP_HOST=HOST)
    assert response.status_code == 200
    return [result.service.title for result in response.context["search"].results]


#: The issue's seven searches, and services each must find.
SEVEN = {
    "speech therapy": {"Speech and language drop-in", "Children's speech and language therapy"},
    "anxiety": {
        "Worry and wellbeing workshops",
        "Young people's mental health service",
        "Mental health support team in schools",
    },
    "autism": {
        "Autism family support",
        "Autism-friendly swimming",
        "Neurodevelopmental assessment service",
        "Social communication group",
    },
    "ADHD": {
        "ADHD parent workshops",
        "Neurodevelopmental assessment service",
        "Inclusive youth club",
    },
    "dyslexia": {
        "Dyslexia and specific learning difficulties advice",
        "Reading and maths catch-up club",
    },
    "deaf": {
        "Sensory support service (hearing)",
        "Deaf children's youth club",
        "Family sign language course",
    },
    "EHCP": {
        "Education, health and care needs assessments",
        "SEND information, advice and support service",
        "Supported internships",
    },
}


# Each test below tries several searches against one load of the demo's services.


def test_the_issues_searches_find_the_services_for_them(client, demo_offer):
    for query, expected in SEVEN.items():
        found = titles(client, demo_offer, query)
        assert expected <= set(found), (query, expected - set(found))
        assert "Travel training" not in found and "Children's epilepsy nurses" not in found


def test_the_best_match_comes_first(client, demo_offer):
    assert titles(client, demo_offer, "autism")[0].startswith("Autism")
    assert set(titles(client, demo_offer, "deaf")[:3]) == SEVEN["deaf"]


def test_two_words_find_services_with_both_in_any_order(client, demo_offer):
    for query in ("deaf club", "club deaf", "Club,  DEAF!"):
        assert titles(client, demo_offer, query) == ["Deaf children's youth club"], query


SYNONYMS = [
    ("ASD", "Autism family support"),
    ("autistic spectrum", "Autism family support"),
    ("attention deficit", "ADHD parent workshops"),
    ("SpLD", "Reading and maths catch-up club"),
    ("hearing impairment", "Family sign language course"),
    ("EHC plan", "Parent carer forum"),
    ("education health and care plan", "Parent carer forum"),
    ("SLT", "Speech and language drop-in"),
    ("emotional wellbeing", "Worry and wellbeing workshops"),
    ("respite", "Short breaks activity club"),
]


def test_synonyms_widen_a_search(client, demo_offer):
    for query, title in SYNONYMS:
        assert title in titles(client, demo_offer, query), query


def test_words_are_stemmed(client, northshire, demo_offer):
    page = ServicePage(
        title="Music sessions", description="Music therapy for children with autism."
    )
    demo_offer.add_child(instance=page)
    for query in ("therapies", "musical therapy", "session", "autism"):
        assert "Music sessions" in titles(client, demo_offer, query), query
    # stems, not synonyms: with no synonym groups 'therapies' is still 'therapy'
    assert [term.stems for term in parse("therapies", groups=())[0].terms] == [("therapi",)]
    assert "Music sessions" in titles(client, demo_offer, "children therapies")


def test_a_council_adds_its_own_synonyms(client, northshire, westmoor, demo_offer):
    assert titles(client, demo_offer, "Rainbow Centre") == []
    SearchSynonym.objects.create(council=westmoor, terms="Rainbow Centre, child development centre")
    assert titles(client, demo_offer, "Rainbow Centre") == []  # another council's words
    SearchSynonym.objects.create(
        council=northshire, terms="Rainbow Centre, child development centre"
    )
    found = titles(client, demo_offer, "rainbow centre")
    assert "Children's physiotherapy" in found and "Travel training" not in found


def test_a_synonym_needs_two_terms(northshire):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="at least two"):
        SearchSynonym(council=northshire, terms="only one, ,").full_clean()


def test_each_result_says_which_words_it_matched(client, demo_offer):
    response = client.get(demo_offer.url, {"q": "ASD swimming"}, HTTP_HOST=HOST)
    results = response.context["search"].results
    assert [r.service.title for r in results] == ["Autism-friendly swimming"]
    assert results[0].matches == ["ASD (autism)", "swimming"]
    assert "Matches: ASD (autism), swimming" in response.content.decode()


def test_no_result_says_so(client, demo_offer):
    response = client.get(demo_offer.url, {"q": "zebra crossing"}, HTTP_HOST=HOST)
    assert response.context["search"].results == []
    assert "No services match your search for ‘zebra crossing’." in response.content.decode()


def test_search_keeps_the_other_filters(client, demo_offer):
    assert "Neurodevelopmental assessment service" not in titles(
        client, demo_offer, "autism", age=3
    )
    assert "Autism family support" in titles(client, demo_offer, "autism", age=3)
    assert titles(client, demo_offer, "autism", area="IND") == ["Inclusive youth club"]
    free = titles(client, demo_offer, "autism", free="on")
    assert "Autism-friendly swimming" not in free and "Autism family support" in free
    near = titles(client, demo_offer, "deaf", postcode="NS1 1AA", distance="1")
    assert near == ["Family sign language course"]  # at the North Coast hub, NS1 1AA


ODD = [
    ("!!! ??? ...", "Enter words to search for"),
    ("the and of", "Enter words to search for"),
    ("a" * 201, "200 characters or fewer"),
    ("autism\x00", "words and numbers only"),
]


def test_odd_searches_are_explained_not_errors(client, demo_offer):
    for query, message in ODD:
        response = client.get(demo_offer.url, {"q": query, "age": "3"}, HTTP_HOST=HOST)
        assert response.status_code == 200
        assert message in " ".join(response.context["search"].form.errors["q"])
        assert "There is a problem" in response.content.decode()
        assert response.context["search"].results  # the age still searched


BAD = [
    "q=%00",
    "q=%ED%A0%80",
    "q=%25%25%25",
    "q=" + "x" * 5000,
    "q='%3B+DROP+TABLE+x%3B--",
    "q=a%26b%7Cc%21d%3A*",
    "q=%E4%B8%AD%E6%96%87",
    "q=" + "autism+" * 28,
    "q=%C2%BD",
    "q=autism&q=deaf",
    "q[]=x",
    "q=%F0%9F%98%80+autism",
]


def test_bad_input_never_breaks_the_search(client, demo_offer):
    for raw in BAD:
        response = client.get(f"{demo_offer.url}?{raw}", HTTP_HOST=HOST)
        assert response.status_code == 200, raw


def test_the_oruk_api_text_search_is_the_same_search(client, demo_offer):
    response = client.get("/api/oruk/services", {"text": "ASD"}, HTTP_HOST=HOST)
    assert response.status_code == 200
    names = {service["name"] for service in response.json()["contents"]}
    assert {"Autism family support", "Neurodevelopmental assessment service"} <= names
    both = client.get("/api/oruk/services", {"text": "club deaf"}, HTTP_HOST=HOST).json()
    assert [service["name"] for service in both["contents"]] == ["Deaf children's youth club"]
    at = client.get("/api/oruk/service_at_locations", {"text": "club deaf"}, HTTP_HOST=HOST)
    assert at.status_code == 200 and at.json()["total_items"] == 1


def test_every_saved_service_is_indexed_and_a_rename_is_found(client, demo_offer):
    services = ServicePage.objects.child_of(demo_offer)
    assert ServiceSearchDocument.objects.filter(page__in=services).count() == services.count()
    page = services.get(title="Travel training")
    page.title = "Journey confidence"
    page.save_revision()  # a draft is not searched
    assert titles(client, demo_offer, "journey confidence") == []
    page.get_latest_revision().publish()
    assert titles(client, demo_offer, "journey confidence") == ["Journey confidence"]


def test_an_organisation_renamed_is_found_by_its_new_name(client, demo_offer):
    from vsend_plugin.local_offer.models import Organisation

    organisation = Organisation.objects.get(name="Brightpath Families")
    organisation.name = "Lanternfly Families"
    organisation.save()
    assert "Sleep support clinic" in titles(client, demo_offer, "lanternfly")


def test_an_editor_keeps_their_own_councils_synonyms_in_the_admin(
    client, northshire, westmoor, make_member
):
    from vsend_plugin.core.models import Role

    SearchSynonym.objects.create(council=westmoor, terms="Moor Centre, CDC")
    client.force_login(make_member(northshire, Role.EDITOR))
    add = client.post(
        "/admin/snippets/vsend_local_offer/searchsynonym/add/",
        {"council": northshire.pk, "terms": "Rainbow Centre, child development centre"},
    )
    assert add.status_code == 302
    assert SearchSynonym.objects.get(council=northshire).term_list == (
        "Rainbow Centre",
        "child development centre",
    )
    listing = client.get("/admin/snippets/vsend_local_offer/searchsynonym/").content.decode()
    assert "Rainbow Centre" in listing and "Moor Centre" not in listing
