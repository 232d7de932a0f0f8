"""The calibration cases shipped in the forms library, and how a broken case is reported.

Every case is read through the library's one loader and scored; together the
cases must give practitioners practice on every band and on children whose
main need is in each area, which is worked out here by scoring the reference
ratings, never written down. A broken case names its file, line and field,
whether the schema or the reference checks after it catch the mistake.
"""

import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from vsend_plugin.assessments.models import YearGroup
from vsend_plugin.core.library import (
    CALIBRATION_FORMAT,
    FORM_FORMAT,
    LibraryError,
    find_library_file,
    library_folder,
    schema,
)
from vsend_plugin.core.library.yaml_lines import compose
from vsend_plugin.core.management.arguments import check_library_argument
from vsend_plugin.core.models import SettingKind
from vsend_plugin.moderation import calibration
from vsend_plugin.moderation.calibration import (
    CalibrationCase,
    UnknownCalibrationCase,
    calibration_case,
    calibration_cases,
    read_case,
    reference_problems,
)
from vsend_plugin.scoring import AREA_CODES, BANDS, INDICATORS, SCHEME, score

CASES = calibration_cases()
SLUGS = [case.slug for case in CASES]


def shipped_text(slug="calibration-ravi-year-3"):
    return find_library_file(slug).path.read_text(encoding="utf-8")


# --- the shipped cases --------------------------------------------------------


def test_there_are_at_least_six_cases_in_file_order():
    assert len(CASES) >= 6
    files = [case.source for case in CASES]
    assert files == sorted(files)
    assert all(source.startswith("calibration/") for source in files)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_shipped_case_loads_with_a_full_reference(slug):
    case = calibration_case(slug)
    assert isinstance(case, CalibrationCase)
    assert case.slug.startswith("calibration-")
    assert case.given_name in case.title
    assert case.year_group in YearGroup.values
    assert case.setting_kind in SettingKind.values
    assert list(case.need) == list(INDICATORS)  # written in the scheme's order
    assert set(case.reasons) <= set(INDICATORS)
    assert case.profile == score(dict(case.need))
    assert case.profile.complete and case.profile.scheme == SCHEME
    headings = [section.heading for section in case.sections]
    assert any("sees" in heading for heading in headings), headings
    assert any("family" in heading for heading in headings), headings
    assert len(case.description.split()) >= 400  # a page or two to rate from


def test_the_cases_cover_every_band_and_every_area_as_the_main_need():
    profiles = [score(dict(case.need)) for case in CASES]
    assert {profile.band for profile in profiles} == {band.code for band in BANDS}
    assert {profile.primary_area for profile in profiles} == set(AREA_CODES)


def test_children_have_different_invented_names():
    names = [case.given_name for case in CASES]
    assert len(set(names)) == len(names)
    assert all(name.isalpha() and name[0].isupper() for name in names)


def test_a_case_is_found_by_its_slug_and_an_unknown_slug_lists_the_cases():
    assert calibration_case(SLUGS[0]) is CASES[0]
    with pytest.raises(UnknownCalibrationCase) as error:
        calibration_case("calibration-nobody")
    assert isinstance(error.value, LookupError)
    assert "'calibration-nobody'" in str(error.value)
    assert all(slug in str(error.value) for slug in SLUGS)


def test_a_case_cannot_be_changed():
    case = CASES[0]
    with pytest.raises(AttributeError):
        case.slug = "other"
    with pytest.raises(TypeError):
        case.need["CI.receptive"] = 4


def test_the_schema_declares_the_scheme_and_the_child_record_s_codes():
    definitions = schema(CALIBRATION_FORMAT)["$defs"]
    need = definitions["reference"]["properties"]["need"]
    assert list(need["properties"]) == list(INDICATORS)
    assert need["required"] == list(INDICATORS)
    assert list(definitions["reference"]["properties"]["reasons"]["properties"]) == list(INDICATORS)
    child = definitions["child"]["properties"]
    assert child["year_group"]["enum"] == YearGroup.values
    assert child["setting_kind"]["enum"] == SettingKind.values
    assert schema(CALIBRATION_FORMAT)["properties"]["scheme"]["const"] == SCHEME


