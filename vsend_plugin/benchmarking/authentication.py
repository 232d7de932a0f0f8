"""Partner tokens: read-only access to one council's aggregates for another organisation.

A partner sends ``Authorization: Token vsp_...``, the header DRF's own token
authentication reads. Keys of partner tokens start with ``vsp_``, so this
class answers for those and leaves every other key to DRF. It is listed only
on the benchmark endpoints: anywhere else a partner key is just an invalid
token, which is how a partner is kept away from children and assessments.

The token is looked up on every request, so revoking one takes effect at once.
"""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import PARTNER_KEY_PREFIX, PartnerToken

#: How often ``last_used_at`` is written, at most: a read should not always cost a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class PartnerTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if len(header) != 2 or header[0].lower() != self.keyword.lower().encode():
            return None
        try:
            key = header[1].decode()
        except UnicodeError:
            return None
        if not key.startswith(PARTNER_KEY_PREFIX):
            return None  # an ordinary user's token: DRF's TokenAuthentication decides
        token = PartnerToken.objects.for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                "This partner token is not valid, or has been revoked."
            )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            PartnerToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return AnonymousUser(), token


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema names partner tokens, apart from users' own API tokens."""

    target_class = PartnerTokenAuthentication
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A partner token a council's SEND officer issued, sent as "
            "`Token vsp_...`. Reads benchmarks only.",
        }
