"""Keep each form's vsend record in step with the form."""

from django.db.models.signals import post_save


def form_saved(sender, instance, created, raw=False, **kwargs):
    """Bump the version of a changed form; give a new council form its record."""
    if raw:
        return
    from .models import CouncilForm, FormKind

    council_form = CouncilForm.objects.filter(form=instance).first()
    if council_form is not None:
        council_form.form = instance
        council_form.save()
        return
    council = getattr(instance.site, "council", None) if instance.site_id else None
    if council is not None:
        CouncilForm.objects.create(
            form=instance,
            council=council,
            kind=FormKind.OTHER,
            # streamforms' Form.copy() saves a copy with a UUID object as its slug,
            # and an editor's slug may already name another of the council's forms.
            library_slug=CouncilForm.free_library_slug(council, instance.slug),
        )


def register_signal_handlers():
    from wagtailstreamforms.models import Form

    post_save.connect(form_saved, sender=Form, dispatch_uid="vsend_council_form_version")
