from .sites import council_for_request


def council(request):
    """Put the request's council in every template, for headers and titles."""
    return {"council": council_for_request(request)}
