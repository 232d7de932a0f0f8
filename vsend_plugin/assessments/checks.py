"""A system check that children's PDF summaries cannot be downloaded past the permission check.

The summaries are served only by views that ask whether the user may see the
child. Kept inside ``MEDIA_ROOT`` or ``STATIC_ROOT``, which the web server
serves to anyone, they would be public to whoever guessed a file name.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security)
def check_private_storage_is_not_public(app_configs, **kwargs):
    from .models import private_storage

    location = getattr(private_storage(), "location", None)
    if not location:
        return []  # not on the file system (e.g. a private cloud bucket)
    private = Path(location).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if not public:
            continue
        public = Path(public).resolve()
        if private == public or public in private.parents:
            errors.append(
                Error(
                    f"Children's PDF summaries would be stored in {private}, inside {name} "
                    f"({public}), which is served to anyone.",
                    hint="Set VSEND_PRIVATE_ROOT (or STORAGES['vsend_private']) to a folder "
                    "that no URL serves.",
                    id="vsend.E003",
                )
            )
    return errors


@register()
def check_pdf_fonts_are_installed(app_configs, **kwargs):
    """Without the fonts, names and words outside Latin-1 print as boxes in PDF summaries."""
    from .pdf_fonts import missing_packages

    missing = missing_packages()
    if not missing:
        return []
    return [
        Warning(
            "Some fonts for PDF summaries are not installed, so families' names and words in "
            "some languages would print as boxes.",
            hint=f"Install the Debian packages {' '.join(missing)} (apt-get install "
            f"{' '.join(missing)}), or list the folders that hold them in VSEND_PDF_FONT_DIRS.",
            id="vsend.W001",
        )
    ]
