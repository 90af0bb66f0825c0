"""Monthly range partitions of the large attendance tables on PostgreSQL (a no-op elsewhere).

``attendance_punch`` (by ``local_date``) and ``attendance_attendanceday`` (by ``date``) are created
partitioned by the migration operation ``CreatePartitionedModel``; their primary key there is
``(id, <column>)`` because PostgreSQL requires the partition key in every unique index. A month's
partition is created on demand (``ensure_month_partitions``) by whatever writes the month first, before it
inserts; there is no default partition, so a row of a month without a partition fails loudly instead of
piling up where no month can be split off later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import connection, migrations, transaction

#: Partitioned tables and their partition column.
PARTITIONED = {"attendance_punch": "local_date", "attendance_attendanceday": "date"}

_known: set[tuple[str, str, int, int]] = set()


class CreatePartitionedModel(migrations.CreateModel):
    """``CreateModel`` that makes a table range-partitioned by ``partition_column`` on PostgreSQL."""

    def __init__(self, *args: Any, partition_column: str, **kwargs: Any) -> None:
        self.partition_column = partition_column
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, Any, dict[str, Any]]:
        name, args, kwargs = super().deconstruct()
        kwargs["partition_column"] = self.partition_column
        return name, args, kwargs

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        model = to_state.apps.get_model(app_label, self.name)
        if schema_editor.connection.vendor != "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
            return
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        create_partitioned_table(schema_editor, model, self.partition_column)


def create_partitioned_table(schema_editor: Any, model: Any, column_name: str) -> None:
    """``CREATE TABLE ... PARTITION BY RANGE (column)`` for ``model`` (PostgreSQL), with its indexes."""
    sql, params = schema_editor.table_sql(model)
    if " PRIMARY KEY" not in sql or not sql.endswith(")"):
        raise RuntimeError(f"unexpected CREATE TABLE for {model._meta.db_table}: {sql}")
    column = schema_editor.quote_name(column_name)
    sql = sql.replace(" PRIMARY KEY", "", 1)
    sql = f'{sql[:-1]}, PRIMARY KEY ("id", {column})) PARTITION BY RANGE ({column})'
    schema_editor.execute(sql, params or None)
    for statement in schema_editor._model_indexes_sql(model):
        schema_editor.execute(statement)


def partition_test_tables(conn: Any) -> None:
    """Tests run without migrations (``--no-migrations``): make the large tables partitioned as in production."""
    if conn.vendor != "postgresql":
        return
    from django.apps import apps

    with conn.cursor() as cursor:
        for table, column_name in PARTITIONED.items():
            cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s)", [table])
            if cursor.fetchone():
                continue
            model = next(m for m in apps.get_models() if m._meta.db_table == table)
            cursor.execute(f'DROP TABLE "{table}"')
            with conn.schema_editor() as editor:
                create_partitioned_table(editor, model, column_name)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def ensure_month_partitions(table: str, days: Iterable[dt.date], *, using: Any = None) -> None:
    """Create the monthly partitions of ``table`` that ``days`` fall in, if they do not exist yet.

    Known partitions are remembered per process only after the creating transaction commits (a rolled-back
    test or request must not leave a false memory); an unknown one costs a catalogue lookup, no lock.
    """
    conn = using or connection
    if conn.vendor != "postgresql":
        return
    months = {(d.year, d.month) for d in days}
    for year, month in sorted(months):
        key = (conn.alias, table, year, month)
        if key in _known:
            continue
        start = dt.date(year, month, 1)
        name = f"{table}_y{year}m{month:02d}"
        with conn.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [name])
            missing = cursor.fetchone()[0] is None
            if missing:
                # Many check-ins may open a month at once (07:00 on the 1st): one creates it, the others wait
                # on this lock until that transaction commits, then see the partition and go on.
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])
                cursor.execute("SELECT to_regclass(%s)", [name])
                missing = cursor.fetchone()[0] is None
            if missing:
                cursor.execute(
                    f'CREATE TABLE IF NOT EXISTS "{name}" PARTITION OF "{table}" '
                    f"FOR VALUES FROM ('{start.isoformat()}') TO ('{next_month(start).isoformat()}')"
                )
        transaction.on_commit(partial(_known.add, key), using=conn.alias)


def forget_partitions() -> None:
    """Drop the in-process memory of partitions (tests: a rolled-back test drops the partitions it made)."""
    _known.clear()
