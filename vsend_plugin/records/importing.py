"""Importing a child's whole record (``vsend-record/1``) from another install.

All or nothing: the document is checked against its JSON Schema, every
version's raw ratings are scored again and must give its stored profile
exactly, the child is placed in the receiving council's own setting and
locality, and only then is anything written, in one transaction. A record of
an unknown scheme, or one whose ratings no longer score to what it says, is
refused naming the version. Import never merges: a case reference the
council already has is a :class:`CaseReferenceTaken` (409).

People of the other install have no accounts here, so the importing officer
is the author of what is stored, and the document itself is kept beside the
child (:class:`.models.ImportedRecord`) with the names, the family's links,
the second ratings and the access log it carried. Families are invited
again by the receiving council.
"""

import json
from datetime import datetime
from functools import cache
from importlib.resources import files

import jsonschema
from django.core.exceptions import ValidationError
from django.db import transaction

from vsend_plugin.assessments.models import (
    AccessEvent,
    Assessment,
    AssessmentVersion,
    Child,
    VersionSource,
)
from vsend_plugin.benchmarking.periods import period_of
from vsend_plugin.benchmarking.rollups import update_rollup
from vsend_plugin.needs_forms.models import CouncilForm
from vsend_plugin.planning.plans import save_plan
from vsend_plugin.planning.serializers import (
    OutcomeSerializer,
    PlanSerializer,
    SupportItemSerializer,
)
from vsend_plugin.scoring import SCHEME, ScoringError, score

from .document import FORMAT
from .models import ImportedRecord


class CaseReferenceTaken(Exception):
    """The receiving council already has a child with the record's case reference."""

    def __init__(self, reference, council):
        super().__init__(
            f"{council} already has a child with case reference {reference}: nothing was "
            "imported. Import never merges into an existing child."
        )


UNKNOWN_FIELD = "Unknown field."


@cache
def record_schema():
    path = files("vsend_plugin.records") / "schema" / "vsend-record-1.schema.json"
    return json.loads(path.read_text())


def _place(path):
    """A JSON Schema error's place as the API names fields: ``assessments.0.taken_at``."""
    return ".".join(str(part) for part in path) or "non_field_errors"


