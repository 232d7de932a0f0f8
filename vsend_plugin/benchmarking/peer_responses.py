"""What a peer's benchmarks API must answer, checked before anything of it is stored.

A peer is another install, run by someone else, on another version of vsend
perhaps, and whatever it sends ends up on this council's dashboard beside its
own figures. So its answers are read strictly against the shape in
``spec/interfaces.md``: every figure this install uses must be there with the
right type, and the published figures must look disclosure-controlled (no
count from 1 to 4, no figures in a suppressed group, no shown group under the
minimum). Anything wrong is a :class:`ResponseError` naming where, which the
pull records on the peer for its officers to read; nothing is stored.

Fields this install does not know are ignored, and not stored: the spec lets
the API grow, and a peer on a newer version must still be readable.
"""

import re

from vsend_plugin.scoring import AREA_CODES, MIN_GROUP_FLOOR, SCHEME
from vsend_plugin.scoring.comparison import TRENDS
from vsend_plugin.scoring.disclosure import is_small
from vsend_plugin.scoring.scheme import BAND_CODES

from .periods import PeriodError, parse_period

AREA_FIGURES = ("level", "intensity", "gap", "family_confidence")
COUNCIL_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
#: More quarters than any real install has (25 years): a bound on the requests one pull makes.
MAX_PERIODS = 100


class ResponseError(ValueError):
    """A peer's answer that is not what the spec promises; the message says where."""


def _fail(where, message):
    raise ResponseError(f"{where}: {message}" if where else message)


def _describe(value):
    """What kind of JSON value a peer sent, never the value itself (it is not echoed back)."""
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "null"
    kinds = {str: "a string", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return kinds.get(type(value), "something else")


def _object(value, where):
    if not isinstance(value, dict):
        _fail(where, f"expected an object, got {_describe(value)}")
    return value


def _field(data, name, where):
    if name not in data:
        _fail(where, f"missing {name!r}")
    return data[name]


def _join(where, name):
    return f"{where}.{name}" if where else str(name)


def _is_whole_number(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _scheme(data):
    scheme = _field(data, "scheme", "")
    if scheme != SCHEME:
        _fail("scheme", f"the peer publishes figures of scheme {_describe(scheme)}; "
                        f"this install compares {SCHEME} only")


def periods_response(data) -> list[str]:
    """The quarters of a ``GET benchmarks/periods/`` answer."""
    _object(data, "")
    _scheme(data)
    periods = _field(data, "periods", "")
    if not isinstance(periods, list):
        _fail("periods", f"expected a list, got {_describe(periods)}")
    if len(periods) > MAX_PERIODS:
        _fail("periods", f"more than {MAX_PERIODS} quarters")
    for index, period in enumerate(periods):
        try:
            parse_period(period)
        except PeriodError as error:
            _fail(f"periods[{index}]", str(error))
    if len(set(periods)) != len(periods):
        _fail("periods", "a quarter is listed twice")
    return list(periods)


def council_benchmarks_response(data, period) -> list[dict]:
    """The groups of a ``GET benchmarks/?by=council&period=...`` answer.

    Each as ``{"council_slug", "council_name", "figures"}``, where ``figures``
    is exactly what the peer's rollup stores: ``{"suppressed": True}`` or the
    published figures of :meth:`vsend_plugin.scoring.Aggregate.as_dict`.
    """
    _object(data, "")
    _scheme(data)
    if _field(data, "period", "") != period:
        _fail("period", f"asked for {period}, got {_describe(data['period'])}")
    if _field(data, "by", "") != "council":
        _fail("by", f"asked for council, got {_describe(data['by'])}")
    min_group = _field(data, "min_group", "")
    if not _is_whole_number(min_group) or min_group < MIN_GROUP_FLOOR:
        _fail("min_group", f"expected a whole number of at least {MIN_GROUP_FLOOR}, "
                           f"got {_describe(min_group)}")
    groups = _field(data, "groups", "")
    if not isinstance(groups, list):
        _fail("groups", f"expected a list, got {_describe(groups)}")
    found = [_group(group, f"groups[{index}]", min_group) for index, group in enumerate(groups)]
    slugs = [group["council_slug"] for group in found]
    if len(set(slugs)) != len(slugs):
        _fail("groups", "a council is listed twice")
    return found


def _group(group, where, min_group):
    _object(group, where)
    key = _object(_field(group, "key", where), _join(where, "key"))
    slug = _field(key, "council", _join(where, "key"))
    if set(key) != {"council"}:
        _fail(_join(where, "key"), "a council-level group is keyed by its council alone")
    if not isinstance(slug, str) or not COUNCIL_SLUG.match(slug):
        _fail(_join(where, "key.council"), f"expected a council's slug, got {_describe(slug)}")
    name = group.get("label", slug)
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        _fail(_join(where, "label"), f"expected a council's name, got {_describe(name)}")
    suppressed = _field(group, "suppressed", where)
    if not isinstance(suppressed, bool):
        _fail(_join(where, "suppressed"), f"expected true or false, got {_describe(suppressed)}")
    figures = {"suppressed": True} if suppressed else _figures(group, where, min_group)
    if suppressed:
        shown = sorted(set(group) & {"children", "excluded", "band_counts", "areas", "alignment",
                                     "trend_counts"})
        if shown:
            _fail(where, f"a suppressed group carries figures ({', '.join(shown)})")
    return {"council_slug": slug, "council_name": name.strip(), "figures": figures}


def _figures(group, where, min_group):
    children = _field(group, "children", where)
    if not _is_whole_number(children) or children < min_group:
        _fail(_join(where, "children"), f"expected a whole number of at least min_group "
                                        f"({min_group}) in a shown group, "
                                        f"got {_describe(children)}")
    return {
        "suppressed": False,
        "children": children,
        "excluded": _published_count(_field(group, "excluded", where), _join(where, "excluded")),
        "band_counts": _distribution(group, "band_counts", BAND_CODES, where),
        "areas": _areas(_field(group, "areas", where), _join(where, "areas")),
        "alignment": _alignment(_field(group, "alignment", where), _join(where, "alignment")),
        "trend_counts": _distribution(group, "trend_counts", TRENDS, where),
    }


def _published_count(value, where):
    if value is None:
        return None
    if not _is_whole_number(value) or value < 0:
        _fail(where, f"expected a whole number or null, got {_describe(value)}")
    if is_small(value):
        _fail(where, f"a count of {value} should have been hidden by disclosure control")
    return value


def _exact_keys(data, expected, where):
    _object(data, where)
    if set(data) != set(expected):
        _fail(where, f"expected the keys {', '.join(expected)}; got {', '.join(map(str, data))}")


def _distribution(group, name, labels, where):
    counts = _field(group, name, where)
    where = _join(where, name)
    _exact_keys(counts, labels, where)
    return {label: _published_count(counts[label], _join(where, label)) for label in labels}


def _areas(areas, where):
    _exact_keys(areas, AREA_CODES, where)
    found = {}
    for code in AREA_CODES:
        area_where = _join(where, code)
        _exact_keys(areas[code], AREA_FIGURES, area_where)
        found[code] = {}
        for name in AREA_FIGURES:
            value = areas[code][name]
            if value is not None and not (_is_number(value) and 0 <= value <= 4):
                _fail(_join(area_where, name), f"expected a number from 0 to 4 or null, "
                                               f"got {_describe(value)}")
            found[code][name] = value
    return found


def _alignment(value, where):
    if value is not None and not (_is_number(value) and -1 <= value <= 1):
        _fail(where, f"expected a number from -1 to 1 or null, got {_describe(value)}")
    return value
