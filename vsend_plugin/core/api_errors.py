"""The API's one error shape, whatever went wrong.

Every error response of ``/api/vsend/v1/`` has a 4xx status and the body

    {"errors": [{"field": "need.CI.receptive", "message": "Level must be ..."}]}

the shape the scoring module already uses for a :class:`ScoringError`. One
shape means an integration needs one piece of code to show people what to
fix, whether the problem is a rating, a malformed body, a missing sign-in or
too many requests.

``field`` names what the message is about:

* a body field, nested fields joined with dots (``need.CI.receptive``,
  ``items.2.child``);
* ``"body"`` for the request body as a whole: JSON that does not parse, a
  media type the endpoint does not read, or a body that is not an object;
* ``""`` for the request itself: not signed in, not allowed, not found,
  method not allowed, throttled.

vsend's API views use it whatever the project's ``REST_FRAMEWORK`` settings say
(:class:`vsend_plugin.core.api.VsendAPIMixin`); errors raised before a view
runs (an unknown address, a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``) get the
same shape from :class:`vsend_plugin.core.middleware.ApiErrorsMiddleware`.
Endpoints document the shape in the OpenAPI schema with :func:`error_responses`.
It lives in core because every app's endpoints share it; ``vsend_plugin.api.errors``
re-exports it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

#: The field of errors about the request body as a whole.
BODY = "body"

#: The field of errors about the request rather than anything in its body.
REQUEST = ""


#: What each status means, for people, when nothing more precise is known.
STATUS_MESSAGES = {
    400: "The request could not be read.",
    401: "Authentication credentials were not provided.",
    403: "You do not have permission to perform this action.",
    404: "There is nothing at this address. Check it against the API's documentation.",
    405: "This address does not accept that method.",
    411: "Send the body with a Content-Length header; a body in chunks is not read.",
    413: "The body is too large.",
}


def json_error(status, field, message):
    return JsonResponse({"errors": [{"field": field, "message": message}]}, status=status)


class BodyTooLarge(exceptions.APIException):
    """413: the body is over the API's limit (:func:`vsend_plugin.core.api.max_body_size`)."""

    status_code = 413
    default_detail = "The body is too large."
    default_code = "too_large"


# Exceptions whose detail is about the body rather than the request.
_BODY_EXCEPTIONS = (
    exceptions.ValidationError,
    exceptions.ParseError,
    exceptions.UnsupportedMediaType,
    BodyTooLarge,
)


def exception_handler(exc, context):
    """DRF's own handler (status, headers, rollback), with vsend's error shape.

    Anything DRF does not handle is left alone (``None``), so a bug is still a
    500 that reaches the logs rather than a 4xx that hides it.
    """
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = {"errors": errors_from(exc)}
    return response


def errors_from(exc):
    """The ``[{"field": ..., "message": ...}]`` list of an ``APIException``, sorted by field."""
    root = BODY if isinstance(exc, _BODY_EXCEPTIONS) else REQUEST
    errors = list(_flatten(exc.detail, field=None, root=root))
    return sorted(errors, key=lambda error: error["field"])


def _flatten(detail, field, root):
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from _flatten(value, _join(field, key, root), root)
    elif isinstance(detail, (list, tuple)):
        for index, item in enumerate(detail):
            if isinstance(item, (dict, list, tuple)):  # one entry of a list of objects
                yield from _flatten(item, _join(field, index, root), root)
            else:
                yield from _flatten(item, field, root)
    else:
        yield {"field": root if field is None else field, "message": str(detail)}


def _join(field, key, root):
    """``need`` + ``CI.receptive``; a serializer's non-field errors belong to its parent."""
    if key in (api_settings.NON_FIELD_ERRORS_KEY, "detail"):
        return root if field is None else field
    return str(key) if field is None else f"{field}.{key}"


# Documenting the shape (drf-spectacular) ------------------------------------

_ERROR_DESCRIPTIONS = {
    400: "The request or its body is not valid; every problem is listed.",
    401: "No credentials, or credentials that are not valid (the WWW-Authenticate header "
    "says how to send them).",
    403: "Signed in, but not allowed to do this.",
    404: "No such object, or not one the caller may see.",
    409: "The request conflicts with what is stored (already done, or already there).",
    429: "Too many requests; the Retry-After header says when to try again.",
}


class ErrorSerializer(serializers.Serializer):
    field = serializers.CharField(
        help_text='What the message is about: a body field such as "need.CI.receptive", '
        '"body" for the body as a whole, or "" for the request itself.'
    )
    message = serializers.CharField(help_text="A plain English sentence for the person.")


class ErrorsSerializer(serializers.Serializer):
    errors = ErrorSerializer(many=True)


def error_responses(*statuses):
    """``extend_schema(responses=...)`` entries for the error statuses an endpoint answers."""
    return {
        status: OpenApiResponse(ErrorsSerializer, description=_ERROR_DESCRIPTIONS[status])
        for status in statuses
    }


class Conflict(exceptions.APIException):
    """409: what the request would make is already there (a rating given, a case reference)."""

    status_code = 409
    default_code = "conflict"
