"""Validation of councils, localities and settings, in words an editor understands."""

import pytest
from django.core.exceptions import ValidationError

from vsend_plugin.core.models import Council, Setting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["E06000047", "E07000223", "E08000025", "E09000001", "E10000002"])
def test_english_local_authority_codes_are_accepted(northshire, code):
    northshire.ons_code = code
    northshire.full_clean()


@pytest.mark.parametrize(
    "code", ["W06000001", "S12000033", "E0600004", "E11000001", "e06000047", ""]
)
def test_other_codes_are_refused_with_a_message(northshire, code):
    northshire.ons_code = code
    with pytest.raises(ValidationError) as error:
        northshire.full_clean()
    assert "ons_code" in error.value.message_dict


def test_a_setting_cannot_use_another_councils_locality(northshire, westmoor):
    setting = Setting(
        council=northshire,
        locality=westmoor.localities.first(),
        name="Misplaced School",
        kind="primary",
    )
    with pytest.raises(ValidationError) as error:
        setting.full_clean()
    assert "Choose a locality of Northshire Council." in error.value.message_dict["locality"]


@pytest.mark.parametrize(
    "urn,ok",
    [("100000", True), ("1234567", True), ("EY123456", True), ("12345", False), ("ABC123", False)],
)
def test_unique_reference_numbers(northshire, urn, ok):
    setting = Setting(
        council=northshire,
        locality=northshire.localities.first(),
        name="A",
        kind="nursery",
        urn=urn,
    )
    if ok:
        setting.full_clean()
    else:
        with pytest.raises(ValidationError):
            setting.full_clean()


def test_a_council_is_its_own_council(northshire):
    assert northshire.council is northshire
    assert (
        Council.objects.get(slug="northshire").site.root_page.specific.title == "Northshire Council"
    )
