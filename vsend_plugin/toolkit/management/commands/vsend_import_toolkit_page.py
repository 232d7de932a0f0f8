from django.core.management.base import BaseCommand, CommandError

from vsend_plugin.core.library import TOOLKIT_FORMAT, LibraryError
from vsend_plugin.core.management.arguments import check_library_argument, council_from_slug
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
        council_obj = council_from_slug(council)
        check_library_argument(name_or_path, TOOLKIT_FORMAT, council)
        toolkit = ToolkitIndexPage.objects.descendant_of(council_obj.site.root_page).first()
        if toolkit is None:
            raise CommandError(
                f"{council_obj.name} has no toolkit index page yet: add one under its home page "
                "in the Wagtail admin, then run this again."
            )
        before = toolkit.get_children().count()
        try:
            page = add_toolkit_page(toolkit, name_or_path)
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
