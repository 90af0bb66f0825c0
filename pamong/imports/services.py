"""Importing units, positions and employees: upload, validate the whole file, apply it atomically.

``import_upload`` checks and stores the file and enqueues the background job;
``import_run`` (the job's body, also callable synchronously) reads and checks
every row, committing its progress as it goes, and hands a valid file to
``import_apply``, one transaction that re-plans against fresh data, writes with
bulk statements keyed on the natural keys (unit code, position code, NIP) and
records one audit event. Re-importing the same file changes nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from pamong.access.roles import IMPORTS_RUN, ORG_MANAGE, PEOPLE_MANAGE
from pamong.core import audit
from pamong.core.authz import authorize_at, require_tenant
from pamong.core.errors import DomainError, ValidationFailed
from pamong.core.scope import SystemActor, scope_of
from pamong.org.models import OrgUnit, Position, path_segment
from pamong.people.models import Assignment, Employee

from . import state
from .bulk import insert_rows
from .choices import BatchStatus, ImportKind
from .columns import SPECS
from .models import ImportBatch
from .planning import Plan, changed_fields, plan_positions, plan_units
from .planning_people import NewAssignment, plan_employees
from .reading import Table, check_name, check_size, check_upload, read_table
from .report import MAX_STORED_ERRORS, ImportRejected, RowError, error_rows, sorted_errors
from .rows import parse_rows

logger = logging.getLogger(__name__)

# The job lives one layer above services (tasks.py); it is named by path, like PAMONG_SCOPE_RESOLVER in core.
RUN_TASK = "pamong.imports.tasks.run_import_batch"
MANAGE_ACTION = {ImportKind.UNITS: ORG_MANAGE, ImportKind.POSITIONS: ORG_MANAGE, ImportKind.EMPLOYEES: PEOPLE_MANAGE}
AUDIT_KEYS_LIMIT = 1000
SUMMARY_KEYS_LIMIT = 100
SYSTEM_PREFIX = "system:"


def _actor_label(actor: Any) -> str:
    if isinstance(actor, get_user_model()):
        return str(actor)[:200]
    return str(getattr(actor, "username", "") or "system:imports")[:200]


@transaction.atomic
def import_upload(*, actor: Any, kind: str, file: File | None, enqueue: bool = True) -> ImportBatch:
    """Check and store an uploaded file as a new batch; the background job runs it after commit."""
    tenant_id = require_tenant(actor)
    unit = state.import_unit_for(actor=actor, tenant_id=tenant_id)
    authorize_at(actor, IMPORTS_RUN, tenant_id=tenant_id, path=unit.path)
    if kind not in ImportKind.values:
        raise ValidationFailed(
            _("Jenis impor tidak dikenal."), field_errors={"kind": [_("Pilih jenis data yang diimpor.")]}
        )
    if file is None:
        raise ValidationFailed(
            _("Pilih berkas untuk diunggah."), field_errors={"file": [_("Pilih berkas untuk diunggah.")]}
        )
    name = PurePath(str(file.name or "")).name
    check_name(name)
    check_size(file.size or 0)  # before reading a huge upload into memory
    file.seek(0)
    content = file.read()
    check_upload(name, content)
    batch = ImportBatch(
        tenant_id=tenant_id,
        kind=kind,
        original_name=name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        org_unit=unit,
        created_by=actor if isinstance(actor, get_user_model()) else None,
        created_by_label=_actor_label(actor),
    )
    batch.file.save(name, ContentFile(content), save=False)
    batch.save()
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="imports.batch.uploaded",
        target=batch,
        org_unit_path=unit.path,
        after={"kind": kind, "file": batch.original_name, "sha256": batch.sha256, "size": batch.size},
    )
    if enqueue:
        batch_id = batch.pk
        transaction.on_commit(lambda: import_string(RUN_TASK).enqueue(batch_id))
    return batch


@dataclass(frozen=True)
class Parsed:
    """A file read and parsed row by row: what the apply step needs."""

    rows: list[Any]
    present: frozenset[str]
    labels: dict[str, str]
    column_order: dict[str, int]  # header as written -> position, to list a row's errors left to right

    def label(self, kind: str) -> Callable[[str], str]:
        spec = SPECS[kind]
        return lambda key: self.labels.get(key) or spec.column(key).header


def _actor_of(batch: ImportBatch) -> Any:
    """The uploader, acting again with today's grants; the system actor for command-line batches."""
    if batch.created_by is not None:
        return batch.created_by
    if batch.created_by_label.startswith(SYSTEM_PREFIX):
        return SystemActor(tenant_id=batch.tenant_id, label=batch.created_by_label.removeprefix(SYSTEM_PREFIX))
    return None