def test_vsend_library_list_shows_every_case():
    out = StringIO()
    call_command("vsend_library", "list", stdout=out)
    rows = {line.split()[0]: line for line in out.getvalue().splitlines()[1:-1]}
    for case in CASES:
        name, kind, format = rows[case.slug].split()[:3]
        assert (kind, format) == ("calibration", CALIBRATION_FORMAT)
        assert rows[case.slug].endswith(case.title)


# --- broken cases -------------------------------------------------------------


def broken(tmp_path, old, new, count=1):
    """Ravi's case with ``old`` replaced by ``new``, written to a file of its own."""
    text = shipped_text()
    assert text.count(old) >= count, old
    path = tmp_path / "case.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def the_problem(path):
    with pytest.raises(LibraryError) as error:
        read_case(path)
    problems = error.value.problems
    assert len(problems) == 1, problems
    return problems[0], path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    "old, new, field, words, line_starts",
    [
        (
            "format: vsend-calibration/1",
            "format: vsend-form/1",
            "format",
            "must be 'vsend-calibration/1'",
            "format:",
        ),
        (
            "    CL.literacy: 1\n",
            "",
            "reference.need.CL.literacy",
            "is missing",
            "need:",
        ),
        (
            "    CL.literacy: 1\n",
            "    CL.literacy: 1\n    CL.spelling: 1\n",
            "reference.need.CL.spelling",
            "is not an indicator of vsend-core/1",
            "CL.spelling:",
        ),
        (
            "    CI.expressive: 2\n",
            "    CI.expressive: 5\n",
            "reference.need.CI.expressive",
            "must be a whole number from 0 to 4; got 5",
            "CI.expressive:",
        ),
        (
            "    CI.expressive: 2\n",
            '    CI.expressive: "2"\n',
            "reference.need.CI.expressive",
            "must be a whole number from 0 to 4, written without quotes",
            "CI.expressive:",
        ),
        (
            "    CI.expressive: 2\n",
            "    CI.expressive: 2.0\n",
            "reference.need.CI.expressive",
            "must be a whole number from 0 to 4; got 2.0",
            "CI.expressive:",
        ),
        (
            "    CI.expressive: 2\n",
            "    CI.expressive:\n",
            "reference.need.CI.expressive",
            "must be a whole number from 0 to 4, written without quotes",
            "CI.expressive:",
        ),
        (
            "  reasons:\n",
            "  reasons:\n    CI.speech: Not a code.\n",
            "reference.reasons.CI.speech",
            "is not an indicator of vsend-core/1, so it cannot have a reason",
            "CI.speech:",
        ),
        (
            "    CI.social: 0\n",
            "    CI.social: 0\n    CI.receptive: 1\n",
            "reference.need.CI.receptive",
            "the key 'CI.receptive' appears twice",
            "CI.receptive:",
        ),
        (
            "  year_group: year_3\n",
            "  year_group: Y3\n",
            "child.year_group",
            "unknown year group 'Y3'",
            "year_group:",
        ),
        (
            "  setting_kind: primary\n",
            "  setting_kind: primary\n  surname: Kumar\n",
            "child.surname",
            "is not a setting of the child",
            "surname:",
        ),
        (
            "scheme: vsend-core/1\n",
            "",
            "scheme",
            "is required",
            "format:",
        ),
        (
            "slug: calibration-ravi-year-3",
            "slug: Ravi Year 3",
            "slug",
            "use lowercase words",
            "slug:",
        ),
    ],
)
def test_a_broken_case_names_its_file_line_and_field(tmp_path, old, new, field, words, line_starts):
    path = broken(tmp_path, old, new)
    problem, lines = the_problem(path)
    assert (problem.file, problem.field) == (str(path), field)
    assert words in problem.message
    assert str(problem) == f"{path}, line {problem.line}, {field}: {problem.message}"
    assert lines[problem.line - 1].strip().startswith(line_starts), lines[problem.line - 1]


