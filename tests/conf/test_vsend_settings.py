"""vsend's settings: a default for every name, the project's value over it, wrong ones said."""

from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured

from vsend_plugin.conf import DEFAULTS, EXPECTED, VsendSettings, vsend_settings


def messages(check_id):
    return [message.msg for message in run_checks() if message.id == check_id]


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_an_unset_setting_has_its_default(settings, name):
    if hasattr(settings, f"VSEND_{name}"):
        delattr(settings, f"VSEND_{name}")
    assert getattr(vsend_settings, name) == DEFAULTS[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_default_is_a_value_the_setting_accepts(name):
    assert EXPECTED[name].test(DEFAULTS[name])


def test_the_projects_value_is_read_as_it_is_now(settings):
    settings.VSEND_PEER_RETRY_DELAY = 5
    assert vsend_settings.PEER_RETRY_DELAY == 5
    settings.VSEND_PEER_RETRY_DELAY = 7
    assert vsend_settings.PEER_RETRY_DELAY == 7
    del settings.VSEND_PEER_RETRY_DELAY
    assert vsend_settings.PEER_RETRY_DELAY == 60


def test_the_reference_sites_own_values_are_read(settings):
    assert vsend_settings.PEER_TRUSTED_NETWORKS == ["127.0.0.0/8"]  # test settings
    assert Path(vsend_settings.PRIVATE_ROOT) == Path(settings.VSEND_PRIVATE_ROOT)


def test_a_name_vsend_does_not_have_is_an_attribute_error():
    with pytest.raises(AttributeError, match="vsend has no setting VSEND_MIN_GRUOP"):
        getattr(vsend_settings, "MIN_GRUOP")  # noqa: B009 - as a misspelt attribute would


def test_names_are_the_defaults_with_the_prefix():
    assert vsend_settings.names() == [f"VSEND_{name}" for name in DEFAULTS]
    assert "VSEND_MIN_GROUP" in vsend_settings.names()


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("PDF_FONT_DIRS", "/usr/share/fonts", "a list of folders"),
        ("SURVEY_LIMIT", 10, "a pair (answers, seconds)"),
        ("SURVEY_BURST", (3, 0), "a pair (answers, seconds)"),
        ("PEER_TRUSTED_NETWORKS", ["10.20.0.0/33"], "a list of networks"),
        ("PEER_RETRY_DELAY", "60", "a number of seconds"),
        ("API_PATH_PREFIXES", ("api/vsend/",), "paths starting with '/'"),
        ("CSP_ADMIN_ALLOWANCES", {"script-src": "'unsafe-inline'"}, "lists of sources"),
        ("PRIVATE_ROOT", 42, "a folder"),
        ("CLIENT_ADDRESS_HEADER", "", "a request.META key"),
    ],
)
def test_a_wrong_value_is_refused_when_read_and_by_the_system_checks(settings, name, value, words):
    setattr(settings, f"VSEND_{name}", value)

    with pytest.raises(ImproperlyConfigured, match=f"VSEND_{name} is") as refused:
        getattr(vsend_settings, name)
    assert words in str(refused.value)

    assert [message for message in messages("vsend.E004") if f"VSEND_{name}" in message]


def test_a_minimum_group_size_that_is_not_a_whole_number_is_vsend_E002(settings):
    settings.VSEND_MIN_GROUP = "10"
    assert messages("vsend.E002") == [
        "VSEND_MIN_GROUP is '10'; it must be a whole number of at least 5."
    ]
    assert not messages("vsend.E004")  # said once


def test_a_misspelt_setting_is_a_warning_naming_it(settings):
    settings.VSEND_MIN_GRUOP = 12
    assert messages("vsend.W002") == [
        "VSEND_MIN_GRUOP is not one of vsend's settings, so vsend ignores it."
    ]


def test_the_reference_site_passes_the_settings_checks():
    assert {message.id for message in run_checks()}.isdisjoint(
        {"vsend.E002", "vsend.E004", "vsend.W002"}
    )


def test_settings_of_another_set_of_defaults_are_their_own():
    """The object reads any defaults it is given, so a test or a fork can have its own."""
    own = VsendSettings(defaults={"EXAMPLE": 3}, expected={})
    assert own.EXAMPLE == 3
    assert own.names() == ["VSEND_EXAMPLE"]
    with pytest.raises(AttributeError):
        getattr(own, "MIN_GROUP")  # noqa: B009
