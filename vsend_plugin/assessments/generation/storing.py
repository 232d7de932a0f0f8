"""Writing generated children and assessments, many at once, as the product stores them.

:func:`version_columns` is what :func:`vsend_plugin.assessments.recording.record_assessment`
stores in an assessment's first version (the raw ratings, the scheme, the
profile, and ``complete``, ``band`` and ``primary_area``, which
``AssessmentVersion.save()`` copies out of the profile and which a bulk
insert, skipping ``save()``, must set itself). Rows are plain column values,
JSON columns as JSON text, so that they can be drawn in another process and
sent on cheaply.
"""

import json

from django.db import connections, router

from vsend_plugin.scoring import SCHEME, score

from ..models import Assessment, AssessmentVersion, Child, VersionSource

#: Rows per INSERT where COPY is not available.
BATCH_SIZE = 2000
#: Compact, and without the circular-reference check plain data never needs.
_JSON = json.JSONEncoder(check_circular=False, separators=(",", ":"))


def version_columns(need, provision, family_confidence):
    """The scored columns of a first version, JSON as text."""
    profile = score(need, provision, family_confidence).as_dict()
    return {
        "need": _JSON.encode(need),
        "provision": _JSON.encode(provision),
        "family_confidence": _JSON.encode(family_confidence),
        "scheme": SCHEME,
        "profile": _JSON.encode(profile),
        "complete": bool(profile["complete"]),
        "band": profile["band"] or "",
        "primary_area": profile["primary_area"] or "",
    }


def store(council_id, author_id, drawn):
    """Write drawn children (:class:`.children.DrawnChild`), their assessments and first versions.

    Every assessment is by ``author_id`` and recorded when it was taken.
    Returns the number of assessments written.
    """
    child_ids = insert_rows(Child, [child.columns for child in drawn])
    assessments, versions = [], []
    for child_id, child in zip(child_ids, drawn, strict=True):
        for taken_at, columns in child.assessments:
            assessments.append(
                {
                    "child_id": child_id,
                    "council_id": council_id,
                    "taken_at": taken_at,
                    "created_by_id": author_id,
                }
            )
            versions.append(columns)
    assessment_ids = insert_rows(Assessment, assessments)
    insert_rows(
        AssessmentVersion,
        [
            {
                **columns,
                "assessment_id": assessment_id,
                "number": 1,
                "source": VersionSource.PRACTITIONER.value,
                "author_id": author_id,
                "created_at": assessment["taken_at"],
            }
            for assessment_id, assessment, columns in zip(
                assessment_ids, assessments, versions, strict=True
            )
        ],
    )
    return len(assessments)


def insert_rows(model, rows):
    """Insert rows (column values by attribute name); returns their new primary keys in order.

    Columns a row leaves out take the field's default. On PostgreSQL the rows
    go by ``COPY``, with keys taken from the table's sequence first:
    ``bulk_create`` there sends every column as a text array and quotes each
    JSON value on the client, which alone took longer than drawing and
    scoring the data. Elsewhere (SQLite in development), ``bulk_create``.
    """
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    fields = [field for field in meta.local_concrete_fields if not field.primary_key]
    json_fields = {field.attname for field in fields if field.get_internal_type() == "JSONField"}
    if connection.vendor != "postgresql":
        objects = [
            model(
                **{
                    name: json.loads(value) if name in json_fields else value
                    for name, value in row.items()
                }
            )
            for row in rows
        ]
        model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        return [instance.pk for instance in objects]
    defaults = {
        field.attname: (
            json.dumps(field.get_default()) if field.attname in json_fields else field.get_default()
        )
        for field in fields
    }
    names = [field.attname for field in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in [meta.pk.column, *(f.column for f in fields)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        keys = [key for (key,) in cursor.fetchall()]
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for key, row in zip(keys, rows, strict=True):
                copy.write_row([key, *(row.get(name, defaults[name]) for name in names)])
    return keys
