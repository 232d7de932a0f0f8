"""Creating or updating a council's form from a forms library file."""

from django.db import transaction
from wagtailstreamforms.models import Form

from .library import SCORED_KINDS, LibraryForm, library_data
from .models import CouncilForm, FormStatus

FORM_TEMPLATE = "streamforms/form_block.html"


def streamforms_slug(council, library_slug):
    """streamforms slugs are unique across the install, so they carry the council's."""
    return f"{council.slug}-{library_slug}"[:255]


@transaction.atomic
def import_form(library_form: LibraryForm, council, *, publish=True):
    """Create or update ``council``'s copy of a library form. Returns (council form, created)."""
    council_form = (
        CouncilForm.objects.select_related("form")
        .filter(council=council, library_slug=library_form.slug)
        .first()
    )
    created = council_form is None
    form = (
        Form(site=council.site, slug=streamforms_slug(council, library_form.slug))
        if created
        else council_form.form
    )
    form.title = library_form.title
    form.template_name = FORM_TEMPLATE
    form.fields = library_form.fields
    form.submit_button_text = library_form.submit_label or "Submit"
    form.success_message = library_form.success_message
    # Scored forms are stored as assessments by vsend's own views, never as
    # generic streamforms submissions; other forms keep streamforms' storage.
    form.process_form_submission_hooks = (
        [] if library_form.kind in SCORED_KINDS else ["save_form_submission_data"]
    )
    form.save()

    council_form = CouncilForm.objects.get(form=form)
    council_form.council = council
    council_form.kind = library_form.kind
    council_form.library_slug = library_form.slug
    council_form.description = library_form.description
    if publish:
        council_form.status = FormStatus.PUBLISHED
    council_form.full_clean()
    council_form.save()
    return council_form, created


def export_form(council_form):
    return library_data(council_form)
