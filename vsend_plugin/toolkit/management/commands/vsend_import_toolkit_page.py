from django.core.management.base import BaseCommand, CommandError

from vsend_plugin.core.library import (
    TOOLKIT_FORMAT,
    LibraryError,
    UnknownLibraryName,
    library_files,
)
from vsend_plugin.core.models import Council
from vsend_plugin.toolkit.library import add_toolkit_page
from vsend_plugin.toolkit.models import ToolkitIndexPage


class Command(BaseCommand):
    help = (
        "Add a co-production toolkit page (format vsend-toolkit/1) under a council's toolkit, "
        "by library name (should-we-co-produce; see vsend_library list) or by a file's path. "
        "A page that exists already is kept as it is, with its answers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "name_or_path",
            metavar="NAME_OR_PATH",
            help="A library name, e.g. should-we-co-produce, or a path to a .yaml file",
        )
        parser.add_argument("--council", required=True, help="The council's slug, e.g. northshire")

    def handle(self, *args, name_or_path, council, **options):
        try:
            council_obj = Council.objects.select_related("site__root_page").get(slug=council)
        except Council.DoesNotExist:
            known = ", ".join(Council.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No council with slug {council!r} (councils: {known}).") from None
        toolkit = ToolkitIndexPage.objects.descendant_of(council_obj.site.root_page).first()
        if toolkit is None:
            raise CommandError(
                f"{council_obj.name} has no toolkit index page yet: add one under its home page "
                "in the Wagtail admin, then run this again."
            )
        before = toolkit.get_children().count()
        try:
            page = add_toolkit_page(toolkit, name_or_path)
        except UnknownLibraryName as error:
            pages = [item.name for item in library_files() if item.format == TOOLKIT_FORMAT]
            raise CommandError(
                f"The forms library has no toolkit page named {error.name!r}. Its toolkit pages: "
                f"{', '.join(pages)}. Forms are imported with vsend_import_form."
            ) from None
        except LibraryError as error:
            raise CommandError(
                f"{name_or_path} cannot be added ({len(error.problems)} problem(s)):\n{error}"
            ) from None
        added = toolkit.get_children().count() > before
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Added' if added else 'Kept the existing'} "
                f"{page.specific_class._meta.verbose_name} "
                f"“{page.title}” under {council_obj.name}'s toolkit ({page.url_path})."
            )
        )
