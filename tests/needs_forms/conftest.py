import pytest
import yaml

from vsend_plugin.scoring import AREAS, INDICATORS


def level_descriptors(prefix):
    return {level: f"{prefix}: descriptor for level {level}" for level in range(5)}


def needs_mapping_data(*, wording="How is", slug="test-needs-mapping"):
    fields = []
    for area in AREAS:
        for indicator in area.indicators:
            fields.append(
                {
                    "type": "need_rating",
                    "indicator": indicator.code,
                    "label": f"{wording} {indicator.name}?",
                    "help_text": "Think about the last half term.",
                    "age_notes": "Looks different in the early years.",
                    "levels": level_descriptors(indicator.code),
                }
            )
        fields.append(
            {
                "type": "provision_rating",
                "area": area.code,
                "label": f"{wording} the setting placed for {area.name}?",
                "levels": level_descriptors(area.code),
            }
        )
    fields += [
        {"type": "strengths", "label": "Strengths"},
        {"type": "aspirations", "label": "Aspirations"},
        {"type": "radio", "label": "Who was involved?", "choices": ["Teacher", "SENCO"]},
    ]
    return {
        "format": "vsend-form/1",
        "slug": slug,
        "title": "Needs mapping",
        "kind": "needs_mapping",
        "scheme": "vsend-core/1",
        "description": "Rate each need from 0 to 4.",
        "fields": fields,
    }


def survey_data(*, slug="test-survey"):
    """An unscored form: the needs mapping's free-text and ordinary questions, and no ratings."""
    data = needs_mapping_data(slug=slug)
    del data["scheme"]
    data["kind"] = "survey"
    data["fields"] = [field for field in data["fields"] if not field["type"].endswith("_rating")]
    return data


@pytest.fixture
def needs_mapping_yaml():
    def make(**kwargs):
        return yaml.safe_dump(needs_mapping_data(**kwargs), sort_keys=False)

    return make


@pytest.fixture
def write_form(tmp_path):
    def write(text, name="form.yaml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


__all__ = ["INDICATORS"]
