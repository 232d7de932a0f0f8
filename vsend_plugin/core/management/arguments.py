"""What vsend's commands take as arguments: a council's slug, a library name or a path.

Every command that imports from the forms library answers a wrong argument in
the same words: an unknown council lists the councils, an unknown library
name lists the names of the right format, and a name of the other format
says which command takes it.
"""

from django.core.management.base import CommandError

from vsend_plugin.core.library import (
    CALIBRATION_FORMAT,
    FORM_FORMAT,
    find_library_file,
    is_path,
    library_files,
)
from vsend_plugin.core.library.catalogue import UnknownLibraryName
from vsend_plugin.core.models import Council

#: format -> (what its files are, the command that takes them; None: no command imports them)
COMMANDS = {
    FORM_FORMAT: ("form", "vsend_import_form"),
    CALIBRATION_FORMAT: ("calibration case", None),
}
TOOLKIT = ("toolkit page", "vsend_import_toolkit_page")


def council_from_slug(slug):
    """The council with ``slug``, or a :class:`CommandError` listing the councils."""
    try:
        return Council.objects.select_related("site__root_page").get(slug=slug)
    except Council.DoesNotExist:
        known = ", ".join(Council.objects.values_list("slug", flat=True)) or "none yet"
        raise CommandError(f"No council with slug {slug!r} (councils: {known}).") from None


def _what(format):
    return COMMANDS.get(format, TOOLKIT)


def check_library_argument(name_or_path, format, council):
    """Refuse a library name that is unknown, or that names a file of another format.

    Paths are left for the reader to check, with their lines.
    """
    if is_path(name_or_path):
        return
    what, _ = _what(format)
    try:
        item = find_library_file(name_or_path)
    except UnknownLibraryName:
        names = [item.name for item in library_files() if item.format == format]
        raise CommandError(
            f"The forms library has no {what} named {name_or_path!r}. "
            f"Its {what}s: {', '.join(names)} (every file: vsend_library list)."
        ) from None
    if item.format != format:
        other, command = _what(item.format)
        if command is None:
            raise CommandError(
                f"{name_or_path} is a {other}, not a {what}: moderation reads "
                f"{other}s from the library itself, nothing imports them."
            )
        raise CommandError(
            f"{name_or_path} is a {other}, not a {what}: "
            f"use {command} {name_or_path} --council {council}."
        )
