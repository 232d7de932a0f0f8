"""Schemathesis run over an OpenAPI schema against the site's own WSGI application.

Shared by the fuzzing of vsend's API (``tests/api/test_fuzzing.py``) and of
the Open Referral UK feed (``tests/local_offer/test_oruk_fuzzing.py``),
with the ``application`` fixture of ``tests/conftest.py``.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

#: Examples generated per operation, mode and caller; enough to reach every branch of a body.
MAX_EXAMPLES = 8


def fuzz(operation, checks, *, host, headers_of=None, mode=GenerationMode.POSITIVE):
    """Call ``operation`` with what schemathesis makes of its schema; return what failed.

    Each generated case is sent once per caller of ``headers_of`` (``{name:
    headers}``; one caller with no headers by default) to ``host``, and every
    failed check of every case is returned, so that one run reports them all.
    """
    headers_of = headers_of or {"anyone": {}}
    failures = []

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def call(case):
        for caller, headers in headers_of.items():
            response = case.call(headers={**headers, "Host": host})
            try:
                case.validate_response(response, checks=checks, headers=headers)
            except BaseException as error:  # schemathesis's FailureGroup is no Exception
                failures.append(f"{operation.label} ({mode.value}) as {caller}: {error}"[:1500])

    try:
        call()
    except Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise
        # Nothing in the operation can be made invalid (no parameters, no body).
    return failures


def fuzz_every_mode(operations, checks, **options):
    """:func:`fuzz` of every operation with data the schema allows, then data it does not."""
    return [
        failure
        for operation in operations
        for mode in GenerationMode
        for failure in fuzz(operation, checks, mode=mode, **options)
    ]
