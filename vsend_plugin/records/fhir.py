"""FHIR R4 for health partners: a form as a ``Questionnaire``, an assessment as a ``Bundle``.

Plain dicts in FHIR's JSON, built from what vsend stores; the tests validate
them with the ``fhir.resources`` R4B models and check the codes against the
scheme. Codes are in vsend's own systems (the scheme's indicators, areas and
levels), named by stable URIs, since no standard terminology carries them.

A questionnaire's ``url`` is its council site's address of it, so that it is
stable per council and form and resolvable by whoever may read it; its
``version`` is the form's version, and a response names the version it
answered (``url|version``).
"""

import re

from vsend_plugin.needs_forms.binding import NEED, bindings
from vsend_plugin.needs_forms.models import FormStatus
from vsend_plugin.scoring import AREAS, INDICATORS
from vsend_plugin.scoring.scheme import LEVELS, SCHEME

SYSTEM = "https://vsend.org.uk/fhir/CodeSystem"
INDICATOR_SYSTEM = f"{SYSTEM}/{SCHEME.replace('/', '-')}-indicator"
AREA_SYSTEM = f"{SYSTEM}/{SCHEME.replace('/', '-')}-area"
LEVEL_SYSTEM = f"{SYSTEM}/{SCHEME.replace('/', '-')}-level"
FIGURE_SYSTEM = f"{SYSTEM}/{SCHEME.replace('/', '-')}-figure"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
AREA_NAMES = {area.code: area.name for area in AREAS}


def questionnaire_url(council_form):
    return f"{council_form.council.site.root_url}/api/vsend/v1/forms/{council_form.form.slug}/fhir/"


def level_coding(level):
    return {"system": LEVEL_SYSTEM, "code": str(level), "display": LEVELS[level].name}


def _questions(council_form):
    """``{indicator code: the council's wording}`` of the form's need questions."""
    return {
        b.code: b.label or INDICATORS[b.code].name
        for b in bindings(council_form.form.fields)
        if b.field_type == NEED and b.code in INDICATORS
    }


def questionnaire(council_form):
    """The council's needs-mapping form as a FHIR R4 ``Questionnaire``."""
    wording = _questions(council_form)
    name = re.sub(r"[^A-Za-z0-9]", "", council_form.form.slug.title()) or "NeedsMapping"
    groups = []
    for area in AREAS:
        codes = [code for code, indicator in INDICATORS.items() if indicator.area == area.code]
        groups.append(
            {
                "linkId": area.code,
                "text": area.name,
                "type": "group",
                "code": [{"system": AREA_SYSTEM, "code": area.code, "display": area.name}],
                "item": [
                    {
                        "linkId": code,
                        "text": wording.get(code, INDICATORS[code].name),
                        "type": "choice",
                        "required": True,
                        "code": [
                            {
                                "system": INDICATOR_SYSTEM,
                                "code": code,
                                "display": INDICATORS[code].name,
                            }
                        ],
                        "answerOption": [
                            {
                                "valueCoding": level_coding(level.value),
                                "extension": [{"url": ORDINAL_VALUE, "valueDecimal": level.value}],
                            }
                            for level in LEVELS
                        ],
                    }
                    for code in codes
                ],
            }
        )
    return {
        "resourceType": "Questionnaire",
        "id": council_form.form.slug,
        "url": questionnaire_url(council_form),
        "version": str(council_form.version),
        "name": name[:1].upper() + name[1:],
        "title": council_form.form.title,
        "status": "active" if council_form.status == FormStatus.PUBLISHED else "draft",
        "subjectType": ["Patient"],
        "publisher": council_form.council.name,
        "item": groups,
    }


def _subject(child):
    """Display only: vsend does not hold NHS numbers, and shares no Patient resource."""
    return {"display": f"Child {child.case_reference}"}


def questionnaire_response(version):
    assessment, child = version.assessment, version.assessment.child
    form = version.form
    canonical = f"{questionnaire_url(form)}|{version.form_version}" if form else None
    items = []
    for area in AREAS:
        answers = [
            {
                "linkId": code,
                "text": indicator.name,
                "answer": [{"valueCoding": level_coding(version.need[code])}],
            }
            for code, indicator in INDICATORS.items()
            if indicator.area == area.code and version.need.get(code) is not None
        ]
        if answers:
            items.append({"linkId": area.code, "text": area.name, "item": answers})
    response = {
        "resourceType": "QuestionnaireResponse",
        "id": f"assessment-{assessment.pk}-version-{version.number}",
        "status": "completed" if version.number == 1 else "amended",
        "subject": _subject(child),
        "authored": version.created_at.isoformat(),
        "item": items,
    }
    if canonical:
        response["questionnaire"] = canonical
    return response


def _quantity(value):
    return {"value": value, "unit": "level", "system": LEVEL_SYSTEM, "code": "level"}


def area_observation(version, code):
    area = version.profile["areas"][code]
    observation = {
        "resourceType": "Observation",
        "id": f"assessment-{version.assessment_id}-version-{version.number}-{code}",
        "status": "final" if version.number == 1 else "amended",
        "code": {"coding": [{"system": AREA_SYSTEM, "code": code, "display": AREA_NAMES[code]}]},
        "subject": _subject(version.assessment.child),
        "effectiveDateTime": version.assessment.taken_at.isoformat(),
    }
    if area.get("level") is None:
        observation["dataAbsentReason"] = {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                    "code": "not-asked",
                }
            ]
        }
    else:
        observation["valueInteger"] = area["level"]
    components = []
    for figure in ("intensity", "provision", "gap", "family_confidence"):
        value = area.get(figure)
        if value is not None:
            components.append(
                {
                    "code": {"coding": [{"system": FIGURE_SYSTEM, "code": figure}]},
                    "valueQuantity": _quantity(float(value)),
                }
            )
    if components:
        observation["component"] = components
    return observation


def assessment_bundle(version):
    """A version as a collection ``Bundle``: the response, and an ``Observation`` per area."""
    resources = [questionnaire_response(version)]
    resources += [area_observation(version, area.code) for area in AREAS]
    return {
        "resourceType": "Bundle",
        "id": f"assessment-{version.assessment_id}-version-{version.number}",
        "type": "collection",
        "timestamp": version.created_at.isoformat(),
        "entry": [{"resource": resource} for resource in resources],
    }
