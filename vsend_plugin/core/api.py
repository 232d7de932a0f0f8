"""What every vsend API view shares: who it asks for credentials, how it reads JSON, its errors.

vsend's views set these themselves rather than rely on a project's
``REST_FRAMEWORK`` settings, so that a project with other defaults (session
authentication only, ``AllowAny``, another exception handler) still serves
vsend's API as documented:

* **Token authentication first.** DRF answers a request without valid
  credentials with the ``WWW-Authenticate`` header of the *first*
  authentication class; token first means a client that sent no credentials,
  or a bad token, is told ``401`` with ``WWW-Authenticate: Token``, the same on
  every endpoint. A signed-in browser session still works.
* **Signed in by default**; an endpoint that is for anyone says so.
* **JSON read by :class:`SafeJSONParser`**, which turns every body Python
  could choke on (nested too deep, a lone surrogate) into a 400 about the
  body rather than a 500, and one over :func:`max_body_size` into a 413.
* **Errors in one shape** (:mod:`.api_errors`), always rendered as JSON.
* **Everything else DRF would read from ``REST_FRAMEWORK``** is vsend's own
  too: throttles (rates from ``VSEND_THROTTLE_RATES``), filters, pagination,
  renderers, content negotiation, versioning, metadata and drf-spectacular's
  schema class. A project's ``REST_FRAMEWORK`` then governs its own API views
  only (Wagtail's pages API, say), and vsend needs nothing in it.
"""

import inspect
import logging
import re
from io import BytesIO

from django.conf import settings
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular import utils as spectacular
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import authentication, permissions, serializers
from rest_framework.exceptions import ParseError
from rest_framework.metadata import SimpleMetadata
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.schemas.inspectors import DefaultSchema, ViewInspector
from rest_framework.throttling import SimpleRateThrottle

from vsend_plugin.conf import DEFAULTS, vsend_settings

from .api_errors import REQUEST, STATUS_MESSAGES, BodyTooLarge, exception_handler, json_error
from .cache import CACHE_FAILURES

#: The deepest nesting of arrays and objects a body may have. vsend's bodies
#: need three levels; the margin is generous, and far below Python's recursion limit.
MAX_JSON_DEPTH = 32

logger = logging.getLogger(__name__)

_SURROGATE = re.compile("[\ud800-\udfff]")

TOO_DEEP = "The body is nested more than {max} levels deep."
LONE_SURROGATE = (
    "The body contains text that is not valid Unicode (an unpaired surrogate such as \\ud800)."
)
TOO_LARGE = "The body is larger than the {max} bytes this API accepts."


def api_path_prefixes():
    """Paths under which everything answers JSON, errors included (``ApiErrorsMiddleware``)."""
    return tuple(vsend_settings.API_PATH_PREFIXES)


@csrf_exempt
def no_such_endpoint(request, rest=""):
    """Every method on an address under the API that no endpoint matches: a 404.

    Without it the address falls through to Wagtail's page serving, which
    refuses a ``POST`` without a CSRF token with a 403 before it can say
    there is nothing there. The 404 is answered in the API's error shape
    here, rather than raised: Django would render the site's HTML 404 page
    for ``ApiErrorsMiddleware`` to throw away.
    """
    return json_error(404, REQUEST, STATUS_MESSAGES[404])


def no_such_endpoint_path():
    """The last entry of an API's ``urlpatterns``: :func:`no_such_endpoint` for anything else."""
    return re_path(r"^(?P<rest>.*)$", no_such_endpoint)


def max_body_size():
    """The largest body the API reads, in bytes, or None for no limit.

    ``VSEND_MAX_BODY_BYTES``, else ``DATA_UPLOAD_MAX_MEMORY_SIZE``, which
    Django checks for forms but DRF not for JSON.
    """
    limit = vsend_settings.MAX_BODY_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE if limit is None else limit


class SafeJSONParser(JSONParser):
    """DRF's strict JSON parser, refusing with a 4xx what would otherwise be a 500 later.

    Python's JSON decoder raises ``RecursionError`` (not ``ValueError``) for
    deeply nested input, and accepts ``"\\ud800"``, a string that cannot be
    encoded to UTF-8: it breaks the database, the log and the response
    wherever it is next written. Both are refused here with a 400, keys as
    well as values. A body over :func:`max_body_size`, which DRF would read
    from the stream without the check Django makes for form posts, is a 413;
    ``ApiErrorsMiddleware`` refuses one whose ``Content-Length`` says so before
    this reads a byte, so this catches only a body longer than it said.
    """

    strict = True

    def parse(self, stream, media_type=None, parser_context=None):
        limit = max_body_size()
        if limit is not None and stream is not None:
            raw = stream.read(limit + 1)
            if len(raw) > limit:
                raise BodyTooLarge(TOO_LARGE.format(max=limit))
            stream = BytesIO(raw)
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP.format(max=MAX_JSON_DEPTH)) from None
        check_parsed_json(data)
        return data


