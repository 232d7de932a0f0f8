"""JSON errors for everything under the API's paths, even when no API view ran.

Some errors happen before a view is found or while Django reads the request:
an address that matches no endpoint (``/api/vsend/v1/children/-1/``), a form
post over ``DATA_UPLOAD_MAX_MEMORY_SIZE``, a host that is not allowed. Django
answers them with HTML pages (with ``DEBUG`` on, its debug pages), which an
API client cannot read. Under the API's path prefixes
(:func:`vsend_plugin.core.api.api_path_prefixes`) this middleware answers
them in the API's one error shape instead, with the same status.

A body whose ``Content-Length`` is over the API's limit
(:func:`vsend_plugin.core.api.max_body_size`) is refused here with a 413,
before anything reads it; one that is longer than it said is cut off at the
limit by the JSON parser, with a 413 too. A body sent in chunks, with no
``Content-Length``, is refused with a 411: Django reads no body without
one, so the view would otherwise see an empty body and answer as if
nothing had been sent.

Responses DRF rendered are left alone (including the browsable API's HTML,
which a browser asked for), and so are 5xx: a bug stays a 500 that reaches
the logs.
"""

from django.conf import settings

from .api import TOO_LARGE, api_path_prefixes, max_body_size
from .api_errors import BODY, REQUEST, STATUS_MESSAGES, BodyTooLarge, json_error


def declared_length(request):
    """The request's ``Content-Length``, or 0 when it gives none (or nonsense)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def sent_in_chunks(request):
    """Whether the body comes in chunks (a ``Content-Length`` beside them is to be ignored)."""
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()


def body_too_large(limit):
    return json_error(BodyTooLarge.status_code, BODY, TOO_LARGE.format(max=limit))


class ApiErrorsMiddleware:
    """Turns Django's HTML 4xx pages under the API's paths into ``{"errors": [...]}``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_api = request.path_info.startswith(api_path_prefixes())
        limit = max_body_size()
        if in_api and limit is not None and declared_length(request) > limit:
            return body_too_large(limit)
        if in_api and sent_in_chunks(request):
            return json_error(411, BODY, STATUS_MESSAGES[411])
        response = self.get_response(request)
        if not 400 <= response.status_code < 500:
            return response
        if not in_api:
            return response
        if getattr(response, "accepted_renderer", None) is not None:
            return response  # DRF rendered it, in the shape or as the client asked
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        form_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if response.status_code == 400 and form_limit and declared_length(request) > form_limit:
            converted = body_too_large(form_limit)  # a form post over Django's own limit
        else:
            message = STATUS_MESSAGES.get(response.status_code, response.reason_phrase)
            converted = json_error(response.status_code, REQUEST, message)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                converted[header] = response[header]
        return converted
