"""Recording and verifying the hash-chained audit trail.

Every service calls ``record`` inside its transaction. Events of one tenant form
a chain: each stores the previous event's hash and its own hash over a canonical
JSON of its fields. ``verify_chain`` recomputes the chain and reports the first
broken link, so an auditor can prove that no event was altered or removed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from .context import current_request_id
from .models import AuditChain, AuditEvent

GENESIS_HASH = "0" * 64


def _jsonable(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    result: dict[str, Any] = json.loads(json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True))
    return result


def _canonical(fields: Mapping[str, Any]) -> bytes:
    return json.dumps(fields, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(fields: Mapping[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + _canonical(fields)).hexdigest()


HASHED_FIELDS = (
    "tenant_id",
    "seq",
    "occurred_at",
    "actor_id",
    "actor_label",
    "org_unit_path",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "before",
    "after",
    "reason",
    "request_id",
)


def _fields_of(row: Mapping[str, Any]) -> dict[str, Any]:
    fields = {name: row[name] for name in HASHED_FIELDS}
    fields["occurred_at"] = row["occurred_at"].isoformat()
    return fields


def record(
    *,
    actor: Any,
    tenant_id: int,
    action: str,
    target: models.Model | None = None,
    org_unit_path: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event to the tenant's chain. Must run inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the service's atomic block")
    head, _created = AuditChain.objects.select_for_update().get_or_create(tenant_id=tenant_id)
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    fields: dict[str, Any] = {
        "tenant_id": tenant_id,
        "seq": head.last_seq + 1,
        "occurred_at": timezone.now(),
        "actor_id": actor_id,
        "actor_label": str(getattr(actor, "username", "") or "system")[:200] if actor is not None else "system",
        "org_unit_path": org_unit_path,
        "action": action,
        "target_type": target._meta.label_lower if target is not None else "",
        "target_id": str(target.pk) if target is not None else "",
        "target_label": str(target)[:255] if target is not None else "",
        "before": _jsonable(before),
        "after": _jsonable(after),
        "reason": reason,
        "request_id": current_request_id(),
    }
    digest = event_hash(_fields_of(fields), head.last_hash or GENESIS_HASH)
    event = AuditEvent.objects.create(prev_hash=head.last_hash or GENESIS_HASH, hash=digest, **fields)
    head.last_seq = fields["seq"]
    head.last_hash = digest
    head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class ChainProblem:
    tenant_id: int
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"tenant {self.tenant_id}: event #{self.seq}: {self.problem}"


def _rows(tenant_id: int) -> Iterator[dict[str, Any]]:
    qs = AuditEvent.objects.filter(tenant_id=tenant_id).order_by("seq")
    yield from qs.values(*HASHED_FIELDS, "prev_hash", "hash").iterator(chunk_size=2000)


def chain_head(tenant_id: int) -> tuple[int, str]:
    """The newest sequence number and hash, for an auditor to note down outside the server.

    Comparing a noted head with a later one proves that nothing before it was rewritten
    even if someone removed both the newest events and the head row.
    """
    head = AuditChain.objects.filter(tenant_id=tenant_id).first()
    return (head.last_seq, head.last_hash) if head else (0, GENESIS_HASH)


def verify_chain(tenant_id: int) -> tuple[int, ChainProblem | None]:
    """Walk one tenant's chain; return (events checked, first problem or None)."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for row in _rows(tenant_id):
        seq = row["seq"]
        if seq != expected_seq:
            return checked, ChainProblem(tenant_id, expected_seq, f"missing (next stored event is #{seq})")
        if row["prev_hash"] != expected_prev:
            return checked, ChainProblem(tenant_id, seq, "link to the previous event is broken")
        if event_hash(_fields_of(row), expected_prev) != row["hash"]:
            return checked, ChainProblem(tenant_id, seq, "content does not match its hash (altered)")
        expected_prev = row["hash"]
        expected_seq += 1
        checked += 1
    head = AuditChain.objects.filter(tenant_id=tenant_id).first()
    if head is None and checked:
        return checked, ChainProblem(tenant_id, checked, "chain head is missing (events after this one may be removed)")
    if head is not None and head.last_seq != checked:
        return checked, ChainProblem(tenant_id, checked + 1, f"missing (chain head records #{head.last_seq})")
    if head is not None and checked and head.last_hash != expected_prev:
        return checked, ChainProblem(tenant_id, checked, "last event does not match the chain head (altered)")
    return checked, None


def model_snapshot(instance: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    """The audited before/after picture of ``fields`` of one instance (FKs as ids)."""
    data: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        data[name] = getattr(instance, attname)
    return _jsonable(data) or {}
