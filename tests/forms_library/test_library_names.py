"""The forms library is found where vsend is installed, and its files by name."""

import importlib.util
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from vsend_plugin.core.library import (
    UnknownLibraryName,
    find_library_file,
    is_path,
    library_files,
    library_folder,
    resolve,
)

NAMES = {
    "core-needs-mapping": ("needs_mapping", "needs-mapping/core.yaml"),
    "family-contribution": ("family_contribution", "family/contribution.yaml"),
    "should-we-co-produce": ("toolkit/decision_aid", "toolkit/decision-aid.yaml"),
    "how-well-do-we-co-produce": ("toolkit/self_assessment", "toolkit/self-assessment.yaml"),
    "agree-what-good-looks-like": ("toolkit/survey", "toolkit/parent-carer-survey.yaml"),
    "multi-agency-case-review": ("toolkit/case_review", "toolkit/case-review.yaml"),
    **{
        f"calibration-{case}": ("calibration", f"calibration/{case}.yaml")
        for case in (
            "isla-early-years",
            "jonah-year-5",
            "kofi-year-12",
            "leo-year-4",
            "maya-year-8",
            "poppy-year-2",
            "ravi-year-3",
        )
    },
}


def test_the_library_is_the_installed_package_vsend_plugin_forms_library():
    """An installed wheel and an editable install both find it as package data."""
    spec = importlib.util.find_spec("vsend_plugin.forms_library")
    assert spec is not None, "reinstall vsend (pip install -e .) so the library is a package"
    assert library_folder() == Path(spec.origin).parent
    for name in (
        "FORMAT.md",
        "schema/vsend-form-1.schema.json",
        "schema/vsend-toolkit-1.schema.json",
        "schema/vsend-calibration-1.schema.json",
    ):
        assert (library_folder() / name).is_file(), name


def test_every_file_has_a_name_kind_and_title():
    found = {item.name: (item.kind, item.display_path) for item in library_files()}
    assert found == NAMES
    assert all(item.title and item.path.is_file() for item in library_files())


def test_a_name_resolves_to_its_file_in_the_package():
    path, shown = resolve("core-needs-mapping")
    assert path == library_folder() / "needs-mapping" / "core.yaml"
    assert shown == "needs-mapping/core.yaml"


def test_paths_are_taken_as_they_are():
    assert resolve("my-forms/core.yaml") == (Path("my-forms/core.yaml"), "my-forms/core.yaml")
    assert is_path("core.yml") and is_path("forms\\core") and not is_path("core-needs-mapping")


def test_an_unknown_name_lists_the_names_there_are():
    with pytest.raises(UnknownLibraryName) as error:
        find_library_file("core-needs-maping")
    message = str(error.value)
    assert "'core-needs-maping'" in message
    assert all(name in message for name in NAMES)


def test_vsend_library_list_prints_every_file():
    out = StringIO()
    call_command("vsend_library", "list", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["NAME", "KIND", "FORMAT", "TITLE"]
    rows = {line.split()[0]: line for line in lines[1:-1]}
    assert set(rows) == set(NAMES)
    for name, (kind, _) in NAMES.items():
        assert rows[name].split()[1] == kind
    assert "Needs mapping" in rows["core-needs-mapping"]
    assert "vsend-toolkit/1" in rows["should-we-co-produce"]
    assert "vsend-calibration/1" in rows["calibration-ravi-year-3"]
    assert rows["calibration-ravi-year-3"].endswith("Ravi, Year 3")
    assert lines[-1] == f"{len(NAMES)} files in {library_folder()}"
