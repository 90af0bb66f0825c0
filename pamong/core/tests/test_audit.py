"""The audit trail is append-only and its hash chain exposes alteration and removal."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from pamong.core import audit
from pamong.core.models import AuditEvent, Tenant

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenant():
    return Tenant.objects.create(name="Kabupaten Audit", region_code="71.01", time_zone="Asia/Makassar")


def _record(tenant, n):
    for i in range(n):
        with transaction.atomic():
            audit.record(actor=None, tenant_id=tenant.pk, action="test.event", after={"i": i, "amount": 1500})


def test_events_are_numbered_and_chained(tenant):
    _record(tenant, 3)
    events = list(AuditEvent.objects.filter(tenant=tenant).order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == audit.GENESIS_HASH
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert audit.verify_chain(tenant.pk) == (3, None)


@pytest.mark.django_db(transaction=True)
def test_record_refuses_to_run_outside_a_transaction(tenant):
    with pytest.raises(RuntimeError):
        audit.record(actor=None, tenant_id=tenant.pk, action="test.event")


def test_orm_cannot_update_or_delete_events(tenant):
    _record(tenant, 1)
    event = AuditEvent.objects.get(tenant=tenant)
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(tenant=tenant).update(reason="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(tenant=tenant).delete()


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_verify_detects_an_altered_event(tenant):
    _record(tenant, 4)
    target = AuditEvent.objects.get(tenant=tenant, seq=2)
    _raw(f"UPDATE {AuditEvent._meta.db_table} SET reason = %s WHERE id = %s", ["tampered", target.pk])
    checked, problem = audit.verify_chain(tenant.pk)
    assert checked == 1
    assert problem is not None and problem.seq == 2 and "altered" in problem.problem


def test_verify_detects_a_removed_event_in_the_middle(tenant):
    _record(tenant, 4)
    target = AuditEvent.objects.get(tenant=tenant, seq=3)
    _raw(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [target.pk])
    checked, problem = audit.verify_chain(tenant.pk)
    assert problem is not None and problem.seq == 3 and "missing" in problem.problem


def test_verify_detects_removal_of_the_newest_event(tenant):
    _record(tenant, 3)
    target = AuditEvent.objects.get(tenant=tenant, seq=3)
    _raw(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [target.pk])
    checked, problem = audit.verify_chain(tenant.pk)
    assert checked == 2
    assert problem is not None and problem.seq == 3 and "chain head" in problem.problem


def test_verify_detects_a_recomputed_forgery_of_the_last_event(tenant):
    """Rewriting the newest event and its own hash still disagrees with the chain head."""
    _record(tenant, 2)
    event = AuditEvent.objects.get(tenant=tenant, seq=2)
    row = AuditEvent.objects.filter(pk=event.pk).values(*audit.HASHED_FIELDS).get()
    row["reason"] = "forged"
    forged_hash = audit.event_hash(audit._fields_of(row), event.prev_hash)
    _raw(
        f"UPDATE {AuditEvent._meta.db_table} SET reason = %s, hash = %s WHERE id = %s",
        ["forged", forged_hash, event.pk],
    )
    _checked, problem = audit.verify_chain(tenant.pk)
    assert problem is not None and "chain head" in problem.problem


def test_audit_verify_command_reports_ok_and_broken(tenant):
    _record(tenant, 2)
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "OK" in out.getvalue() and "2 events" in out.getvalue()
    target = AuditEvent.objects.get(tenant=tenant, seq=1)
    _raw(f"UPDATE {AuditEvent._meta.db_table} SET action = %s WHERE id = %s", ["forged", target.pk])
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("audit_verify", stdout=out)
    assert "BROKEN" in out.getvalue() and "#1" in out.getvalue()


def test_chains_are_per_tenant(tenant):
    other = Tenant.objects.create(name="Kota Lain", region_code="71.02", time_zone="Asia/Jakarta")
    _record(tenant, 2)
    _record(other, 1)
    assert list(AuditEvent.objects.filter(tenant=other).values_list("seq", flat=True)) == [1]
    assert audit.verify_chain(tenant.pk) == (2, None)
    assert audit.verify_chain(other.pk) == (1, None)


def test_verify_detects_removal_of_the_head_row_with_the_newest_events(tenant):
    _record(tenant, 3)
    _raw(f"DELETE FROM {AuditEvent._meta.db_table} WHERE tenant_id = %s AND seq = 3", [tenant.pk])
    _raw(f"DELETE FROM {audit.AuditChain._meta.db_table} WHERE tenant_id = %s", [tenant.pk])
    _checked, problem = audit.verify_chain(tenant.pk)
    assert problem is not None and "head is missing" in problem.problem


def test_command_prints_the_head_for_the_auditor(tenant):
    _record(tenant, 2)
    out = StringIO()
    call_command("audit_verify", stdout=out)
    seq, digest = audit.chain_head(tenant.pk)
    assert seq == 2 and digest in out.getvalue()
