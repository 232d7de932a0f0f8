"""The benchmarks API's answers, described once: for the schema, the response, and peers.

:class:`BenchmarksSerializer` and :class:`BenchmarkPeriodsSerializer` say
what ``GET benchmarks/`` and ``GET benchmarks/periods/`` answer
(``spec/interfaces.md``). This install renders its own answers through them,
drf-spectacular documents them from them, and federation validates a peer's
answers with them (:mod:`.peer_responses`): a peer is another install, run
by someone else, on another version of vsend perhaps, and whatever it sends
ends up on this council's dashboard beside its own figures.

So validation is strict where DRF's fields are lenient: a count is a JSON
whole number (not ``"12"``, ``12.0`` or ``true``), the published figures must
look disclosure-controlled (no count from 1 to 4, no figures in a suppressed
group, no shown group under the minimum), and the messages say what kind of
value came, never the value itself. Fields this install does not know are
ignored, and not kept: the spec lets the API grow, and a peer on a newer
version must still be readable. A serializer's ``context`` may hold the
``period`` and ``by`` that were asked for; the answer must then be for them.
"""

import re
from collections.abc import Mapping

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from vsend_plugin.scoring import AREA_CODES, MIN_GROUP_FLOOR, SCHEME
from vsend_plugin.scoring.comparison import TRENDS
from vsend_plugin.scoring.disclosure import is_small
from vsend_plugin.scoring.scheme import BAND_CODES

from .models import Dimension
from .periods import PeriodError, parse_period

AREA_FIGURES = ("level", "intensity", "gap", "family_confidence")
#: The figures of a shown group, which a suppressed one must not carry.
GROUP_FIGURES = ("children", "excluded", "band_counts", "areas", "alignment", "trend_counts")
COUNCIL_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
#: More quarters than any real install has (25 years): a bound on the requests one pull makes.
MAX_PERIODS = 100
MAX_LABEL_LENGTH = 200


