"""A filled-in needs-mapping form's cleaned data, read back as ratings through its bindings."""

from datetime import date
from pathlib import Path

import pytest

from vsend_plugin.needs_forms.answers import answers_from
from vsend_plugin.needs_forms.binding import FREE_TEXT_TYPES, NEED, PROVISION, bindings
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.scoring import AREA_CODES, INDICATORS

CORE = Path(__file__).resolve().parents[2] / "forms_library" / "needs-mapping" / "core.yaml"

pytestmark = pytest.mark.django_db


@pytest.fixture
def core_form(northshire):
    return import_form(read_library_file(CORE), northshire)[0]


def test_each_bound_question_rates_its_indicator_and_texts_are_joined(core_form):
    found = bindings(core_form.form.fields)
    cleaned = {"form_version": core_form.version, "meeting-held": date(2026, 9, 1)}
    for number, binding in enumerate(found):
        if binding.field_type in (NEED, PROVISION):
            cleaned[binding.field_name] = number % 5
        else:
            cleaned[binding.field_name] = f"  said {binding.field_type}  "

    need, provision, confidence, texts, other = answers_from(core_form, cleaned)

    assert set(need) == set(INDICATORS)
    assert set(provision) == set(AREA_CODES)
    for binding in found:
        if binding.field_type in (NEED, PROVISION):
            rated = need if binding.field_type == NEED else provision
            assert rated[binding.code] == cleaned[binding.field_name], binding
    assert confidence == {}
    assert texts == {
        kind: "\n\n".join(f"said {kind}" for binding in found if binding.field_type == kind)
        for kind in FREE_TEXT_TYPES
    }
    # The council's own questions are kept as answers, made storable; the version is not.
    assert other == {"meeting-held": "2026-09-01"}


def test_an_unanswered_rating_is_kept_as_none_for_the_scorer_to_name(core_form):
    need, _, _, _, _ = answers_from(core_form, {})
    assert set(need) == set(INDICATORS)
    assert set(need.values()) == {None}