def _can_place(actor: Any, batch: ImportBatch) -> Callable[[str], bool]:
    scope = scope_of(actor)
    manage = MANAGE_ACTION[ImportKind(batch.kind)]

    @functools.cache
    def can_place(path: str) -> bool:
        return scope.allows(IMPORTS_RUN, tenant_id=batch.tenant_id, path=path) and scope.allows(
            manage, tenant_id=batch.tenant_id, path=path
        )

    return can_place


def import_run(*, batch_id: int) -> ImportBatch:
    """Validate and apply one uploaded batch: the job's body. Does nothing unless the batch is still ``uploaded``."""
    now = timezone.now()
    claimed = ImportBatch.objects.filter(pk=batch_id, status=BatchStatus.UPLOADED).update(
        status=BatchStatus.VALIDATING, started_at=now, updated_at=now
    )
    batch = ImportBatch.objects.select_related("tenant", "org_unit", "created_by").get(pk=batch_id)
    if not claimed:
        return batch
    actor = _actor_of(batch)
    try:
        if actor is None:
            raise DomainError(_("Pengunggah berkas ini tidak lagi terdaftar."))
        authorize_at(actor, IMPORTS_RUN, tenant_id=batch.tenant_id, path=batch.org_unit.path)
        parsed = _validate(batch, actor)
        if parsed is not None:
            updated = ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.VALIDATING).update(
                status=BatchStatus.APPLYING, rows_done=batch.rows_total, updated_at=timezone.now()
            )
            if updated:
                import_apply(actor=actor, batch=batch, parsed=parsed)
    except ImportRejected as exc:
        _finish(batch, actor, BatchStatus.REJECTED, errors=exc.errors)
    except IntegrityError:
        logger.exception("import batch %s: integrity error", batch_id)
        _finish(
            batch,
            actor,
            BatchStatus.FAILED,
            message=_(
                "Data berubah selama impor (mis. disimpan bersamaan dari halaman lain). "
                "Tidak ada data yang diubah; unggah ulang berkasnya."
            ),
        )
    except DomainError as exc:
        _finish(batch, actor, BatchStatus.FAILED, message=_("Impor dihentikan: %(reason)s") % {"reason": exc.message})
    except Exception:
        logger.exception("import batch %s failed", batch_id)
        _finish(
            batch,
            actor,
            BatchStatus.FAILED,
            message=_(
                "Terjadi kesalahan tak terduga; tidak ada data yang diubah. "
                "Sampaikan nomor batch #%(id)d kepada admin platform."
            )
            % {"id": batch.pk},
        )
    batch.refresh_from_db()
    return batch


def _validate(batch: ImportBatch, actor: Any) -> Parsed | None:
    """Read and check every row (progress committed every 500 rows); reject and return None on any error."""
    spec = SPECS[batch.kind]
    with batch.file.open("rb") as handle:
        content = handle.read()
    table = read_table(check_upload(batch.original_name, content), content, spec)
    if not isinstance(table, Table):
        raise ImportRejected(table)
    batch.rows_total = len(table.rows)
    ImportBatch.objects.filter(pk=batch.pk).update(rows_total=batch.rows_total, rows_done=0)
    batch.summary = {
        "sheet": table.sheet,
        "header_row": table.header_row,
        "ignored_columns": list(table.match.ignored[:50]),
    }
    match = table.match
    order = {match.labels[key]: index for key, index in match.indexes.items()}
    parsed = Parsed(rows=[], present=match.present, labels=dict(match.labels), column_order=order)

    def progress(done: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done)

    rows, errors = parse_rows(
        batch.kind, table.rows, parsed.label(batch.kind), today=batch.tenant.today(), progress=progress
    )
    if errors:
        raise ImportRejected(sorted_errors(errors, parsed.column_order))
    parsed = Parsed(rows=rows, present=parsed.present, labels=parsed.labels, column_order=order)
    plan = _plan(batch, actor, parsed)
    if plan.errors:
        raise ImportRejected(sorted_errors(plan.errors, parsed.column_order))
    return parsed


