from django.core.management.base import BaseCommand, CommandError

from vsend_plugin.core.library import FORM_FORMAT, LibraryError
from vsend_plugin.core.management.arguments import check_library_argument, council_from_slug
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file


class Command(BaseCommand):
    help = (
        "Create or update a council's form from the forms library (format vsend-form/1), "
        "by name (core-needs-mapping; see vsend_library list) or by a file's path. "
        "Problems are reported with the file, line and field."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "name_or_path",
            metavar="NAME_OR_PATH",
            help="A library name, e.g. core-needs-mapping, or a path to a .yaml file",
        )
        parser.add_argument("--council", required=True, help="The council's slug, e.g. northshire")
        parser.add_argument(
            "--draft", action="store_true", help="Import as a draft instead of publishing."
        )

    def handle(self, *args, name_or_path, council, draft, **options):
        council_obj = council_from_slug(council)
        check_library_argument(name_or_path, FORM_FORMAT, council)
        try:
            library_form = read_library_file(name_or_path)
        except LibraryError as error:
            raise CommandError(
                f"{name_or_path} cannot be imported ({len(error.problems)} problem(s)):\n{error}"
            ) from None
        council_form, created = import_form(library_form, council_obj, publish=not draft)
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Created' if created else 'Updated'} {council_obj.name}'s form "
                f"“{council_form.form.title}” ({council_form.library_slug}, "
                f"{len(library_form.fields)} questions, version {council_form.version}, "
                f"{council_form.get_status_display().lower()})."
            )
        )