def test_every_missing_indicator_is_named_at_once(tmp_path):
    path = broken(tmp_path, "    SP.vision: 0\n    SP.physical: 0\n", "")
    with pytest.raises(LibraryError) as error:
        read_case(path)
    assert {problem.field for problem in error.value.problems} == {
        "reference.need.SP.vision",
        "reference.need.SP.physical",
    }


def test_a_file_that_cannot_be_read_is_named(tmp_path):
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(LibraryError) as error:
        read_case(missing)
    [problem] = error.value.problems
    assert (problem.file, problem.field) == (str(missing), "file")
    assert "cannot be read" in problem.message


# --- the checks after the schema, which hold even if the schema drifted -------


def reference_problems_of(text):
    return {(p.field, p.line): p.message for p in reference_problems(compose(text, "case.yaml"))}


def test_the_reference_is_checked_against_the_scheme_itself():
    text = (
        shipped_text()
        .replace("    CL.literacy: 1\n", "")
        .replace("    CI.expressive: 2\n", '    CI.expressive: "2"\n')
        .replace("    CI.social: 0\n", "    CI.social: 0\n    CI.speech: 1\n")
        .replace("  reasons:\n", "  reasons:\n    SP.smell: Not a code.\n")
    )
    lines = text.splitlines()
    found = reference_problems_of(text)

    def line_of(start):
        return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(start))

    assert set(found) == {
        ("reference.need.CL.literacy", line_of("need:")),
        ("reference.need.CI.expressive", line_of("CI.expressive:")),
        ("reference.need.CI.speech", line_of("CI.speech:")),
        ("reference.reasons.SP.smell", line_of("SP.smell:")),
    }
    assert found[("reference.need.CL.literacy", line_of("need:"))] == (
        "is missing: give the reference level of Literacy (Cognition and learning)"
    )
    assert "Unknown indicator code" in found[("reference.need.CI.speech", line_of("CI.speech:"))]


def test_a_sound_reference_has_no_problems():
    assert reference_problems_of(shipped_text()) == {}


# --- the folder as a whole ----------------------------------------------------


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A calibration folder of our own, in place of the shipped one."""
    monkeypatch.setattr(
        calibration, "library_paths", lambda folders: sorted(tmp_path.glob("*.yaml"))
    )
    return tmp_path


def test_slugs_are_unique_across_the_folder(folder):
    (folder / "a.yaml").write_text(shipped_text(), encoding="utf-8")
    (folder / "b.yaml").write_text(shipped_text(), encoding="utf-8")
    with pytest.raises(LibraryError) as error:
        calibration_cases()
    [problem] = error.value.problems
    assert (problem.file, problem.field) == (str(folder / "b.yaml"), "slug")
    assert f"already the slug of {folder / 'a.yaml'}" in problem.message
    lines = (folder / "b.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].startswith("slug:")


def test_cases_are_kept_until_a_file_changes(folder):
    path = folder / "ravi.yaml"
    path.write_text(shipped_text(), encoding="utf-8")
    first = calibration_cases()
    assert calibration_cases() is first
    path.write_text(shipped_text().replace("title: Ravi, Year 3", "title: Ravi"), "utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert [case.title for case in calibration_cases()] == ["Ravi"]
    (folder / "poppy.yaml").write_text(shipped_text("calibration-poppy-year-2"), "utf-8")
    assert [case.given_name for case in calibration_cases()] == ["Poppy", "Ravi"]


def test_the_shipped_folder_is_the_library_s_calibration_folder():
    assert all(
        (library_folder() / case.source).is_file() and case.source.endswith(".yaml")
        for case in CASES
    )


def test_a_case_named_to_an_import_command_says_nothing_imports_cases():
    with pytest.raises(CommandError) as error:
        check_library_argument(SLUGS[0], FORM_FORMAT, "northshire")
    assert str(error.value) == (
        f"{SLUGS[0]} is a calibration case, not a form: moderation reads "
        "calibration cases from the library itself, nothing imports them."
    )
