"""Reading stored profiles: the quick sweep and the value-by-value reader agree on everything.

``Profile.from_dict`` first tries one sweep for plain JSON, and falls back to
reading value by value (which names every problem) for anything else. Both
must accept and refuse exactly the same data and read it the same way; here
stored profiles are broken in every way a stored value can be (a key missing,
a value of another JSON type, a bool for a number, a float for a whole
number, a negative zero, NaN) and both readers are given the result.
"""

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scoring.test_properties import PROFILE_POOL
from vsend_plugin.scoring import Profile, ScoringError
from vsend_plugin.scoring.profile import _read_checking_each_value, _read_plain_json

REPLACEMENTS = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        3,
        -1,
        10**40,
        0.5,
        2.0,
        -0.0,
        0.0,
        math.nan,
        math.inf,
        "A",
        "CI",
        "x",
        [],
        ["CI"],
        {},
        {"level": 1},
    ]
)
MISSING = object()


def locations(data, prefix=()):
    """Every path to a value in a stored profile."""
    for key, value in data.items():
        yield (*prefix, key)
        if isinstance(value, dict):
            yield from locations(value, (*prefix, key))


@st.composite
def broken_profiles(draw):
    """A stored profile with up to three values replaced or removed."""
    data = json.loads(json.dumps(draw(st.sampled_from(PROFILE_POOL)).as_dict()))
    paths = sorted(locations(data))
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(parent, dict):
            continue
        replacement = draw(REPLACEMENTS | st.just(MISSING))
        if replacement is MISSING:
            parent.pop(path[-1], None)
        else:
            parent[path[-1]] = replacement
    return data


def outcome(read, data):
    """What a reader makes of the data: the profile's JSON, or the fields it refuses."""
    try:
        return "profile", json.dumps(read(data).as_dict())
    except ScoringError as error:
        return "refused", [item["field"] for item in error.errors]


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_profiles())
def test_from_dict_reads_whatever_it_is_given_as_the_value_by_value_reader_does(data):
    assert outcome(Profile.from_dict, data) == outcome(_read_checking_each_value, data)
    quick = _read_plain_json(data)
    if quick is not None:
        slow = _read_checking_each_value(data)
        assert quick == slow
        assert json.dumps(quick.as_dict()) == json.dumps(slow.as_dict())


@given(st.sampled_from(PROFILE_POOL))
def test_plain_stored_json_takes_the_quick_sweep(profile):
    assert _read_plain_json(json.loads(json.dumps(profile.as_dict()))) == profile


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["areas"]["CI"].update(intensity=-0.0),
        lambda data: data["areas"]["CI"].update(level=True),
        lambda data: data["areas"]["SP"].update(rated=2.0),
        lambda data: data.update(unmet_areas=("CI",)),
        lambda data: data["areas"]["CI"].update(provision=[1]),
    ],
)
def test_values_plain_json_would_not_give_go_the_long_way(change):
    data = json.loads(json.dumps(PROFILE_POOL[0].as_dict()))
    change(data)
    assert _read_plain_json(data) is None
    assert outcome(Profile.from_dict, data) == outcome(_read_checking_each_value, data)
