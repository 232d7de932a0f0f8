"""The site for gunicorn ``--preload``: every view imported once, before the workers fork.

Without it each worker imports the URL table, Wagtail's admin and every view
on its first request, which takes seconds; a worker started again after a
kill would make its first visitors wait as long.
"""

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every URLconf and view
