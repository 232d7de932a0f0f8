"""PDF summaries are stored where no URL reaches them, outside the project.

Only the permission-checked views serve them.
"""

from pathlib import Path

import pytest
from django.conf import settings

from vsend_plugin.assessments.models import private_storage
from vsend_plugin.assessments.private_files import private_root


def test_summaries_are_stored_outside_the_public_media_folder():
    location = Path(private_storage().location).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    assert location != media and media not in location.parents


def test_a_project_can_name_its_own_private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "vsend_private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    assert Path(private_storage().location) == tmp_path


def check_ids():
    from django.core.checks import run_checks

    return {message.id for message in run_checks()}


def test_the_site_passes_the_private_storage_check():
    assert "vsend.E003" not in check_ids()


def test_private_storage_inside_the_public_media_folder_is_an_error(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.VSEND_PRIVATE_ROOT = str(tmp_path / "media" / "private")
    assert "vsend.E003" in check_ids()
    settings.VSEND_PRIVATE_ROOT = str(tmp_path / "private")
    assert "vsend.E003" not in check_ids()


def deployment_check_ids():
    from django.core.checks import run_checks

    return {message.id for message in run_checks(include_deployment_checks=True)}


@pytest.fixture
def default_private_folder(settings, tmp_path, monkeypatch):
    """The project names no private folder; the user's data folder is ``tmp_path``."""
    del settings.VSEND_PRIVATE_ROOT
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    return tmp_path / "vsend" / "private"


def test_by_default_summaries_go_to_the_users_data_folder(default_private_folder):
    assert Path(private_storage().location) == default_private_folder


def test_without_a_data_folder_the_default_is_under_the_home_folder(
    default_private_folder, monkeypatch
):
    monkeypatch.delenv("XDG_DATA_HOME")
    assert private_root() == Path.home() / ".local" / "share" / "vsend" / "private"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")  # the XDG specification ignores these
    assert private_root() == Path.home() / ".local" / "share" / "vsend" / "private"


def test_the_default_folder_is_outside_the_project(settings):
    del settings.VSEND_PRIVATE_ROOT
    project = Path(settings.BASE_DIR).resolve()
    assert project not in Path(private_root()).resolve().parents


def test_the_tests_keep_their_summaries_outside_the_project(settings):
    repository = Path(settings.BASE_DIR).resolve().parent
    assert repository not in Path(private_storage().location).resolve().parents
    assert "vsend.W003" not in check_ids()


def test_private_storage_inside_the_project_is_a_warning(settings, tmp_path):
    settings.BASE_DIR = tmp_path / "myproject"
    settings.VSEND_PRIVATE_ROOT = tmp_path / "myproject" / "private"
    assert "vsend.W003" in check_ids()
    settings.VSEND_PRIVATE_ROOT = tmp_path / "private"
    assert "vsend.W003" not in check_ids()


def test_production_is_warned_until_it_names_the_private_folder(
    settings, default_private_folder, tmp_path
):
    assert "vsend.W004" in deployment_check_ids()
    assert "vsend.W004" not in check_ids()  # only with --deploy

    settings.VSEND_PRIVATE_ROOT = str(tmp_path / "volume")
    assert "vsend.W004" not in deployment_check_ids()


def test_a_storage_of_the_projects_own_needs_no_private_folder(
    settings, default_private_folder, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "vsend_private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "volume")},
        },
    }
    ids = deployment_check_ids()
    assert {"vsend.W003", "vsend.W004", "vsend.E003"}.isdisjoint(ids)
