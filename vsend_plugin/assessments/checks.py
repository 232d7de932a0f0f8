"""System checks that children's PDF summaries stay private, and fonts for them.

The summaries are served only by views that ask whether the user may see the
child. Kept inside ``MEDIA_ROOT`` or ``STATIC_ROOT``, which the web server
serves to anyone, they would be public to whoever guessed a file name (an
error). Kept inside the project's ``BASE_DIR`` they would travel with the
code: into container images, deployments and commits (a warning). And in
production the folder is named on purpose, on storage that is backed up.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from vsend_plugin.conf import vsend_settings

from .private_files import STORAGE_ALIAS, private_storage

SET_THE_FOLDER = (
    f"Set VSEND_PRIVATE_ROOT (or STORAGES['{STORAGE_ALIAS}']) to a folder outside the project "
    "that no URL serves, such as a volume mounted at /var/lib/vsend/private."
)


def _private_folder():
    """The private storage's folder, or None when it is not on the file system (a bucket).

    None too when ``VSEND_PRIVATE_ROOT`` is not a folder at all, which ``vsend.E004`` says.
    """
    if STORAGE_ALIAS not in settings.STORAGES and vsend_settings.problem("PRIVATE_ROOT"):
        return None
    location = getattr(private_storage(), "location", None)
    return Path(location).resolve() if location else None


def _folder_setting(name):
    folder = getattr(settings, name, None)
    return Path(folder).resolve() if folder else None


def _is_within(folder, outer):
    return folder == outer or outer in folder.parents


@register(Tags.security)
def check_private_storage_is_not_public(app_configs, **kwargs):
    private = _private_folder()
    if private is None:
        return []
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = _folder_setting(name)
        if public and _is_within(private, public):
            errors.append(
                Error(
                    f"Children's PDF summaries would be stored in {private}, inside {name} "
                    f"({public}), which is served to anyone.",
                    hint=SET_THE_FOLDER,
                    id="vsend.E003",
                )
            )
    return errors


@register(Tags.security)
def check_private_storage_is_outside_the_project(app_configs, **kwargs):
    private = _private_folder()
    project = _folder_setting("BASE_DIR")
    if private is None or project is None or not _is_within(private, project):
        return []
    return [
        Warning(
            f"Children's PDF summaries would be stored in {private}, inside the project's "
            f"BASE_DIR ({project}), so they would be copied with the code into container "
            "images, deployments and commits.",
            hint=SET_THE_FOLDER,
            id="vsend.W003",
        )
    ]


@register(Tags.security, deploy=True)
def check_private_storage_is_named_for_production(app_configs, **kwargs):
    private = _private_folder()
    if STORAGE_ALIAS in settings.STORAGES or private is None or vsend_settings.PRIVATE_ROOT:
        return []
    return [
        Warning(
            f"VSEND_PRIVATE_ROOT is not set, so children's PDF summaries go to {private}, "
            "in the data folder of the user the site runs as.",
            hint="In production name the folder: on a volume every web and worker process "
            "mounts, backed up with the database. See the settings reference "
            "(VSEND_PRIVATE_ROOT).",
            id="vsend.W004",
        )
    ]


@register()
def check_pdf_fonts_are_installed(app_configs, **kwargs):
    """Without the fonts, names and words outside Latin-1 print as boxes in PDF summaries."""
    from .pdf_fonts import missing_packages

    if vsend_settings.problem("PDF_FONT_DIRS"):
        return []  # vsend.E004 says what is wrong with the folders
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
