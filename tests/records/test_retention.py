"""Retention: records kept until the end of the school year the child turns 25, then erased.

The dates are pinned first; then the command (a dry run by default, ``--apply``
with progress), the officers' admin pages, and the nightly task sent through
Redis to a real Celery worker, which erases only for councils that switch it on.
"""

import time
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tests.conftest import create_child, create_council, create_member
from vsend_plugin.assessments.models import AccessEvent, Child
from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.core.models import Role
from vsend_plugin.records.retention import due_for_erasure, kept_until
from vsend_plugin.scoring import INDICATORS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "born,age,until",
    [
        ((2001, 3), 25, date(2026, 8, 31)),  # turns 25 in March 2026: school year 2025/26
        ((2001, 8), 25, date(2026, 8, 31)),
        ((2001, 9), 25, date(2027, 8, 31)),  # turns 25 in September 2026: school year 2026/27
        ((2001, 12), 25, date(2027, 8, 31)),
        ((2010, 1), 18, date(2028, 8, 31)),
    ],
)
def test_a_record_is_kept_to_the_end_of_the_school_year_of_the_age(born, age, until):
    assert kept_until(*born, age=age) == until


def child_born(council, reference, year, month, author):
    child = create_child(council, reference, f"Child {reference}")
    Child.objects.filter(pk=child.pk).update(birth_year=year, birth_month=month)
    child.refresh_from_db()
    child.practitioners.add(author)
    record_assessment(child, author, need=dict.fromkeys(INDICATORS, 1), queue_tasks=False)
    return child


@pytest.fixture
def councils():
    northshire = create_council("northshire", "E06000047")
    westmoor = create_council("westmoor", "E06000048")
    author = create_member(northshire, Role.PRACTITIONER)
    wm_author = create_member(westmoor, Role.PRACTITIONER)
    today = date.today()
    return {
        "northshire": northshire,
        "westmoor": westmoor,
        "past": child_born(northshire, "NS-OLD-1", today.year - 27, 1, author),
        "young": child_born(northshire, "NS-YOUNG-1", today.year - 10, 1, author),
        "westmoor_past": child_born(westmoor, "WM-OLD-1", today.year - 27, 1, wm_author),
        "officer": create_member(northshire, Role.OFFICER),
    }


def test_the_dry_run_lists_what_is_due_and_changes_nothing(councils):
    out = StringIO()
    call_command("vsend_apply_retention", stdout=out)
    text = out.getvalue()
    assert "NS-OLD-1" in text and "WM-OLD-1" in text and "NS-YOUNG-1" not in text
    assert "2 records are past their retention. Nothing was changed" in text
    assert Child.objects.count() == 3


def test_apply_erases_only_what_is_due_with_progress(councils):
    out, err = StringIO(), StringIO()
    call_command(
        "vsend_apply_retention", "--apply", "--council", "northshire", stdout=out, stderr=err
    )
    assert "Erased 1 records past their retention." in out.getvalue()
    assert "1/1 records erased" in err.getvalue()
    assert set(Child.objects.values_list("case_reference", flat=True)) == {"NS-YOUNG-1", "WM-OLD-1"}
    erased = AccessEvent.objects.get(action="erased")
    assert erased.username == "retention schedule" and erased.child_pseudonym.startswith("erased-")


def test_an_unknown_council_is_a_command_error_naming_it(councils):
    with pytest.raises(CommandError, match="No council with the slug nowhere"):
        call_command("vsend_apply_retention", "--council", "nowhere")


def test_the_retention_age_is_a_setting(councils, settings):
    settings.VSEND_RETENTION_AGE = 40
    assert due_for_erasure() == []


def test_officers_see_their_councils_due_records_and_erase_one_with_a_confirmation(councils):
    client = Client()
    client.force_login(councils["officer"])
    due = client.get(reverse("vsend_records_due")).content.decode()
    assert "NS-OLD-1" in due and "WM-OLD-1" not in due and "NS-YOUNG-1" not in due
    erase_url = reverse("vsend_records_erase", args=[councils["past"].pk])
    confirmation = client.get(erase_url).content.decode()
    assert "Erase the record of child NS-OLD-1" in confirmation
    assert "1 needs mapping" in confirmation and "1 version of them" in confirmation
    assert client.post(erase_url).status_code == 302
    assert not Child.objects.filter(pk=councils["past"].pk).exists()
    other = reverse("vsend_records_erase", args=[councils["westmoor_past"].pk])
    assert client.get(other).status_code == 404
    assert client.post(other).status_code == 404
    assert Child.objects.filter(pk=councils["westmoor_past"].pk).exists()


def test_practitioners_cannot_open_the_records_pages(councils):
    client = Client()
    client.force_login(create_member(councils["northshire"], Role.PRACTITIONER, "someone"))
    assert client.get(reverse("vsend_records_due")).status_code in (302, 403)


@pytest.mark.django_db(transaction=True)
def test_the_nightly_task_erases_only_where_the_council_switched_it_on(celery_worker_process):
    from vsend_plugin.records.tasks import apply_retention_nightly

    northshire = create_council("northshire", "E06000047")
    westmoor = create_council("westmoor", "E06000048")
    year = date.today().year - 27
    child_born(northshire, "NS-OLD-1", year, 1, create_member(northshire, Role.PRACTITIONER))
    child_born(westmoor, "WM-OLD-1", year, 1, create_member(westmoor, Role.PRACTITIONER))
    northshire.erase_past_retention = True
    northshire.save()
    result = apply_retention_nightly.delay()
    assert result.get(timeout=60) == 1
    deadline = time.monotonic() + 10
    while Child.objects.filter(case_reference="NS-OLD-1").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(Child.objects.values_list("case_reference", flat=True)) == ["WM-OLD-1"]
