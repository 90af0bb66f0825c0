"""Small SQL pieces the set-based derivation shares between PostgreSQL and SQLite.

``relation`` turns Python rows (unit schedule spans, shift hours, employee ids, employee-day pairs) into a
table usable in ``FROM`` with ONE bound parameter per column on PostgreSQL (``unnest`` of typed arrays) and
one in all on SQLite (``json_each`` of a JSON array), so a 20,000-employee filter never becomes 20,000
placeholders. ``Dialect`` names the few functions the two spell differently.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection


@dataclass(frozen=True, slots=True)
class Dialect:
    greatest: str
    least: str
    json_object_agg: str
    empty_json: str
    postgresql: bool


def dialect() -> Dialect:
    if connection.vendor == "postgresql":
        return Dialect("GREATEST", "LEAST", "jsonb_object_agg", "'{}'::jsonb", True)
    return Dialect("max", "min", "json_group_object", "'{}'", False)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def relation(
    name: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
) -> tuple[str, dict[str, Any]]:
    """``SELECT`` text and named parameters (prefixed ``name``) of a table of ``columns`` ((name, PostgreSQL
    type)) holding ``rows``."""
    names = ", ".join(column for column, _type in columns)
    if connection.vendor == "postgresql":
        params = {f"{name}_{i}": [row[i] for row in rows] for i in range(len(columns))}
        unnest = ", ".join(f"%({name}_{i})s::{pg_type}[]" for i, (_column, pg_type) in enumerate(columns))
        return f"SELECT * FROM unnest({unnest}) AS {name}({names})", params  # noqa: S608 - fixed fragments, values bound
    picks = ", ".join(f"json_extract(value, '$[{i}]') AS {column}" for i, (column, _type) in enumerate(columns))
    payload = json.dumps([[_plain(v) for v in row] for row in rows])
    return f"SELECT {picks} FROM json_each(%({name})s)", {name: payload}  # noqa: S608 - fixed fragments, values bound
