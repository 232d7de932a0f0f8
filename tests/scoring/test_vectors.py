"""Conformance: the scoring package reproduces every published vector exactly.

The vectors live in the shared spec, outside this repository, and are read at
run time so that a new copy of the spec is checked without editing tests.
Set ``VSEND_SHARED_DIR`` to the shared directory when it is not next to the
repository. A missing vectors file fails the run: conformance that is not
checked must not look like conformance that passed.
"""

import json
import os
from pathlib import Path

import pytest

from vsend_plugin.scoring import SCHEME, ScoringError, compare, score

VECTORS_NAME = "vsend-core-1.json"


def shared_dir() -> Path:
    override = os.environ.get("VSEND_SHARED_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2].parent / "shared"


def vectors_path() -> Path:
    return shared_dir() / "spec" / "vectors" / VECTORS_NAME


def load_vectors():
    path = vectors_path()
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


VECTORS = load_vectors()
MISSING = (
    f"The conformance vectors file {vectors_path()} is missing. Set VSEND_SHARED_DIR "
    "to the shared directory that holds spec/vectors/."
)


def cases(kind):
    if VECTORS is None:
        return [pytest.param(None, id="vectors-file-missing")]
    return [pytest.param(vector, id=vector["name"]) for vector in VECTORS[kind]]


def expected_error_fields(vector):
    """The fields an error vector expects, or None for a vector that succeeds."""
    for key in ("error", "errors"):
        if key in vector:
            return [item["field"] if isinstance(item, dict) else item for item in vector[key]]
    return None


def require_vectors():
    if VECTORS is None:
        pytest.fail(MISSING)


def assert_same_output(actual, expected):
    assert actual == expected
    # Equal in Python is not enough: 1 == 1.0, but JSON tells an int from a
    # float and the vectors fix which one each field is, and the key order.
    assert json.dumps(actual) == json.dumps(expected)


def assert_error_fields(error, expected_fields):
    fields = [item["field"] for item in error.errors]
    assert fields == expected_fields
    assert fields == sorted(fields)
    assert all(item["message"].strip() for item in error.errors)


def test_vectors_file_is_present_and_for_this_scheme():
    require_vectors()
    assert VECTORS["scheme"] == SCHEME
    assert VECTORS["score"] and VECTORS["compare"]


def test_vector_names_are_unique():
    require_vectors()
    for kind in ("score", "compare"):
        names = [vector["name"] for vector in VECTORS[kind]]
        assert len(names) == len(set(names)), kind


@pytest.mark.parametrize("vector", cases("score"))
def test_score_vector(vector):
    require_vectors()
    fields = expected_error_fields(vector)
    if fields is not None:
        with pytest.raises(ScoringError) as raised:
            score(**vector["input"])
        assert_error_fields(raised.value, fields)
    else:
        assert_same_output(score(**vector["input"]).as_dict(), vector["profile"])


@pytest.mark.parametrize("vector", cases("compare"))
def test_compare_vector(vector):
    require_vectors()
    fields = expected_error_fields(vector)
    if fields is not None:
        with pytest.raises(ScoringError) as raised:
            compare(_profile_of(vector["previous"]), _profile_of(vector["current"]))
        assert_error_fields(raised.value, fields)
    else:
        comparison = compare(score(**vector["previous"]), score(**vector["current"]))
        assert_same_output(comparison.as_dict(), vector["comparison"])


@pytest.mark.parametrize("vector", cases("compare"))
def test_compare_vector_from_stored_profiles(vector):
    """Comparing stored (JSON round-tripped) profiles gives the same answer."""
    require_vectors()
    if expected_error_fields(vector) is not None:
        return
    previous = json.loads(json.dumps(score(**vector["previous"]).as_dict()))
    current = json.loads(json.dumps(score(**vector["current"]).as_dict()))
    assert_same_output(compare(previous, current).as_dict(), vector["comparison"])


def _profile_of(data):
    # A compare error vector may give a stored profile (with a scheme) or an input.
    return data if "scheme" in data else score(**data)
