"""Fields of the assessments API that DRF's own would get wrong for a child's record.

Ratings are checked by the scoring module, not by serializer fields. A level
is a JSON integer from 0 to 4 and nothing else (DRF's ``IntegerField`` would
take ``"2"`` and ``2.0``), and the errors are exactly the ones the scoring
module reports everywhere else in vsend.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vsend_plugin.scoring.scheme import AREAS_BY_CODE, INDICATORS, MAX_LEVEL, MIN_LEVEL

from .queries import visible_children


def _ratings_schema(codes):
    """An object of the codes to a level 0 to 4 or null, and no other key, as scoring checks."""
    level = {"type": "integer", "minimum": MIN_LEVEL, "maximum": MAX_LEVEL, "nullable": True}
    return {
        "type": "object",
        "properties": {code: level for code in codes},
        "additionalProperties": False,
    }


class RatingsField(serializers.Field):
    """Ratings exactly as they came, for the scoring module to check.

    Nothing is converted here: converting ``"2"`` to ``2`` would let a broken
    integration produce plausible-looking profiles.
    """

    def to_internal_value(self, data):
        return data

    def to_representation(self, value):
        return value


@extend_schema_field(_ratings_schema(INDICATORS))
class NeedRatingsField(RatingsField):
    """Indicator codes (``CI.receptive``) to levels."""


@extend_schema_field(_ratings_schema(AREAS_BY_CODE))
class AreaRatingsField(RatingsField):
    """Area codes (``CI``) to levels: provision and family confidence."""


class TextField(serializers.CharField):
    """Free text, and only text: DRF's ``CharField`` would store ``5`` as ``"5"``."""

    default_error_messages = {"invalid": "Must be text (a JSON string)."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.INT)
class ChildField(serializers.Field):
    """A child the caller may see, by id.

    A child the caller may not see gets the same answer as an id nobody has,
    so the error says nothing about whether the child exists.
    """

    default_error_messages = {
        "invalid": "Give the child's id, a whole number.",
        "does_not_exist": "No such child.",
    }

    def to_internal_value(self, data):
        if type(data) is not int:
            self.fail("invalid")
        child = visible_children(self.context["request"].user).filter(pk=data).first()
        if child is None:
            self.fail("does_not_exist")
        return child

    def to_representation(self, child):
        return child.pk


class OptionalCodeField(serializers.CharField):
    """A band or area code: the model stores ``""`` for none, the API ``null`` as a profile does."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None
