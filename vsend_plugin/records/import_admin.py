"""Admin: a SEND officer uploads a ``vsend-record/1`` file from another install.

The same import as ``POST children/import/`` (:mod:`.importing`): refused
whole, with each problem named by its place in the file, or stored whole.
"""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import TemplateView

from vsend_plugin.core.models import Locality, Setting

from .admin_views import officer_councils
from .importing import CaseReferenceTaken, import_record
from .transfer_admin import TransferAdminMixin

#: Larger than any real record; the API's body limit is the project's own setting.
MAX_FILE_BYTES = 5 * 1024 * 1024


class PlacedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.council.name})"


class ImportRecordForm(forms.Form):
    record = forms.FileField(
        label="Record file",
        help_text="The child's whole record as the other install exported it "
        "(vsend-record/1, JSON).",
    )
    setting = PlacedChoiceField(queryset=Setting.objects.none(), empty_label="Choose a setting")
    locality = PlacedChoiceField(queryset=Locality.objects.none(), empty_label="Choose a locality")
    case_reference = forms.CharField(
        label="Case reference in your council",
        max_length=40,
        required=False,
        help_text="Leave empty to keep the record's own.",
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["setting"].queryset = (
            Setting.objects.filter(council__in=councils)
            .select_related("council")
            .order_by("council__name", "name")
        )
        self.fields["locality"].queryset = (
            Locality.objects.filter(council__in=councils)
            .select_related("council")
            .order_by("council__name", "name")
        )

    def clean_record(self):
        upload = self.cleaned_data["record"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError("The file is larger than 5 MB: it is not a record vsend wrote.")
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise ValidationError(f"The file is not JSON: {str(error)[:200]}") from error

    def clean(self):
        cleaned = super().clean()
        setting, locality = cleaned.get("setting"), cleaned.get("locality")
        if setting and locality and setting.council_id != locality.council_id:
            self.add_error("locality", "Choose a locality of the setting's council.")
        return cleaned


class ImportRecordView(TransferAdminMixin, TemplateView):
    template_name = "vsend/records/import.html"
    page_title = "Import a record from another install"
    header_icon = "upload"

    def get(self, request):
        form = ImportRecordForm(councils=officer_councils(request.user))
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request):
        form = ImportRecordForm(
            request.POST, request.FILES, councils=officer_councils(request.user)
        )
        problems = []
        if form.is_valid():
            data = form.cleaned_data
            try:
                child = import_record(
                    data["record"],
                    data["setting"].council,
                    by=request.user,
                    setting=data["setting"],
                    locality=data["locality"],
                    case_reference=data["case_reference"] or None,
                )
            except ValidationError as error:
                problems = [
                    (place, message)
                    for place, messages_ in error.message_dict.items()
                    for message in messages_
                ]
            except CaseReferenceTaken as error:
                form.add_error("case_reference", str(error))
            else:
                messages.success(
                    request, f"Child {child.case_reference} and their record are imported."
                )
                return redirect(
                    reverse("wagtailsnippets_vsend_assessments_child:edit", args=[child.pk])
                )
        return self.render_to_response(
            self.get_context_data(form=form, problems=problems), status=400
        )


urlpatterns = [
    path("records/import/", ImportRecordView.as_view(), name="vsend_record_import"),
]
