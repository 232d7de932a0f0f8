"""vsend_import_form / vsend_export_form: a form round-trips without loss."""

from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command

from vsend_plugin.needs_forms.models import CouncilForm, FormStatus

from .conftest import needs_mapping_data

pytestmark = pytest.mark.django_db


def import_file(path, council="northshire", *extra):
    out = StringIO()
    call_command("vsend_import_form", str(path), "--council", council, *extra, stdout=out)
    return out.getvalue()


def export(slug, council="northshire"):
    out = StringIO()
    call_command("vsend_export_form", slug, "--council", council, stdout=out)
    return out.getvalue()


def test_import_creates_a_published_form_for_the_council(
    northshire, write_form, needs_mapping_yaml
):
    output = import_file(write_form(needs_mapping_yaml()))
    council_form = CouncilForm.objects.get(council=northshire, library_slug="test-needs-mapping")
    assert council_form.status == FormStatus.PUBLISHED
    assert council_form.form.site == northshire.site
    assert council_form.form.process_form_submission_hooks == []
    assert "Created Northshire Council's form" in output


def test_export_then_import_round_trips_without_loss(
    northshire, westmoor, write_form, needs_mapping_yaml
):
    original = needs_mapping_yaml()
    import_file(write_form(original))
    exported = export("test-needs-mapping")
    assert yaml.safe_load(exported) == yaml.safe_load(original)

    import_file(write_form(exported, "again.yaml"), "westmoor")
    assert yaml.safe_load(export("test-needs-mapping", "westmoor")) == yaml.safe_load(original)


def test_reimporting_updates_in_place_and_bumps_the_version(
    northshire, write_form, needs_mapping_yaml
):
    import_file(write_form(needs_mapping_yaml()))
    import_file(write_form(needs_mapping_yaml()))
    assert CouncilForm.objects.get().version == 1
    import_file(write_form(needs_mapping_yaml(wording="What about")))
    council_form = CouncilForm.objects.get()
    assert council_form.version == 2
    assert CouncilForm.objects.count() == 1


def test_bad_files_fail_with_file_line_and_field_and_store_nothing(northshire, write_form):
    data = needs_mapping_data()
    data["fields"][4]["indicator"] = "CL.juggling"
    path = write_form(yaml.safe_dump(data, sort_keys=False), "broken.yaml")
    with pytest.raises(CommandError) as error:
        import_file(path)
    message = str(error.value)
    assert "broken.yaml, line" in message and "fields[4].indicator" in message
    assert not CouncilForm.objects.exists()


def test_unknown_council_and_unknown_form_are_clear_errors(
    northshire, write_form, needs_mapping_yaml
):
    with pytest.raises(CommandError, match="No council with slug 'atlantis'"):
        import_file(write_form(needs_mapping_yaml()), "atlantis")
    with pytest.raises(CommandError, match="has no form 'nothing-here'"):
        export("nothing-here")


def test_draft_imports_stay_draft(northshire, write_form, needs_mapping_yaml):
    import_file(write_form(needs_mapping_yaml()), "northshire", "--draft")
    assert CouncilForm.objects.get().status == FormStatus.DRAFT


def test_a_null_character_is_a_command_error_and_stores_nothing(northshire, write_form):
    data = needs_mapping_data()
    data["fields"][2]["help_text"] = "Think\0about it"
    path = write_form(yaml.safe_dump(data, sort_keys=False), "nul.yaml")
    with pytest.raises(CommandError, match=r"nul.yaml, line \d+, fields\[2\].help_text"):
        import_file(path)
    assert not CouncilForm.objects.exists()


def test_a_library_form_is_imported_by_its_name(northshire):
    output = import_file("core-needs-mapping")
    council_form = CouncilForm.objects.get(council=northshire, library_slug="core-needs-mapping")
    assert council_form.status == FormStatus.PUBLISHED
    assert "Created Northshire Council's form “Needs mapping”" in output
    import_file("family-contribution")
    assert CouncilForm.objects.filter(council=northshire).count() == 2


def test_an_unknown_name_lists_the_library_s_forms(northshire):
    with pytest.raises(CommandError) as error:
        import_file("core-needs-maping")
    message = str(error.value)
    assert "no form named 'core-needs-maping'" in message
    assert "Its forms: core-needs-mapping, family-contribution (every file:" in message
    with pytest.raises(CommandError, match="not a form: use vsend_import_toolkit_page"):
        import_file("should-we-co-produce")
    assert not CouncilForm.objects.exists()


def test_a_broken_file_is_refused_with_its_lines(northshire, write_form, needs_mapping_yaml):
    path = write_form(needs_mapping_yaml().replace("CI.receptive", "CI.telepathy", 1))
    with pytest.raises(CommandError) as error:
        import_file(path)
    assert f"{path}, line " in str(error.value)
    assert "unknown indicator code 'CI.telepathy'" in str(error.value)
