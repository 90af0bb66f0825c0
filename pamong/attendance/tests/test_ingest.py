"""punches_ingest: natural-key dedupe, PIN and NIP resolution, refused rows with reasons, kept unmatched punches,
closed months, the queue of past days, batch records and audit, and who may ingest."""

import datetime as dt

import pytest
from django.utils import timezone

from pamong.attendance.choices import PunchSource
from pamong.attendance.models import DevicePin, DirtyDay, IngestBatch, MonthClose, Punch
from pamong.attendance.services.punches import PunchIn, punches_attach_pin, punches_ingest
from pamong.core.errors import Forbidden, NotFoundError
from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor

pytestmark = pytest.mark.django_db

# 2026-11-20 10:00 WITA (the cast tenant's zone) = 02:00 UTC.
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


def key(pin: str, at: dt.datetime, status: int = 0) -> str:
    return f"SN1|{pin}|{at:%Y-%m-%d %H:%M:%S}|{status}"


def punch(pin: str, at: dt.datetime, line: int = 1) -> PunchIn:
    return PunchIn(punched_at=at, natural_key=key(pin, at), pin=pin, raw=f"{pin}\t{at}", line=line)


def ingest(cast, punches, source=PunchSource.FILE, actor=None, **kw):
    actor = actor or SystemActor(tenant_id=cast.tenant.pk, label="test")
    return punches_ingest(actor=actor, tenant_id=cast.tenant.pk, source=source, punches=punches, now=NOW, **kw)


def test_resend_adds_nothing_and_counts_duplicates(cast):
    asn = cast.employees["asn"]
    DevicePin.objects.create(tenant=cast.tenant, employee=asn, pin="101")
    rows = [punch("101", dt.datetime(2026, 11, 19, 7, 25)), punch("101", dt.datetime(2026, 11, 19, 16, 5), 2)]
    first = ingest(cast, rows)
    again = ingest(cast, rows)
    assert (first.accepted, first.duplicates) == (2, 0)
    assert (again.accepted, again.duplicates) == (0, 2)
    stored = Punch.objects.filter(tenant=cast.tenant).order_by("punched_at")
    assert [(p.employee_id, p.local_date, p.local_minute) for p in stored] == [
        (asn.pk, dt.date(2026, 11, 19), 7 * 60 + 25),
        (asn.pk, dt.date(2026, 11, 19), 16 * 60 + 5),
    ]
    # Wall time 07:25 in WITA is 23:25 UTC the day before.
    assert stored[0].punched_at == dt.datetime(2026, 11, 18, 23, 25, tzinfo=dt.UTC)
    # Yesterday's day is queued for derivation once.
    assert list(DirtyDay.objects.values_list("employee_id", "date")) == [(asn.pk, dt.date(2026, 11, 19))]


def test_pin_equal_to_a_nip_finds_the_employee(cast):
    asn = cast.employees["asn"]
    result = ingest(cast, [punch(asn.nip, dt.datetime(2026, 11, 20, 7, 31))])
    assert result.accepted == 1 and result.unmatched == 0
    assert Punch.objects.get().employee_id == asn.pk
    assert not DirtyDay.objects.exists()  # today is not derived until the day is over


def test_bad_rows_are_refused_with_reasons_and_good_rows_kept(cast):
    asn = cast.employees["asn"]
    MonthClose.objects.create(tenant=cast.tenant, year=2026, month=10)
    rows = [
        punch(asn.nip, dt.datetime(2026, 11, 19, 7, 30), 1),
        punch(asn.nip, dt.datetime(2025, 1, 2, 7, 30), 2),  # too old
        punch(asn.nip, dt.datetime(2026, 11, 20, 11, 0), 3),  # an hour in the future
        punch(asn.nip, dt.datetime(2026, 10, 30, 7, 30), 4),  # closed month
        punch("999", dt.datetime(2026, 11, 19, 7, 40), 5),  # unknown PIN: kept
    ]
    prior = [{"line": 6, "code": "malformed", "message_id": "Baris rusak", "message_en": "Bad line", "raw": "x"}]
    result = ingest(cast, rows, prior_errors=prior, file_name="attlog.dat")
    assert (result.received, result.accepted, result.rejected, result.unmatched) == (6, 2, 4, 1)
    codes = {e["line"]: e["code"] for e in result.errors}
    assert codes == {2: "too_old", 3: "in_future", 4: "month_closed", 5: "unknown_pin", 6: "malformed"}
    batch = IngestBatch.objects.get(pk=result.batch_id)
    assert (batch.accepted, batch.rejected, batch.unmatched, batch.file_name) == (2, 4, 1, "attlog.dat")
    event = AuditEvent.objects.get(action="attendance.punches.file")
    assert event.after["accepted"] == 2
    assert Punch.objects.get(pin="999").employee_id is None


def test_mapping_a_pin_attaches_kept_punches(cast):
    asn = cast.employees["asn"]
    ingest(cast, [punch("555", dt.datetime(2026, 11, 18, 7, 40))])
    attached = punches_attach_pin(tenant_id=cast.tenant.pk, pin="555", employee_id=asn.pk)
    assert attached == 1
    assert Punch.objects.get().employee_id == asn.pk
    assert DirtyDay.objects.filter(employee_id=asn.pk, date=dt.date(2026, 11, 18)).exists()


def test_mobile_punches_are_only_ones_own(cast):
    asn, other = cast.employees["asn"], cast.employees["asn_other_opd"]
    mine = PunchIn(punched_at=timezone.localtime(NOW), natural_key="web|x|1", employee_id=asn.pk)
    theirs = PunchIn(punched_at=timezone.localtime(NOW), natural_key="web|x|2", employee_id=other.pk)
    result = ingest(cast, [mine], source=PunchSource.MOBILE, actor=cast.users["asn"], record_batch=False)
    assert result.accepted == 1 and result.batch_id is None
    with pytest.raises(Forbidden):
        ingest(cast, [theirs], source=PunchSource.MOBILE, actor=cast.users["asn"], record_batch=False)
    with pytest.raises(Forbidden):
        ingest(cast, [mine], source=PunchSource.MOBILE, actor=cast.users["bupati"], record_batch=False)


def test_file_ingest_needs_the_import_action_over_the_unit(cast):
    rows = [punch("1", dt.datetime(2026, 11, 19, 7, 30))]
    with pytest.raises(Forbidden):
        ingest(cast, rows, actor=cast.users["kepala_opd"], org_unit=cast.units["disdik"])
    with pytest.raises(NotFoundError):
        ingest(cast, rows, actor=cast.users["other_tenant"], org_unit=cast.units["disdik"])
    assert ingest(cast, rows, actor=cast.users["hr_admin"], org_unit=cast.units["disdik"]).unmatched == 1
