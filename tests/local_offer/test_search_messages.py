"""The local offer's filters say what is wrong in GOV.UK words, not Django's."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_offer(northshire):
    from vsend_plugin.local_offer.models import LocalOfferIndexPage

    index = LocalOfferIndexPage(title="Local offer", slug="local-offer")
    northshire.site.root_page.add_child(instance=index)
    return index


def messages(response):
    return [
        re.sub(r"<[^>]+>|\s+", " ", m).replace("Error:", "").strip()
        for m in re.findall(r'govuk-error-message">(.*?)</p>', response.content.decode(), re.S)
    ]


@pytest.mark.parametrize(
    "query, message",
    [
        ("age=abc", "Age of your child must be a number"),
        ("age=99", "Age of your child must be 25 or less"),
    ],
)
def test_a_wrong_age_is_said_in_govuk_words(client, local_offer, query, message):
    response = client.get(f"/local-offer/?{query}", HTTP_HOST="northshire.localhost")

    assert message in messages(response)
    assert "Enter a whole number." not in response.content.decode()
