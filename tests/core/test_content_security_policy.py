"""A strict Content-Security-Policy on the front end, the admin's allowances only under the admin.

GOV.UK Frontend needs nothing inline, so no template families see may carry
an inline script, a <style> block or a style attribute: the policy would
block them. The scan below covers every template of the plugin and the
reference site that does not belong to the Wagtail admin or the PDF.
"""

import re
from pathlib import Path

import pytest

from vsend_site.demo.loader import set_up_portal

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[2]
#: Templates rendered inside the Wagtail admin (allowed inline styles) or by xhtml2pdf.
NOT_FRONT_END = (
    "vsend/benchmarking/",
    "vsend/assessments/summary_pdf.html",
    "vsend/planning/pdf_section.html",
    "vsend/records/record_pdf.html",  # read by xhtml2pdf, never served to a browser
    "wagtailadmin/",
    "admin/",
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
STYLE_BLOCK = re.compile(r"<style\b", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle=", re.I)


def policy(response):
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in response.headers["Content-Security-Policy"].split(";")
        if directive.strip()
    }


@pytest.fixture
def portal(northshire):
    return set_up_portal("127.0.0.1", 80)


@pytest.mark.parametrize("path", ["/", "/sign-in/", "/accessibility/", "/cookies/"])
def test_front_end_pages_have_a_strict_policy(client, portal, path):
    response = client.get(path, HTTP_HOST="northshire.localhost")
    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]


def test_the_admin_gets_its_allowances_and_nothing_else_does(client, portal, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    directives = policy(client.get("/admin/"))
    assert "'unsafe-inline'" in directives["script-src"]
    assert "'unsafe-inline'" in directives["style-src"]
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-eval'" not in directives["script-src"]
    # an address that merely starts like the admin's is not the admin
    response = client.get("/administration/", HTTP_HOST="northshire.localhost")
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_a_project_can_replace_the_admins_allowances(client, portal, django_user_model, settings):
    settings.VSEND_CSP_ADMIN_ALLOWANCES = {"img-src": ["https://maps.example.gov.uk"]}
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    directives = policy(client.get("/admin/"))
    assert "https://maps.example.gov.uk" in directives["img-src"]
    assert "'unsafe-inline'" not in directives["script-src"]  # replaced, not added to


def test_the_base_template_has_no_inline_script(client, portal):
    html = client.get("/", HTTP_HOST="northshire.localhost").content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert '<script src="/static/vsend/core/js-enabled.js"></script>' in html
    assert '<script type="module" src="/static/vsend/core/init.js"></script>' in html


def front_end_templates():
    for root in (REPOSITORY / "vsend_plugin", REPOSITORY / "site" / "vsend_site"):
        for path in root.rglob("templates/**/*.html"):
            relative = path.as_posix().split("/templates/", 1)[1]
            if not relative.startswith(NOT_FRONT_END):
                yield relative, path


def test_no_front_end_template_has_inline_scripts_or_styles():
    templates = dict(front_end_templates())
    assert "vsend/core/base.html" in templates and "404.html" in templates
    offending = []
    for name, path in templates.items():
        text = path.read_text(encoding="utf-8")
        for label, pattern in (
            ("inline <script>", INLINE_SCRIPT),
            ("<style> block", STYLE_BLOCK),
            ("style attribute", STYLE_ATTRIBUTE),
        ):
            if pattern.search(text):
                offending.append(f"{name}: {label}")
    assert offending == []


def test_the_strict_policy_is_on_in_production_settings():
    from tests.site.test_settings import PRODUCTION_ENVIRONMENT, manage

    code = (
        "from django.conf import settings as s; "
        "print('vsend_plugin.core.csp.ContentSecurityPolicyMiddleware' in s.MIDDLEWARE, "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])"
    )
    result = manage("shell", "-c", code, env=PRODUCTION_ENVIRONMENT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True [\"'self'\"]"
