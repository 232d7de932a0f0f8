"""The council wall in the database: composite foreign keys, on PostgreSQL.

Where a table already stores its council beside a reference (a child's
``council_id`` beside its ``setting_id``), the rule "the setting is of the
child's council" is exactly a foreign key on the pair, ``(setting_id,
council_id)`` to the setting's ``(id, council_id)``. That needs no trigger and
no extra column: only a unique key on ``(id, council_id)`` of the target, which
the models declare. Tables whose council is not a column (a service page's is
where it is in the page tree) have no such key; ``CouncilWall.save()`` guards
them.

SQLite cannot add a constraint to an existing table, and is for development
and tests only; there the model's checks stand alone.
"""

from django.db import migrations


def composite_foreign_key(table, column, target):
    """A migration operation: ``table(column, council_id)`` refers to ``target(id, council_id)``."""
    name = f"{table}_{column}_same_council"[:63]

    def add(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(
            f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" FOREIGN KEY ("{column}", "council_id") '
            f'REFERENCES "{target}" ("id", "council_id") DEFERRABLE INITIALLY DEFERRED'
        )

    def remove(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT IF EXISTS "{name}"')

    return migrations.RunPython(add, remove, elidable=False)