def _plan(batch: ImportBatch, actor: Any, parsed: Parsed) -> Plan:
    """Load the stored state in a fixed number of queries and plan the file against it."""
    tenant_id = batch.tenant_id
    can_place = _can_place(actor, batch)
    units = state.tenant_units(tenant_id=tenant_id)
    present, label = parsed.present, parsed.label(batch.kind)
    if batch.kind == ImportKind.UNITS:
        clusters = state.tenant_clusters(tenant_id=tenant_id)
        return plan_units(
            parsed.rows, units=units, clusters=clusters, present=present, can_place=can_place, label=label
        )
    positions = state.tenant_positions(tenant_id=tenant_id)
    if batch.kind == ImportKind.POSITIONS:
        return plan_positions(
            parsed.rows, units=units, positions=positions, present=present, can_place=can_place, label=label
        )
    starts = [r.starts_on for r in parsed.rows if r.starts_on is not None]
    return plan_employees(
        parsed.rows,
        units=units,
        positions=positions,
        employees=state.tenant_employees(tenant_id=tenant_id),
        assignments=state.tenant_assignments(tenant_id=tenant_id, since=min(starts, default=dt.date.max)),
        present=present,
        can_place=can_place,
        label=label,
        today=batch.tenant.today(),
    )


@transaction.atomic
def import_apply(*, actor: Any, batch: ImportBatch, parsed: Parsed) -> ImportBatch:
    """Write a validated file in one transaction.

    Re-plans against fresh data under the tenant's import lock; raises ``ImportRejected``
    (rolling everything back) if the data changed so that the file no longer fits.
    """
    authorize_at(actor, IMPORTS_RUN, tenant_id=batch.tenant_id, path=batch.org_unit.path)
    # One import per tenant at a time: the root unit's row is the tenant's import lock.
    OrgUnit.objects.select_for_update().filter(tenant_id=batch.tenant_id, parent__isnull=True).first()
    plan = _plan(batch, actor, parsed)
    if plan.errors:
        raise ImportRejected(sorted_errors(plan.errors, parsed.column_order))
    now = timezone.now()
    if batch.kind == ImportKind.UNITS:
        _write_units(batch.tenant_id, plan, now)
    elif batch.kind == ImportKind.POSITIONS:
        _write_positions(batch.tenant_id, plan, now)
    else:
        _write_employees(batch.tenant_id, plan, now)
    created_keys = [c.key for c in plan.creates]
    updated_keys = [u.key for u in plan.updates] + list(plan.touched)
    assignments = (
        {
            "assignments_started": len(plan.extra["new_assignments"]),
            "assignments_ended": len(plan.extra["ended_assignments"]),
        }
        if batch.kind == ImportKind.EMPLOYEES
        else {}
    )
    batch.status = BatchStatus.APPLIED
    batch.rows_done = batch.rows_total
    batch.created_count, batch.updated_count, batch.unchanged_count = plan.created, plan.updated, plan.unchanged
    batch.finished_at = now
    batch.summary = {
        **batch.summary,
        **assignments,
        "created_keys": created_keys[:SUMMARY_KEYS_LIMIT],
        "updated_keys": updated_keys[:SUMMARY_KEYS_LIMIT],
    }
    batch.save()
    audit.record(
        actor=actor,
        tenant_id=batch.tenant_id,
        action="imports.batch.applied",
        target=batch,
        org_unit_path=batch.org_unit.path,
        after={
            "kind": batch.kind,
            "file": batch.original_name,
            "sha256": batch.sha256,
            "rows": batch.rows_total,
            "created": plan.created,
            "updated": plan.updated,
            "unchanged": plan.unchanged,
            **assignments,
            "created_keys": created_keys[:AUDIT_KEYS_LIMIT],
            "created_keys_omitted": max(0, len(created_keys) - AUDIT_KEYS_LIMIT),
            "updated_keys": updated_keys[:AUDIT_KEYS_LIMIT],
            "updated_keys_omitted": max(0, len(updated_keys) - AUDIT_KEYS_LIMIT),
            "changes": {u.key: u.changes for u in plan.updates[:AUDIT_KEYS_LIMIT]},
        },
    )
    return batch


