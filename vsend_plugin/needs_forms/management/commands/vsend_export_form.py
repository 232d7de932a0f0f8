from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from vsend_plugin.needs_forms.library import dump_library, library_data
from vsend_plugin.needs_forms.models import CouncilForm


class Command(BaseCommand):
    help = "Write a council's form to standard output as a forms library file (vsend-form/1)."

    def add_arguments(self, parser):
        parser.add_argument("form_slug", help="The form's library slug, e.g. core-needs-mapping")
        parser.add_argument("--council", required=True, help="The council's slug, e.g. northshire")

    def handle(self, *args, form_slug, council, **options):
        council_form = (
            CouncilForm.objects.select_related("form", "council")
            .filter(council__slug=council)
            .filter(Q(library_slug=form_slug) | Q(form__slug=form_slug))
            .first()
        )
        if council_form is None:
            known = ", ".join(
                CouncilForm.objects.filter(council__slug=council).values_list(
                    "library_slug", flat=True
                )
            )
            raise CommandError(
                f"Council {council!r} has no form {form_slug!r} (its forms: {known or 'none'})."
            )
        self.stdout.write(dump_library(library_data(council_form)), ending="")
