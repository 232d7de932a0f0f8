"""The task outbox in core: any app queues a task in its transaction, sent once it commits."""

import pytest
from celery import current_app
from django.core.management import call_command
from django.utils.module_loading import import_string

from vsend_plugin.core import outbox, tasks
from vsend_plugin.core.models import PendingTask

pytestmark = pytest.mark.django_db


def test_a_task_is_sent_only_when_its_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pending = outbox.enqueue("vsend.core.worker_health")
    pending.refresh_from_db()
    assert pending.sent_at is None  # not yet committed: nothing went

    for callback in callbacks:
        callback()
    pending.refresh_from_db()
    assert pending.sent_at is not None and pending.attempts == 1 and not pending.last_error


def test_the_command_sends_what_waited(capsys):
    PendingTask.objects.create(name="vsend.core.worker_health")
    call_command("vsend_send_pending_tasks")
    assert "1 waiting, 1 sent, 0 still waiting." in capsys.readouterr().out
    assert not PendingTask.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.parametrize(
    "name", ["vsend.core.send_pending_tasks", "vsend.assessments.send_pending_tasks"]
)
def test_beat_sends_waiting_tasks_by_cores_name_and_by_the_earlier_one(name):
    assert tasks.send_pending_tasks.name == "vsend.core.send_pending_tasks"
    PendingTask.objects.create(name="vsend.core.worker_health")
    assert current_app.tasks[name].apply().get() == 1
    assert not PendingTask.objects.filter(sent_at__isnull=True).exists()


def test_the_api_error_handler_is_cores_and_still_answers_to_its_earlier_path():
    handler = import_string("vsend_plugin.core.api_errors.exception_handler")
    assert import_string("vsend_plugin.api.errors.exception_handler") is handler