def schema_errors(document):
    validator = jsonschema.Draft202012Validator(
        record_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = {}
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        if error.validator == "additionalProperties":
            known = set(error.schema.get("properties", {}))
            for key in error.instance:
                if key not in known:
                    errors[_place([*error.absolute_path, key])] = [UNKNOWN_FIELD]
            continue
        errors.setdefault(_place(error.absolute_path), []).append(error.message[:300])
    return errors


def _moment(value, place, errors):
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        errors[place] = [f"{value!r} is not a date and time such as 2026-09-14T10:00:00+00:00."]
        return None
    if moment.tzinfo is None:
        errors[place] = ["Give the time zone, such as +00:00."]
        return None
    return moment


def _rescored(version, place, errors):
    """The version's ratings scored again, as stored; an error at ``place`` when they differ."""
    if version["scheme"] != SCHEME:
        errors[f"{place}.scheme"] = [
            f"Unknown scheme {version['scheme']!r}: this install scores with {SCHEME}."
        ]
        return None
    try:
        profile = score(version["need"], version["provision"], version["family_confidence"])
    except ScoringError as error:
        errors[f"{place}.need"] = [str(error)]
        return None
    stored = json.loads(json.dumps(profile.as_dict()))
    if json.dumps(stored, sort_keys=True) != json.dumps(version["profile"], sort_keys=True):
        differ = sorted(
            code
            for code, area in stored.get("areas", {}).items()
            if version["profile"].get("areas", {}).get(code) != area
        )
        where = f" (areas {', '.join(differ)})" if differ else ""
        errors[f"{place}.profile"] = [
            f"The ratings score to a different profile than the one given{where}."
        ]
        return None
    return stored


def check_record(document):
    """Field errors of ``document`` as a record this install can take; ``{}`` when it can."""
    if not isinstance(document, dict):
        return {"non_field_errors": ["Send a vsend-record/1 document, a JSON object."]}
    if document.get("format") != FORMAT:
        return {"format": [f"This is not a {FORMAT} document."]}
    errors = schema_errors(document)
    if errors:
        return errors
    for index, assessment in enumerate(document["assessments"]):
        place = f"assessments.{index}"
        _moment(assessment["taken_at"], f"{place}.taken_at", errors)
        numbers = [version["number"] for version in assessment["versions"]]
        if not numbers or numbers != list(range(1, len(numbers) + 1)):
            errors[f"{place}.versions"] = ["Versions must be numbered 1, 2, 3... in order."]
        for number, version in enumerate(assessment["versions"]):
            _moment(version["created_at"], f"{place}.versions.{number}.created_at", errors)
            _rescored(version, f"{place}.versions.{number}", errors)
    return errors


def _writable(serializer_class):
    return {name for name, field in serializer_class().fields.items() if not field.read_only} - {
        "id"
    }


def plan_data(plan):
    """The record's plan as :func:`.planning.plans.save_plan` takes it, checked by its serializer.

    Row ids are the other install's, and are left out.
    """
    item_fields, outcome_fields = _writable(SupportItemSerializer), _writable(OutcomeSerializer)
    data = {
        "support": [
            {k: v for k, v in row.items() if k in item_fields} for row in plan.get("support", [])
        ],
        "outcomes": [
            {k: v for k, v in row.items() if k in outcome_fields} for row in plan["outcomes"]
        ],
        "trajectory": plan.get("trajectory"),
    }
    serializer = PlanSerializer(data=data, context={"plan": None})
    if not serializer.is_valid():
        raise ValidationError(
            {f"plan.{field}": messages for field, messages in _flat(serializer.errors).items()}
        )
    return serializer.validated_data


def _flat(errors, prefix=""):
    flat = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            flat.update(_flat(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(errors, list) and errors and not isinstance(errors[0], str):
        for index, value in enumerate(errors):
            if value:
                flat.update(_flat(value, f"{prefix}.{index}"))
    else:
        flat[prefix or "non_field_errors"] = [str(message) for message in errors]
    return flat


def _form_for(council, form):
    """The receiving council's form of the same library name or slug, if it has one."""
    if not form:
        return None
    slug = form["slug"]
    forms = CouncilForm.objects.filter(council=council)
    return (forms.filter(library_slug=slug) | forms.filter(form__slug=slug)).first()


def import_record(document, council, *, by, setting, locality, case_reference=None):
    """Store ``document`` as a new child of ``council``; returns the child.

    Raises ValidationError (field errors, nothing stored) or CaseReferenceTaken.
    """
    errors = check_record(document)
    if errors:
        raise ValidationError(errors)
    record = document["child"]
    reference = (case_reference or record["case_reference"]).strip()
    placement = {}
    if setting is None or setting.council_id != council.pk:
        placement["setting"] = [f"Choose a setting of {council} for the child."]
    if locality is None or locality.council_id != council.pk:
        placement["locality"] = [f"Choose a locality of {council} for the child."]
    if placement:
        raise ValidationError(placement)
    written = document["plan"]
    plan = plan_data(written) if written.get("outcomes") or written.get("support") else None

    with transaction.atomic():
        if (
            Child.objects.select_for_update()
            .filter(council=council, case_reference=reference)
            .exists()
        ):
            raise CaseReferenceTaken(reference, council)
        child = Child.objects.create(
            council=council,
            setting=setting,
            locality=locality,
            case_reference=reference,
            given_name=record["given_name"],
            birth_month=record["birth_month"],
            birth_year=record["birth_year"],
            year_group=record["year_group"],
        )
        periods = set()
        for entry in document["assessments"]:
            taken_at = _moment(entry["taken_at"], "", {})
            periods.add(period_of(taken_at))
            assessment = Assessment.objects.create(
                child=child, council=council, taken_at=taken_at, created_by=by
            )
            for version in entry["versions"]:
                form = _form_for(council, version["form"])
                AssessmentVersion.objects.create(
                    assessment=assessment,
                    number=version["number"],
                    source=version["source"]
                    if version["source"] in VersionSource.values
                    else VersionSource.PRACTITIONER,
                    author=by,
                    created_at=_moment(version["created_at"], "", {}),
                    form=form,
                    form_version=version["form"]["version"] if form else None,
                    need=version["need"],
                    provision=version["provision"],
                    family_confidence=version["family_confidence"],
                    **{
                        name: version.get(name, "")
                        for name in (
                            "strengths",
                            "aspirations",
                            "views",
                            "family_views",
                            "family_aspirations",
                        )
                    },
                    answers=version.get("answers") or {},
                    scheme=SCHEME,
                    profile=version["profile"],
                )
        if plan is not None:
            save_plan(child, plan, author=by)
            if document["plan"].get("family_aspirations"):
                child.support_plan.family_aspirations = document["plan"]["family_aspirations"]
                child.support_plan.save(update_fields=["family_aspirations"])
        ImportedRecord.objects.create(
            council=council, child=child, imported_by=by, document=document
        )
        AccessEvent.objects.create(
            council=council,
            user=by,
            username=by.get_username(),
            action=AccessEvent.Action.IMPORTED,
            child=child,
        )
        for period in sorted(periods):
            transaction.on_commit(lambda period=period: update_rollup(council.pk, period))
    return child
