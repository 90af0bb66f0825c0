"""punch_file_import and punch_manual_add: atomic imports, dry runs, resends, pushes then files, scope."""

import datetime as dt
from unittest import mock

import pytest

from pamong.attendance.choices import PunchSource
from pamong.attendance.models import DirtyDay, IngestBatch, Punch
from pamong.attendance.rules.adms import parse_attlog
from pamong.attendance.services import punches as punches_module
from pamong.attendance.services.files import punch_file_import, punch_manual_add
from pamong.attendance.services.punches import PunchIn, punches_ingest
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent

from .files_support import NOW, csv_bytes, device_of, map_pins, operator, sample, xlsx_bytes

pytestmark = pytest.mark.django_db


def run(cast, actor, content, *, name="f", unit=None, device=None, dry_run=False):
    return punch_file_import(
        actor=actor,
        content=content,
        file_name=name,
        org_unit_id=cast.units[unit].pk if unit else None,
        device_id=device.pk if device else None,
        dry_run=dry_run,
        now=NOW,
    )


def test_dat_imports_in_one_batch_with_its_audit_event(cast):
    map_pins(cast)
    device = device_of(cast)
    report = run(cast, cast.users["hr_admin"], sample("attlog.dat"), name="attlog.dat", device=device)
    assert (report.format, report.received, report.accepted, report.duplicates, report.rejected) == (
        "dat",
        6,
        6,
        0,
        0,
    )
    batch = IngestBatch.objects.get()
    assert (batch.pk, batch.source, batch.org_unit_id, batch.device_id, batch.file_name, batch.accepted) == (
        report.batch_id,
        "file",
        cast.units["disdik"].pk,
        device.pk,
        "attlog.dat",
        6,
    )
    assert set(Punch.objects.values_list("batch_id", flat=True)) == {batch.pk}
    assert Punch.objects.filter(employee=cast.employees["asn"]).count() == 4
    event = AuditEvent.objects.get(action="attendance.punches.file")
    assert event.target_id == str(batch.pk) and event.after["file_name"] == "attlog.dat"


def test_bad_lines_are_reported_and_good_lines_kept(cast):
    map_pins(cast)
    report = run(cast, cast.users["hr_admin"], sample("bad/attlog_malformed.dat"), device=device_of(cast))
    assert (report.received, report.accepted, report.rejected) == (6, 2, 4)
    assert [(e["line"], e["code"]) for e in report.errors] == [
        (3, "no_datetime"),
        (5, "bad_datetime"),
        (6, "no_pin"),
        (7, "bad_status"),
    ]
    assert IngestBatch.objects.get().rejected == 4


def test_resending_the_same_file_adds_nothing(cast):
    map_pins(cast)
    device = device_of(cast)
    run(cast, cast.users["hr_admin"], sample("attlog.dat"), device=device)
    again = run(cast, cast.users["hr_admin"], sample("attlog.dat"), device=device)
    assert (again.accepted, again.duplicates) == (0, 6)
    assert Punch.objects.count() == 6
    assert IngestBatch.objects.count() == 2  # the resend is still on record, with its duplicates


def test_a_file_of_a_device_that_pushed_adds_nothing_twice(cast):
    map_pins(cast)
    device = device_of(cast)
    pushed = parse_attlog(sample("attlog.dat").decode(), serial=device.serial_number)
    punches_ingest(
        actor=cast.users["hr_admin"],
        tenant_id=cast.tenant.pk,
        source=PunchSource.DEVICE,
        device=device,
        punches=[
            PunchIn(punched_at=p.timestamp, natural_key=str(p.key), pin=p.pin, status=p.status or 0)
            for p in pushed.punches
        ],
        now=NOW,
    )
    report = run(cast, cast.users["hr_admin"], sample("attlog.dat"), device=device)
    assert (report.accepted, report.duplicates) == (0, 6)


def test_dry_run_reports_exactly_and_writes_nothing(cast):
    map_pins(cast)
    device = device_of(cast)
    events = AuditEvent.objects.count()
    report = run(cast, cast.users["hr_admin"], sample("bad/attlog_malformed.dat"), device=device, dry_run=True)
    assert report.dry_run and report.batch_id is None
    assert (report.accepted, report.rejected) == (2, 4)
    assert not Punch.objects.exists() and not IngestBatch.objects.exists()
    assert AuditEvent.objects.count() == events
    # The import that follows does what the check said.
    real = run(cast, cast.users["hr_admin"], sample("bad/attlog_malformed.dat"), device=device)
    assert (real.accepted, real.rejected, real.errors) == (report.accepted, report.rejected, report.errors)


