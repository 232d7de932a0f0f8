"""Content negotiation for answers that come in one format only."""

from rest_framework.negotiation import BaseContentNegotiation


class IgnoreClientContentNegotiation(BaseContentNegotiation):
    """Answer in the view's one renderer whatever the client accepts.

    A PDF download is a file or, while it is being made or when refused, JSON.
    A client that sends ``Accept: application/pdf`` must still get the JSON
    202 or 404 rather than a 406 about a format it cannot have.
    """

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
