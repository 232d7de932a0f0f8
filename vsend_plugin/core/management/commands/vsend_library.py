from django.core.management.base import BaseCommand, CommandError

from vsend_plugin.core.library import LibraryError, library_folder
from vsend_plugin.core.library.catalogue import describe, library_paths

COLUMNS = ("NAME", "KIND", "FORMAT", "TITLE")


class Command(BaseCommand):
    help = (
        "The forms library shipped with vsend. `vsend_library list` shows every file's name "
        "(what vsend_import_form and vsend_import_toolkit_page take), kind, format and title."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser("list", help="Every library file: name, kind, format and title.")

    def handle(self, *args, action, **options):
        rows, problems = [], []
        for path in library_paths():
            try:
                item = describe(path)
            except LibraryError as error:
                problems += error.problems
                continue
            rows.append((item.name, item.kind, item.format, item.title))
        widths = [max(len(row[column]) for row in (COLUMNS, *rows)) for column in range(3)]
        for row in (COLUMNS, *rows):
            self.stdout.write(
                "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=False))
                + "  "
                + row[3]
            )
        self.stdout.write(f"{len(rows)} files in {library_folder()}")
        if problems:
            raise CommandError(
                "These library files cannot be read:\n" + "\n".join(str(p) for p in problems)
            )