def test_an_ingest_that_fails_rolls_back_the_whole_file(cast):
    map_pins(cast)
    device = device_of(cast)
    # The last write of the ingest (its audit event, after the punches and the batch) fails.
    with (
        mock.patch.object(punches_module.audit, "record", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        run(cast, cast.users["hr_admin"], sample("attlog.dat"), device=device)
    assert not Punch.objects.exists()
    assert not IngestBatch.objects.exists()
    assert not AuditEvent.objects.filter(action="attendance.punches.file").exists()
    assert not DirtyDay.objects.exists()


def test_a_wrong_file_imports_nothing(cast):
    with pytest.raises(ValidationFailed):
        run(cast, cast.users["hr_admin"], sample("bad/surat.pdf"), unit="disdik")
    assert not IngestBatch.objects.exists()


def test_csv_for_a_unit_refuses_staff_of_other_units_and_keeps_unknown_pins(cast):
    citra, dewi = cast.employees["asn"], cast.employees["asn_other_opd"]
    content = csv_bytes(
        [
            ["NIP", "PIN", "TANGGAL", "JAM"],
            [citra.nip, "", "19/11/2026", "07:25"],
            [dewi.nip, "", "19/11/2026", "07:26"],  # Dinas Kesehatan: not this upload's unit
            ["", "555", "19/11/2026", "07:27"],  # nobody yet: kept unmatched
        ],
        sep=";",
    )
    report = run(cast, cast.users["hr_admin"], content, unit="disdik")
    assert (report.received, report.accepted, report.unmatched, report.rejected) == (3, 2, 1, 1)
    assert [(e["line"], e["code"], e.get("kept", False)) for e in report.errors] == [
        (3, "outside_unit", False),
        (4, "unknown_pin", True),
    ]
    assert set(Punch.objects.values_list("employee_id", flat=True)) == {citra.pk, None}


def test_xlsx_imports_and_out_of_range_dates_are_line_errors(cast):
    citra = cast.employees["asn"]
    content = xlsx_bytes(
        [
            ["NIP", "TANGGAL", "JAM", "STATUS"],
            [citra.nip, dt.date(2026, 11, 19), dt.time(7, 25), 0],
            [citra.nip, dt.date(2025, 1, 6), dt.time(7, 25), 0],  # older than 62 days
            [citra.nip, dt.date(2026, 11, 21), dt.time(7, 25), 0],  # tomorrow
        ]
    )
    report = run(cast, cast.users["hr_admin"], content, unit="disdik")
    assert report.format == "xlsx"
    assert report.accepted == 1
    assert [(e["line"], e["code"]) for e in report.errors] == [(3, "too_old"), (4, "in_future")]


def test_operator_of_another_opd_cannot_upload_for_this_unit(cast):
    dinkes_operator = operator(cast, "dinkes")
    with pytest.raises(NotFoundError):
        run(cast, dinkes_operator, sample("presensi.csv"), unit="disdik")
    with pytest.raises(NotFoundError):
        run(cast, dinkes_operator, sample("attlog.dat"), device=device_of(cast))
    # The head of Disdik sees the unit but may not upload: forbidden, not hidden.
    with pytest.raises(Forbidden):
        run(cast, cast.users["kepala_opd"], sample("presensi.csv"), unit="disdik")
    # The unit's own operator may.
    citra = cast.employees["asn"]
    content = csv_bytes([["NIP", "TANGGAL", "JAM"], [citra.nip, "2026-11-19", "07:30"]])
    assert run(cast, operator(cast, "disdik"), content, unit="disdik").accepted == 1


def test_device_must_belong_to_the_chosen_unit(cast):
    with pytest.raises(ValidationFailed) as refused:
        run(cast, cast.users["hr_admin"], sample("attlog.dat"), unit="dinkes", device=device_of(cast))
    assert "device" in refused.value.field_errors


def test_a_unit_or_a_device_is_required(cast):
    with pytest.raises(ValidationFailed) as refused:
        run(cast, cast.users["hr_admin"], sample("presensi.csv"))
    assert "org_unit" in refused.value.field_errors


def test_manual_punch_with_reason_is_audited(cast):
    citra = cast.employees["asn"]
    at = dt.datetime(2026, 11, 19, 7, 28)
    result = punch_manual_add(
        actor=cast.users["hr_admin"],
        nip=citra.nip,
        punched_at=at,
        status=0,
        reason="Mesin rusak, surat Kadis 12/XI",
        now=NOW,
    )
    punch = Punch.objects.get()
    assert (punch.employee_id, punch.source, punch.natural_key, punch.raw) == (
        citra.pk,
        "manual",
        f"manual|{citra.pk}|2026-11-19 07:28:00",
        "Mesin rusak, surat Kadis 12/XI",
    )
    assert IngestBatch.objects.get(pk=result.batch_id).org_unit_id == citra.org_unit_id
    assert AuditEvent.objects.filter(action="attendance.punches.manual", target_id=str(result.batch_id)).exists()
    with pytest.raises(Conflict):
        punch_manual_add(
            actor=cast.users["hr_admin"],
            nip=citra.nip,
            punched_at=at,
            status=0,
            reason="Mesin rusak lagi hari itu",
            now=NOW,
        )
    assert Punch.objects.count() == 1 and IngestBatch.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "nip_of", "reason", "error"),
    [
        ("hr_admin", "asn", "rusak", ValidationFailed),  # reason too short
        ("hr_admin", None, "Mesin rusak hari itu", NotFoundError),  # unknown NIP
        ("kepala_opd", "asn", "Mesin rusak hari itu", Forbidden),  # sees her, may not enter punches
        ("camat", "asn", "Mesin rusak hari itu", NotFoundError),  # cannot see her: reads as unknown
    ],
)
def test_manual_punch_refusals(cast, persona, nip_of, reason, error):
    nip = cast.employees[nip_of].nip if nip_of else "199912312020121001"
    with pytest.raises(error):
        punch_manual_add(
            actor=cast.users[persona],
            nip=nip,
            punched_at=dt.datetime(2026, 11, 19, 7, 0),
            status=0,
            reason=reason,
            now=NOW,
        )
    assert not Punch.objects.exists()


def test_manual_punch_in_the_future_is_refused(cast):
    with pytest.raises(ValidationFailed) as refused:
        punch_manual_add(
            actor=cast.users["hr_admin"],
            nip=cast.employees["asn"].nip,
            punched_at=dt.datetime(2026, 11, 20, 16, 0),
            status=1,
            reason="Lupa presensi pulang, izin Kadis",
            now=NOW,
        )
    assert "punched_at" in refused.value.field_errors
    assert not IngestBatch.objects.exists()
