"""A needs mapping in progress: answers kept after every step, recorded from the last page.

A draft belongs to one practitioner, one child and one form, and to nobody
else: views find it by all three, so no one opens another person's draft.
It is never an assessment. Only :func:`record_draft` turns it into one, by the
same path as every assessment (:func:`~.recording.record_assessment`:
validated, raw ratings stored, scored, committed, tasks queued after commit),
and deletes the draft in the same transaction.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from vsend_plugin.needs_forms.answers import answers_from

from .models import NeedsMappingDraft
from .recording import record_assessment


def draft_for(child, user, council_form):
    """This user's draft of this child on this form, or None.

    The draft is given the child, user and form the caller already holds, so
    that recording it does not fetch each of them again.
    """
    if council_form is None or not user.is_authenticated:
        return None
    draft = NeedsMappingDraft.objects.filter(child=child, author=user, form=council_form).first()
    if draft is not None:
        draft.child, draft.author, draft.form = child, user, council_form
    return draft


def submitted_values(form):
    """A bound form's answers, as submitted, right or wrong.

    Values are kept as the browser sent them (strings, lists for multiple
    choices, None for a question not answered), so the page can be shown again
    as it was left, and the whole form is validated again at the end, against
    the form as it is then: an answer refused on its page is refused there too.
    """
    return {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }


def save_answers(child, user, council_form, answers):
    """Keep ``answers`` (field name to submitted value) in the user's draft, made if need be."""
    for _attempt in range(2):  # two tabs may make the same draft at once
        try:
            with transaction.atomic():
                draft, _ = NeedsMappingDraft.objects.select_for_update().get_or_create(
                    child=child,
                    author=user,
                    form=council_form,
                    defaults={"council": child.council, "form_version": council_form.version},
                )
                draft.answers = {**draft.answers, **answers}
                draft.form_version = council_form.version
                draft.updated_at = timezone.now()
                draft.save()
                return draft
        except IntegrityError:
            continue
    raise RuntimeError("The draft could not be saved.")


@transaction.atomic
def record_draft(draft, cleaned_data):
    """Record the assessment a valid draft makes and delete the draft; returns the version."""
    need, provision, confidence, texts, other = answers_from(draft.form, cleaned_data)
    version = record_assessment(
        draft.child,
        draft.author,
        need=need,
        provision=provision,
        family_confidence=confidence,
        council_form=draft.form,
        answers=other,
        **texts,
    )
    NeedsMappingDraft.objects.filter(pk=draft.pk).delete()
    return version
