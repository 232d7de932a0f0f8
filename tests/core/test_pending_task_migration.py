"""Moving the outbox to core keeps every task, sent or waiting, an install already had."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("vsend_assessments", "0006_council_wall_keys"), ("vsend_core", "0005_pending_task")]
AFTER = [("vsend_assessments", "0007_pending_task_to_core")]


def migrated_to(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest_migrations():
    """Migrating back unapplies every app that depends on the ones named (support plans,
    for one); the process's later tests need them all, so every app goes forward again."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_waiting_and_sent_tasks_move_to_core(back_to_the_latest_migrations):
    old = migrated_to(BEFORE).get_model("vsend_assessments", "PendingTask")
    sent_at = timezone.now()
    old.objects.create(name="vsend.example.sent", arguments=[1], sent_at=sent_at, attempts=1)
    old.objects.create(
        name="vsend.example.waiting",
        arguments=[2, "2026-Q3"],
        attempts=3,
        last_error="the broker was down",
    )

    new = migrated_to(AFTER).get_model("vsend_core", "PendingTask")

    moved = list(
        new.objects.order_by("name").values(
            "name", "arguments", "sent_at", "attempts", "last_error"
        )
    )
    assert moved == [
        {
            "name": "vsend.example.sent",
            "arguments": [1],
            "sent_at": sent_at,
            "attempts": 1,
            "last_error": "",
        },
        {
            "name": "vsend.example.waiting",
            "arguments": [2, "2026-Q3"],
            "sent_at": None,
            "attempts": 3,
            "last_error": "the broker was down",
        },
    ]
