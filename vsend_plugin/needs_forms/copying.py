"""Copying a form: its questions, and its vsend record, for the same council, as a draft."""

from django.db import transaction

from .models import CouncilForm, FormStatus


@transaction.atomic
def copy_form(form, *, title, slug):
    """A copy of ``form`` named ``title`` and ``slug``; all of it or, on any error, nothing.

    wagtailstreamforms' own ``Form.copy()`` saves the copy under a made-up
    slug and leaves renaming it to the caller, so a failure between the two
    left a stray form behind. The copy of a council's form belongs to the
    same council, keeps its kind and description, and starts as a draft at
    version 1, whatever the original's status: an editor publishes it when
    it is ready, through the publish checks.
    """
    copied = form.copy()
    copied.title = title
    copied.slug = slug
    copied.save()
    original = CouncilForm.objects.filter(form=form).first()
    if original is not None:
        record = CouncilForm.objects.filter(form=copied).first() or CouncilForm(form=copied)
        record.council = original.council
        record.kind = original.kind
        record.description = original.description
        record.status = FormStatus.DRAFT
        record.version = 1
        record.published_at = None
        record.library_slug = CouncilForm.free_library_slug(record.council, slug, record.pk)
        record.save()
    return copied