def check_parsed_json(data, max_depth=MAX_JSON_DEPTH):
    """Raise ``ParseError`` for data nested deeper than ``max_depth`` or holding a lone surrogate.

    Walks the data without recursion, so the check itself cannot overflow.
    """
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and _SURROGATE.search(value):
                raise ParseError(LONE_SURROGATE)
        elif isinstance(value, dict | list):
            if depth > max_depth:
                raise ParseError(TOO_DEEP.format(max=max_depth))
            if isinstance(value, dict):
                stack.extend((key, depth) for key in value)
                stack.extend((item, depth + 1) for item in value.values())
            else:
                stack.extend((item, depth + 1) for item in value)


class VsendRateThrottle(SimpleRateThrottle):
    """Requests per signed-in user (else per address) at the rate of the throttle's ``scope``.

    Rates come from ``VSEND_THROTTLE_RATES`` (``{"score": "600/min", ...}``),
    not from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``, so a project sets
    nothing of DRF's for vsend; a scope the setting leaves out keeps vsend's
    default rate rather than failing every request. Read per request, so a
    changed setting applies at once.

    While the cache is down the request is served (the throttle *fails
    open*) and a warning logged: counting needs the cache, and refusing every
    council's users for the length of an outage would be worse than serving
    some more requests than the rate. :class:`~.cache.FailSafeRedisCache`
    answers as an empty cache, which has the same effect; this covers a
    project's own cache backend, which may raise instead.
    """

    cache_format = "throttle_vsend_%(scope)s_%(ident)s"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_FAILURES as error:
            logger.warning("Not throttling %s: the cache is unreachable (%s)", self.scope, error)
            return True

    def get_rate(self):
        return {**DEFAULTS["THROTTLE_RATES"], **vsend_settings.THROTTLE_RATES}[self.scope]

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class SpectacularSchema(DefaultSchema):
    """drf-spectacular's ``AutoSchema`` for each view, whatever ``DEFAULT_SCHEMA_CLASS`` says.

    Like DRF's own default, a fresh inspector per view instance; only the
    class is vsend's choice rather than the project's.
    """

    def __get__(self, instance, owner):
        result = ViewInspector.__get__(self, instance, owner)
        if not isinstance(result, SpectacularSchema):
            return result
        inspector = AutoSchema()
        inspector.view = instance
        return inspector


def extend_schema(*args, **kwargs):
    """drf-spectacular's ``extend_schema``, on its own ``AutoSchema`` whatever the project says.

    On a view method, drf-spectacular's decorator builds on
    ``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]`` (DRF's own schema class unless a
    project changes it) unless the method names a schema already; this one
    names drf-spectacular's first, so that vsend's schema needs nothing in the
    project's settings. vsend's API modules use it in place of drf-spectacular's.
    """
    decorate = spectacular.extend_schema(*args, **kwargs)

    def decorator(target):
        if inspect.isfunction(target):
            target.kwargs = {"schema": AutoSchema, **getattr(target, "kwargs", {})}
        return decorate(target)

    return decorator


class VsendAPIMixin:
    """Authentication, permissions, parsing, throttles and errors of every vsend API view.

    Put it first among a view's bases (``class View(VsendAPIMixin, APIView)``).
    A view may narrow these (a JSON-only parser list, its own permission, a
    :class:`VsendRateThrottle`), but should keep ``TokenAuthentication`` (or a
    subclass of it) first.
    """

    authentication_classes = [
        authentication.TokenAuthentication,
        authentication.SessionAuthentication,
    ]
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [SafeJSONParser]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]
    throttle_classes = []
    # a view that filters names its backends (django-filter's DjangoFilterBackend)
    filter_backends = []
    pagination_class = None
    content_negotiation_class = DefaultContentNegotiation
    metadata_class = SimpleMetadata
    versioning_class = None
    schema = SpectacularSchema()

    def get_exception_handler(self):
        return exception_handler

    def handle_exception(self, exc):
        """Errors are JSON whatever the client accepts or the view renders (YAML, a PDF, HTML)."""
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response


class PublicAPIMixin(VsendAPIMixin):
    """For endpoints anyone may read, such as the schema: credentials are neither asked nor read."""

    authentication_classes = []
    permission_classes = [permissions.AllowAny]


class ClosedInputSerializer(serializers.Serializer):
    """A request body that refuses keys it does not know, so that a misspelt field is not ignored.

    Subclasses report :meth:`unknown_field_errors` with their other errors; the
    schema says the same with ``additionalProperties: false``
    (:class:`ClosedInputSchema`), so a client validating against it is told
    before the server is asked.
    """

    unknown_field_message = "Unknown field."

    def unknown_field_errors(self, data):
        return {key: [self.unknown_field_message] for key in data if key not in self.fields}


class ClosedInputSchema(OpenApiSerializerExtension):
    """``additionalProperties: false`` on the request schema of a :class:`ClosedInputSerializer`."""

    target_class = ClosedInputSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        schema["additionalProperties"] = False
        return schema