@transaction.atomic
def _finish(
    batch: ImportBatch, actor: Any, status: BatchStatus, *, errors: list[RowError] | None = None, message: str = ""
) -> None:
    """End a batch that wrote nothing: rejected with its error report, or failed with a message."""
    ordered = sorted_errors(errors or [])
    batch.status = status
    batch.message = message
    batch.errors = [e.as_dict() for e in ordered[:MAX_STORED_ERRORS]]
    batch.error_count = len(ordered)
    batch.error_rows = error_rows(ordered)
    batch.finished_at = timezone.now()
    batch.save(
        update_fields=[
            "status",
            "message",
            "errors",
            "error_count",
            "error_rows",
            "finished_at",
            "summary",
            "updated_at",
        ]
    )
    audit.record(
        actor=actor,
        tenant_id=batch.tenant_id,
        action=f"imports.batch.{status}",
        target=batch,
        org_unit_path=batch.org_unit.path,
        after={
            "kind": batch.kind,
            "file": batch.original_name,
            "errors": batch.error_count,
            "error_rows": batch.error_rows,
        },
        reason=message,
    )


# ----------------------------------------------------------------- writers --


def _write_units(tenant_id: int, plan: Plan, now: dt.datetime) -> None:
    stored = state.tenant_units(tenant_id=tenant_id)
    ids = {u.code: u.id for u in stored}
    parent_id = {u.id: u.parent_id for u in stored}
    placed = {u.id: (u.path, u.depth) for u in stored}
    for depth in sorted({c.values["depth"] for c in plan.creates}):
        level = [c for c in plan.creates if c.values["depth"] == depth]
        objs = [
            OrgUnit(
                tenant_id=tenant_id,
                code=c.key,
                name=c.values["name"],
                kind=c.values["kind"],
                short_name=c.values["short_name"],
                cluster_id=c.values["cluster_id"],
                closed_on=c.values["closed_on"],
                parent_id=ids[c.values["parent_code"]] if c.values["parent_code"] else None,
                path="",
                depth=depth,
            )
            for c in level
        ]
        OrgUnit.objects.bulk_create(objs, batch_size=500)
        for obj in objs:
            ids[obj.code] = obj.pk
            parent_id[obj.pk] = obj.parent_id
    if plan.updates:
        fields = [("parent_id" if f == "parent_code" else f) for f in changed_fields(plan.updates)]
        objs = []
        for u in plan.updates:
            values = {k: v for k, v in u.values.items() if k != "parent_code"}
            parent = ids[u.values["parent_code"]] if u.values["parent_code"] else None
            parent_id[u.pk] = parent
            objs.append(OrgUnit(pk=u.pk, parent_id=parent, updated_at=now, **values))
        OrgUnit.objects.bulk_update(objs, [*fields, "updated_at"], batch_size=500)
    # Paths follow the (possibly moved) parents; only rows whose path or depth differ are written.
    paths: dict[int, tuple[str, int]] = {}

    def path_of(pk: int) -> tuple[str, int]:
        if pk not in paths:
            parent = parent_id[pk]
            if parent is None:
                paths[pk] = (path_segment(pk), 0)
            else:
                parent_path, parent_depth = path_of(parent)
                paths[pk] = (parent_path + path_segment(pk), parent_depth + 1)
        return paths[pk]

    moved = [OrgUnit(pk=pk, path=p, depth=d) for pk in parent_id for p, d in [path_of(pk)] if placed.get(pk) != (p, d)]
    OrgUnit.objects.bulk_update(moved, ["path", "depth"], batch_size=500)


