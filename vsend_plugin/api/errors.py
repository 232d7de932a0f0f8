"""The API's one error shape; it lives in :mod:`vsend_plugin.core.api_errors`.

Kept so that ``REST_FRAMEWORK["EXCEPTION_HANDLER"] =
"vsend_plugin.api.errors.exception_handler"`` in existing projects goes on working.
"""

from vsend_plugin.core.api_errors import (  # noqa: F401
    BODY,
    REQUEST,
    ErrorSerializer,
    ErrorsSerializer,
    error_responses,
    errors_from,
    exception_handler,
)
