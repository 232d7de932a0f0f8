"""PDF summaries are stored where no URL reaches them; only the permission-checked views serve them."""

from pathlib import Path

from django.conf import settings

from vsend_plugin.assessments.models import private_storage


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
