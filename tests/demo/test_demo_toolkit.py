"""The demo councils each get a co-production toolkit built from the forms library."""

import pytest

from tests.demo.loading import demo_loaded_once, load_demo
from vsend_plugin.core.models import Council
from vsend_plugin.toolkit.models import ToolkitIndexPage

pytestmark = pytest.mark.django_db

SLUGS = ["northshire", "westmoor", "eastbrook"]
TOOLS = [
    "co-production guidance",
    "co-production decision aid",
    "co-production self-assessment",
    "parent carer survey",
    "multi-agency case review",
]


ARGUMENTS = ("--children", "2")

demo = demo_loaded_once(*ARGUMENTS)


def test_each_council_has_the_toolkit_and_running_again_keeps_it(demo, settings, client):
    settings.DEBUG = True
    first = {}
    for slug in SLUGS:
        home = Council.objects.get(slug=slug).site.root_page
        toolkit = ToolkitIndexPage.objects.child_of(home).get(slug="toolkit")
        pages = toolkit.get_children().live().specific()
        assert sorted(page._meta.verbose_name for page in pages) == sorted(TOOLS)
        first[slug] = sorted(page.pk for page in pages)
        response = client.get("/toolkit/", HTTP_HOST=f"{slug}.localhost:8000")
        assert response.status_code == 200
        home_page = client.get("/", HTTP_HOST=f"{slug}.localhost:8000").content.decode()
        assert 'href="/toolkit/"' in home_page
    answer = client.get(
        "/toolkit/should-we-co-produce/?answered=1&q1=1&q2=2&q3=1&q4=1",
        HTTP_HOST="westmoor.localhost:8000",
    )
    assert answer.status_code == 200 and "recommend" in answer.content.decode().lower()

    load_demo(*ARGUMENTS)
    for slug in SLUGS:
        home = Council.objects.get(slug=slug).site.root_page
        toolkit = ToolkitIndexPage.objects.child_of(home).get(slug="toolkit")
        assert sorted(page.pk for page in toolkit.get_children()) == first[slug]
