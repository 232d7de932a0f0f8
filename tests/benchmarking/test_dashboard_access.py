"""Who may open the SEND officers' benchmarking dashboard, and bad choices on it.

What the dashboard shows is pinned in test_dashboard.py; here a small
population, made once for the module (tests/once.py), is just enough figures
to open it: who may is what these tests are about.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from guardian.shortcuts import assign_perm

from tests.benchmarking.population import assess_children
from tests.conftest import create_child, create_council, create_member
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments.models import Child
from vsend_plugin.benchmarking.rollups import rebuild

pytestmark = pytest.mark.django_db

URL = reverse("vsend_benchmarking_dashboard")


def csv_url(section):
    return reverse("vsend_benchmarking_dashboard_csv", args=[section])


@made_once_a_module
def population():
    """Just enough figures to open a dashboard, and a user of every kind."""
    northshire = create_council("northshire", "E06000991")
    westmoor = create_council("westmoor", "E06000992")
    for council in (northshire, westmoor):
        assess_children(council, create_member(council, "practitioner"), create_child, [10])
    rebuild()
    users = get_user_model().objects
    parent = users.create_user("parent", password="x")
    child = Child.objects.filter(council=northshire).first()
    assign_perm("vsend_assessments.view_child", parent, child)
    both = create_member(northshire, "officer", username="officer-of-both")
    both.groups.add(westmoor.group_for("officer"))
    return {
        "officer": create_member(northshire, "officer"),
        "editor": create_member(northshire, "editor"),
        "practitioner": create_member(northshire, "practitioner", username="another-practitioner"),
        "westmoor officer": create_member(westmoor, "officer"),
        "parent": parent,
        "officer of both": both,
        "superuser": users.create_superuser("root", password="x"),
    }


@pytest.fixture
def everyone(population):
    return copy_for_a_test(population)


@pytest.mark.parametrize("path", [URL, csv_url("bands")])
@pytest.mark.parametrize(
    "who,expected",
    [
        ("officer", 200),
        ("officer of both", 200),
        ("superuser", 200),
        ("editor", 403),
        ("westmoor officer", 404),
        ("practitioner", "sign in"),
        ("parent", "sign in"),
        ("anonymous", "sign in"),
    ],
)
def test_only_the_councils_send_officers_see_its_dashboard(client, everyone, path, who, expected):
    if who != "anonymous":
        client.force_login(everyone[who])
    response = client.get(path, {"council": "northshire", "period": "2026-Q3"})
    if expected == "sign in":
        # Without admin access, Wagtail sends the user to sign in, before any view runs.
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    else:
        assert response.status_code == expected
    if expected != 200:
        assert b"Band A" not in response.content


def test_the_menu_shows_benchmarking_only_to_those_who_may_open_it(client, everyone):
    for who, shown in [
        ("officer", True),
        ("superuser", True),
        ("editor", False),
        ("westmoor officer", True),
    ]:
        client.force_login(everyone[who])
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert (URL in html) is shown, who


# Bad input.


@pytest.mark.parametrize(
    "query,status,message",
    [
        ({"period": "2026-Q9"}, 400, "Give a quarter as YEAR-Qn"),
        ({"period": "last quarter"}, 400, "Give a quarter as YEAR-Qn"),
        ({"period": "2026-Q3'; drop table"}, 400, "Give a quarter as YEAR-Qn"),
        ({"period": "2019-Q1"}, 404, "has no figures for 2019-Q1"),
        ({"council": "nowhere"}, 404, "There is no council"),
        ({"council": "../../etc"}, 404, "There is no council"),
    ],
)
@pytest.mark.parametrize("path", [URL, csv_url("areas")])
def test_bad_choices_get_a_clear_answer_not_an_error(
    client, everyone, query, status, message, path
):
    client.force_login(everyone["officer"])
    response = client.get(path, query)
    assert response.status_code == status
    assert message in response.content.decode()


def test_an_unknown_table_is_not_found(client, everyone):
    client.force_login(everyone["officer"])
    assert client.get(csv_url("children")).status_code == 404
