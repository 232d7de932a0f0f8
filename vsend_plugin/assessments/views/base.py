"""What every practitioner and family page shares: a signed-in user on the council's own site."""

from django.http import Http404

from vsend_plugin.core.sign_in import SignInRequiredMixin
from vsend_plugin.core.sites import council_for_request


class CouncilSiteMixin(SignInRequiredMixin):
    """Children are looked at on their own council's site only."""

    def dispatch(self, request, *args, **kwargs):
        self.council = council_for_request(request)
        if self.council is None:
            raise Http404("Children are looked at on a council's own site.")
        return super().dispatch(request, *args, **kwargs)