def _write_positions(tenant_id: int, plan: Plan, now: dt.datetime) -> None:
    # A head post that moves or becomes head is written in two steps, so the one-open-head-per-unit
    # constraint (checked row by row on PostgreSQL) never sees two heads while posts swap.
    risky = {
        u.pk for u in plan.updates if u.values["is_head"] and ("is_head" in u.changes or "org_unit_id" in u.changes)
    }
    if plan.updates:
        fields = [*changed_fields(plan.updates), *(["is_head"] if risky else []), "updated_at"]
        objs = [
            Position(pk=u.pk, updated_at=now, **{**u.values, "is_head": u.values["is_head"] and u.pk not in risky})
            for u in plan.updates
        ]
        Position.objects.bulk_update(objs, list(dict.fromkeys(fields)), batch_size=500)
    insert_rows(Position, [{**c.values, "tenant_id": tenant_id} for c in plan.creates], now=now)
    if risky:
        Position.objects.bulk_update([Position(pk=pk, is_head=True) for pk in risky], ["is_head"])


def _write_employees(tenant_id: int, plan: Plan, now: dt.datetime) -> None:
    insert_rows(Employee, [{**c.values, "tenant_id": tenant_id} for c in plan.creates], now=now)
    if plan.updates:
        objs = [Employee(pk=u.pk, updated_at=now, **u.values) for u in plan.updates]
        Employee.objects.bulk_update(objs, [*changed_fields(plan.updates), "updated_at"], batch_size=500)
    ended: dict[int, dt.date] = plan.extra.get("ended_assignments", {})
    if ended:
        Assignment.objects.bulk_update(
            [Assignment(pk=pk, ends_on=day, updated_at=now) for pk, day in ended.items()],
            ["ends_on", "updated_at"],
            batch_size=500,
        )
    planned: list[NewAssignment] = plan.extra.get("new_assignments", [])
    if not planned:
        return
    # New employees got their ids from the insert above: read them back by NIP (one query).
    ids = dict(Employee.objects.filter(tenant_id=tenant_id).values_list("nip", "id")) if plan.creates else {}
    note = _("Impor data")
    rows = [
        {
            "tenant_id": tenant_id,
            "employee_id": p.employee_id or ids[p.nip],
            "position_id": p.position.id,
            "kind": p.kind,
            "starts_on": p.starts_on,
            "note": note,
        }
        for p in planned
    ]
    insert_rows(Assignment, rows, now=now)


STALE_MESSAGE = _(
    "Proses impor terhenti (pekerja latar belakang berhenti). Tidak ada data yang diubah; unggah ulang berkasnya."
)


def import_reap_stale(*, tenant_id: int, older_than: dt.timedelta, now: dt.datetime) -> int:
    """Fail batches whose job died while checking or saving (no progress for ``older_than``).

    Nothing of such a batch was written: rows are only written inside the single
    apply transaction, which a dead worker rolled back. Each batch is claimed with a
    conditional update, so a job that is in fact still alive and a concurrent reaper
    cannot both finish it.
    """
    stale = ImportBatch.objects.filter(
        tenant_id=tenant_id,
        status__in=[BatchStatus.VALIDATING, BatchStatus.APPLYING],
        updated_at__lt=now - older_than,
    ).values_list("pk", "status")
    reaped = 0
    for batch_id, status in list(stale):
        claimed = ImportBatch.objects.filter(pk=batch_id, status=status, updated_at__lt=now - older_than).update(
            status=BatchStatus.FAILED, updated_at=now
        )
        if not claimed:
            continue
        batch = ImportBatch.objects.select_related("org_unit", "created_by").get(pk=batch_id)
        batch.status = status  # _finish records the transition from the state the job died in
        _finish(
            batch,
            SystemActor(tenant_id=tenant_id, label="imports_reap"),
            BatchStatus.FAILED,
            message=str(STALE_MESSAGE),
        )
        reaped += 1
    return reaped
