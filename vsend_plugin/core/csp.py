"""Content-Security-Policy: a strict policy for the family-facing site, allowances for the admin.

GOV.UK Frontend needs no inline script or style, so the pages families use get
``default-src 'self'`` with nothing inline (vsend's own scripts are static
files). The Wagtail admin, its previews and the API's browsable documentation
still rely on inline scripts and styles, so only under their addresses does
the policy add what they need. The policy itself is django-csp's
``CONTENT_SECURITY_POLICY`` setting, which a project can extend;
:data:`ADMIN_ALLOWANCES` is added to it for the admin, or
``VSEND_CSP_ADMIN_ALLOWANCES`` instead when a project sets that.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import NoReverseMatch, reverse

from vsend_plugin.conf import vsend_settings

#: The front end's policy; ``CONTENT_SECURITY_POLICY = {"DIRECTIVES": FRONT_END_DIRECTIVES}``.
FRONT_END_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    # data: for the empty favicon and images Wagtail renders inline
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    # videos embedded in toolkit and local offer pages
    "frame-src": [
        SELF,
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
}

#: Added to the policy for the Wagtail admin and the API documentation, whose pages
#: have inline scripts and styles (measured with Wagtail 8: page editor, reports, Swagger UI).
ADMIN_ALLOWANCES = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:", "https:"],
    "font-src": ["data:"],
    "media-src": [SELF, "blob:"],
    "worker-src": [SELF, "blob:"],
}


def _prefix(url_name):
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def admin_prefixes():
    """Where the Wagtail admin and the API's browsable documentation are mounted."""
    names = ("wagtailadmin_home", "vsend_api:docs", "admin:index")
    return tuple(prefix for prefix in map(_prefix, names) if prefix)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's allowances added under the admin's addresses."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(admin_prefixes()):
            allowances = vsend_settings.CSP_ADMIN_ALLOWANCES
            if allowances is None:
                allowances = ADMIN_ALLOWANCES
            update = dict(parts.update or {})
            for directive, sources in allowances.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
