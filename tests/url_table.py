"""The project's whole URL table, walked once for the tests that enumerate addresses."""

from django.urls import URLPattern, URLResolver


def walk(patterns, prefix="", namespace=""):
    """``(route, full URL name, pattern)`` of every pattern, included ones too."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = namespace + pattern.name if pattern.name else None
            yield prefix + str(pattern.pattern), name, pattern