def describe(value):
    """What kind of JSON value came, never the value itself (a peer's is not echoed back)."""
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "null"
    kinds = {str: "a string", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return kinds.get(type(value), "something else")


def is_whole_number(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def missing(name):
    """The error of a figure that must be there: read as ``missing 'name'`` by :func:`errors_of`."""
    return {name: [ErrorDetail("This field is required.", code="required")]}


# Fields ------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.ANY)
class JSONValueField(serializers.Field):
    """A JSON value of one kind, taken as it came; says what came instead when it is not."""

    default_error_messages = {"null": "expected {expected}, got null"}
    expected = "a value"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.error_messages["null"] = self.error_messages["null"].format(expected=self.expected)

    def wrong(self, data):
        raise serializers.ValidationError(f"expected {self.expected}, got {describe(data)}")

    def to_representation(self, value):
        return value


@extend_schema_field(OpenApiTypes.INT)
class WholeNumberField(JSONValueField):
    def __init__(self, *, min_value=0, **kwargs):
        self.min_value = min_value
        self.expected = f"a whole number of at least {min_value}"
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not is_whole_number(data) or data < self.min_value:
            self.wrong(data)
        return data


@extend_schema_field(OpenApiTypes.INT)
class PublishedCountField(JSONValueField):
    """A count after disclosure control: null, 0, or 5 and over."""

    expected = "a whole number or null"

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_internal_value(self, data):
        if not is_whole_number(data) or data < 0:
            self.wrong(data)
        if is_small(data):
            raise serializers.ValidationError(
                f"a count of {data} should have been hidden by disclosure control"
            )
        return data


@extend_schema_field(OpenApiTypes.DOUBLE)
class FigureField(JSONValueField):
    """A number between two bounds, or null where there is none."""

    def __init__(self, low, high, **kwargs):
        self.low, self.high = low, high
        self.expected = f"a number from {low} to {high} or null"
        super().__init__(allow_null=True, **kwargs)

    def to_internal_value(self, data):
        if not (is_number(data) and self.low <= data <= self.high):
            self.wrong(data)
        return data


@extend_schema_field(OpenApiTypes.BOOL)
class FlagField(JSONValueField):
    expected = "true or false"

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.wrong(data)
        return data


@extend_schema_field(OpenApiTypes.STR)
class TextField(JSONValueField):
    """A string; with ``pattern``, one that matches it; never blank, never too long."""

    def __init__(self, *, expected="a string", pattern=None, max_length=MAX_LABEL_LENGTH, **kwargs):
        self.expected, self.pattern, self.max_length = expected, pattern, max_length
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.strip() or len(data) > self.max_length:
            self.wrong(data)
        if self.pattern is not None and not self.pattern.match(data):
            self.wrong(data)
        return data


@extend_schema_field(OpenApiTypes.STR)
class PeriodField(JSONValueField):
    """A quarter, ``YYYY-Qn``."""

    expected = "a quarter"

    def to_internal_value(self, data):
        try:
            parse_period(data)
        except PeriodError as error:
            raise serializers.ValidationError(str(error)) from error
        return data


class JSONListField(serializers.ListField):
    default_error_messages = {"not_a_list": "expected a list, got {input_type}"}

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=describe(data))
        return super().to_internal_value(data)


class FixedKeysField(serializers.DictField):
    """An object with exactly these keys, in this order, each a ``child``."""

    default_error_messages = {
        "not_a_dict": "expected an object, got {input_type}",
        "keys": "expected the keys {expected}; got {got}",
    }

    def __init__(self, keys, **kwargs):
        self.keys = tuple(keys)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("not_a_dict", input_type=describe(data))
        if set(data) != set(self.keys):
            self.fail("keys", expected=", ".join(self.keys), got=", ".join(map(str, data)))
        values = super().to_internal_value(data)
        return {key: values[key] for key in self.keys}


class GroupKeyField(serializers.DictField):
    """``{"council": slug}``, and below council level the dimension's key too."""

    child = JSONValueField(allow_null=True)
    default_error_messages = {"not_a_dict": "expected an object, got {input_type}"}

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("not_a_dict", input_type=describe(data))
        if "council" not in data:
            raise serializers.ValidationError(missing("council"))
        slug = data["council"]
        if not isinstance(slug, str) or not COUNCIL_SLUG.match(slug):
            raise serializers.ValidationError(
                {"council": [f"expected a council's slug, got {describe(slug)}"]}
            )
        for value in data.values():
            if not (value is None or isinstance(value, str | int) and not isinstance(value, bool)):
                raise serializers.ValidationError(
                    f"expected strings or null in a group's key, got {describe(value)}"
                )
        return dict(data)


# Serializers --------------------------------------------------------------------


class JSONObjectSerializer(serializers.Serializer):
    """A JSON object: anything else is refused in the words of the fields above."""

    default_error_messages = {"null": "expected an object, got null"}

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            raise serializers.ValidationError(
                {"non_field_errors": [f"expected an object, got {describe(data)}"]}
            )
        return super().to_internal_value(data)

    def to_representation(self, instance):
        """Only what the instance has: a suppressed group has no figures, not null ones."""
        data = super().to_representation(instance)
        return {name: value for name, value in data.items() if name in instance}


class BenchmarkAreaFiguresSerializer(JSONObjectSerializer):
    """An area's mean figures in a group, each from 0 to 4 or null."""

    level = FigureField(0, 4)
    intensity = FigureField(0, 4)
    gap = FigureField(0, 4)
    family_confidence = FigureField(0, 4)


class BenchmarkGroupSerializer(JSONObjectSerializer):
    """One group's figures: only its key, label and ``suppressed`` when it is too small."""

    key = GroupKeyField(
        help_text='The group: {"council": slug} plus, below council level, the dimension\'s '
        "key (a locality slug, a setting's URN, an area code or null, a band)."
    )
    label = TextField(
        expected="the group's name",
        required=False,
        help_text="The group's name, for people.",
    )
    suppressed = FlagField(
        help_text="True when the group is too small to show (or hidden so that another "
        "small group cannot be worked out); no other figures are then given."
    )
    children = WholeNumberField(required=False)
    excluded = PublishedCountField(required=False)
    band_counts = FixedKeysField(BAND_CODES, child=PublishedCountField(), required=False)
    areas = FixedKeysField(AREA_CODES, child=BenchmarkAreaFiguresSerializer(), required=False)
    alignment = FigureField(-1, 1, required=False)
    trend_counts = FixedKeysField(TRENDS, child=PublishedCountField(), required=False)

    def validate(self, attrs):
        shown = [name for name in GROUP_FIGURES if name in attrs]
        if attrs["suppressed"] and shown:
            raise serializers.ValidationError(
                f"a suppressed group carries figures ({', '.join(sorted(shown))})"
            )
        if not attrs["suppressed"]:
            absent = [name for name in GROUP_FIGURES if name not in attrs]
            if absent:
                raise serializers.ValidationError(missing(absent[0]))
        return attrs


class SchemeSerializer(JSONObjectSerializer):
    """An answer of figures under vsend's scoring scheme, the only one this install compares."""

    scheme = TextField(expected=f"the scheme {SCHEME}", help_text="The scoring scheme.")

    def validate_scheme(self, scheme):
        if scheme != SCHEME:
            raise serializers.ValidationError(
                f"the figures are of another scheme; this install compares {SCHEME} only"
            )
        return scheme


class BenchmarksSerializer(SchemeSerializer):
    """``GET benchmarks/``: one dimension's groups in one quarter, disclosure-controlled."""

    period = PeriodField(
        allow_null=True, help_text="The quarter, YYYY-Qn; null when there are no figures yet."
    )
    by = TextField(expected="a dimension", help_text="The dimension the groups are of.")
    min_group = WholeNumberField(
        min_value=MIN_GROUP_FLOOR, help_text="The fewest children a shown group has."
    )
    groups = JSONListField(child=BenchmarkGroupSerializer())

    def validate_period(self, period):
        asked = self.context.get("period")
        if asked is not None and period != asked:
            raise serializers.ValidationError(f"asked for {asked}, got {describe(period)}")
        return period

    def validate_by(self, by):
        asked = self.context.get("by")
        if asked is not None and by != asked:
            raise serializers.ValidationError(f"asked for {asked}, got {describe(by)}")
        if by not in Dimension.values:
            raise serializers.ValidationError(f"expected one of {', '.join(Dimension.values)}")
        return by

    def validate(self, attrs):
        by, min_group = attrs["by"], attrs["min_group"]
        expected_key = {"council"} if by == Dimension.COUNCIL else {"council", by}
        errors, seen = {}, set()
        for index, group in enumerate(attrs["groups"]):
            if set(group["key"]) != expected_key:
                keys = "its council alone" if by == Dimension.COUNCIL else f"council and {by}"
                errors[index] = {"key": [f"a {by}-level group is keyed by {keys}"]}
            elif not group["suppressed"] and group["children"] < min_group:
                errors[index] = {
                    "children": [
                        f"expected a whole number of at least min_group ({min_group}) "
                        "in a shown group"
                    ]
                }
            key = tuple(sorted(group["key"].items()))
            if key in seen:
                raise serializers.ValidationError({"groups": ["a group is listed twice"]})
            seen.add(key)
        if errors:
            raise serializers.ValidationError({"groups": errors})
        return attrs


class BenchmarkPeriodsSerializer(SchemeSerializer):
    """``GET benchmarks/periods/``: the quarters with figures, oldest first."""

    periods = JSONListField(
        child=PeriodField(),
        max_length=MAX_PERIODS,
        error_messages={"max_length": "more than {max_length} quarters"},
    )

    def validate_periods(self, periods):
        if len(set(periods)) != len(periods):
            raise serializers.ValidationError("a quarter is listed twice")
        return periods


# Errors --------------------------------------------------------------------------


def errors_of(detail, where=""):
    """Each problem of a serializer's ``errors`` as ``"groups[0].band_counts.A: message"``.

    A missing field is said at its parent as ``missing 'name'``.
    """
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            if key == "non_field_errors":
                yield from errors_of(value, where)
            elif isinstance(key, int):
                yield from errors_of(value, f"{where}[{key}]")
            elif _is_required(value):
                yield _located(where, f"missing {key!r}")
            else:
                yield from errors_of(value, f"{where}.{key}" if where else str(key))
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, Mapping | list):
                if item:
                    yield from errors_of(item, f"{where}[{index}]")
            else:
                yield _located(where, str(item))
    else:
        yield _located(where, str(detail))


def _is_required(value):
    return isinstance(value, list) and any(
        getattr(item, "code", None) == "required" for item in value
    )


def _located(where, message):
    return f"{where}: {message}" if where else message
