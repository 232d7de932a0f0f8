"""Settings shared by every environment of the reference site.

``dev`` (SQLite, eager tasks, DEBUG) and ``production`` (everything from the
environment) build on this; ``test`` builds on ``dev``.
"""

from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab

from vsend_plugin.core.csp import FRONT_END_DIRECTIVES

SITE_DIR = Path(__file__).resolve().parents[2]
# The folder manage.py is in, as Django and Wagtail projects name it (vsend warns of private
# files kept inside it).
BASE_DIR = SITE_DIR
PROJECT_DIR = SITE_DIR / "vsend_site"
REPOSITORY_DIR = SITE_DIR.parent

INSTALLED_APPS = [
    # vsend
    "vsend_plugin.core",
    "vsend_plugin.needs_forms",
    "vsend_plugin.assessments",
    "vsend_plugin.local_offer",
    "vsend_plugin.toolkit",
    "vsend_plugin.benchmarking",
    "vsend_plugin.planning",
    "vsend_plugin.moderation",
    "vsend_plugin.records",
    # the reference site
    "vsend_site.home",
    "vsend_site.demo.apps.DemoAppConfig",
    # wagtailstreamforms and what it needs
    "vsend_plugin.core.apps.WagtailStreamFormsAppConfig",
    "wagtail_modeladmin",
    "generic_chooser",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # APIs and permissions (Wagtail's pages API is the site's own, public, at /api/v2/)
    "wagtail.api.v2",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "guardian",
    "axes",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vsend_plugin.core.csp.ContentSecurityPolicyMiddleware",
    # JSON errors under /api/vsend/ and /api/oruk/, even where no API view ran
    "vsend_plugin.core.middleware.ApiErrorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last, as django-axes asks: turns a throttled sign-in into vsend's lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vsend_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "vsend_plugin.core.context_processors.council",
            ],
        },
    },
]

WSGI_APPLICATION = "vsend_site.wsgi.application"

# vsend's apps set BigAutoField in their AppConfigs, and wagtailstreamforms is
# installed through an AppConfig that keeps the AutoField of its migrations.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# vsend sets nothing of DRF's (REST_FRAMEWORK) nor LOGIN_URL: its views choose their own
# authentication, permissions, throttles and sign-in page, and the site leaves both at
# Django's and DRF's defaults to show it.
AUTHENTICATION_BACKENDS = [
    # first: refuses a sign-in while the account or address is locked out
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None  # no guardian "AnonymousUser" row: anonymous users get nothing

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in throttling (django-axes), for vsend's sign-in page and the Wagtail
# admin's alike: 5 wrong passwords lock that account, and separately that
# address, out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vsend_plugin.core.sign_in.locked_out"
AXES_USERNAME_FORM_FIELD = "username"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = SITE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = SITE_DIR / "media"
# Children's PDF summaries (VSEND_PRIVATE_ROOT) stay in vsend's default folder, outside the
# project; production names its own (production.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_FROM_EMAIL = "vsend <no-reply@vsend.invalid>"

WAGTAIL_SITE_NAME = "vsend"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

WAGTAILSTREAMFORMS_ADVANCED_SETTINGS_MODEL = None
WAGTAILSTREAMFORMS_ENABLE_FORM_PROCESSING = True

# drf-spectacular's `check --deploy` would describe every API view, Wagtail's admin API
# included, which it cannot; vsend's schema view has its own settings (docs/installing.md).
SPECTACULAR_SETTINGS = {"ENABLE_DJANGO_DEPLOY_CHECK": False}

# Celery: tasks go through a broker in production; see dev.py for eager mode.
CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "vsend-send-pending-tasks": {"task": "vsend.core.send_pending_tasks", "schedule": 60.0},
    # every night: recompute the benchmark rollups, then pull federated peers' figures
    "vsend-refresh-rollups": {
        "task": "vsend.benchmarking.refresh_rollups",
        "schedule": crontab(hour=2, minute=15),
    },
    "vsend-pull-peers": {
        "task": "vsend.benchmarking.pull_peers",
        "schedule": crontab(hour=3, minute=0),
    },
    # every night: erase records past their retention, for councils that switch it on
    "vsend-apply-retention": {
        "task": "vsend.records.apply_retention",
        "schedule": crontab(hour=1, minute=30),
    },
}

# vsend
VSEND_MIN_GROUP = 10
# The reference site's own: where its demo data is read from
# (without the VSEND_ prefix, which is vsend's settings').
DEMO_FIXTURES_DIR = REPOSITORY_DIR / "fixtures" / "demo"

# Content-Security-Policy (django-csp): strict on the front end; the middleware
# adds the Wagtail admin's allowances under /admin/ (vsend_plugin.core.csp).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": FRONT_END_DIRECTIVES}
# The admin asks no third party anything: no Gravatar (it would send a hash of
# each user's email address) and no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"vsend_plugin": {"handlers": ["console"], "level": "INFO"}},
}
