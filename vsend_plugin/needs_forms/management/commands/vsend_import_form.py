from django.core.management.base import BaseCommand, CommandError

from vsend_plugin.core.library import FORM_FORMAT, LibraryError, UnknownLibraryName, library_files
from vsend_plugin.core.models import Council
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
        try:
            council_obj = Council.objects.get(slug=council)
        except Council.DoesNotExist:
            known = ", ".join(Council.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No council with slug {council!r} (councils: {known}).") from None
        try:
            library_form = read_library_file(name_or_path)
        except UnknownLibraryName as error:
            forms = [item.name for item in library_files() if item.format == FORM_FORMAT]
            raise CommandError(
                f"The forms library has no form named {error.name!r}. Its forms: "
                f"{', '.join(forms)}. Toolkit pages are added with vsend_import_toolkit_page."
            ) from None
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
