"""Evidence files checked by their content and served by scope; reminders before the deadline, once."""

import datetime as dt
import hashlib

import pytest
from django.core.management import call_command

from pamong.core.errors import Conflict, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.notices.models import Notice
from pamong.reports import services
from pamong.reports.evidence_files import sniff
from pamong.reports.models import Evidence, Report

from .files import DOCX, EXE, JPEG, PDF, PNG, XLSX, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (DOCX, "wordprocessingml"),
        (XLSX, "spreadsheetml"),
        (EXE, None),
        (b"PK\x03\x04broken", None),
        (b"", None),
    ],
)
def test_sniff_by_content(content, kind):
    found = sniff(content)
    assert (found is None) if kind is None else (kind in found)


def test_upload_stores_a_checked_file_under_a_random_name(cast, rep):
    value = rep.disdik.values.get()
    evidence = services.evidence_upload(
        actor=rep.operator, report=rep.disdik, file=upload("Rekap APM.pdf", PDF), value=value, description="Dapodik"
    )
    assert evidence.content_type == "application/pdf" and evidence.size == len(PDF)
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest() and evidence.uploaded_by == rep.operator
    assert evidence.file.name.startswith(f"reports/{cast.tenant.pk}/") and "Rekap" not in evidence.file.name
    assert evidence.file.name.endswith(".pdf") and len(evidence.file.name.split("/")[-1]) == 36
    event = AuditEvent.objects.get(action="reports.evidence.upload")
    assert event.after["sha256"] == evidence.sha256 and event.after["value"] == value.pk


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("foto.pdf", PNG, "bernama PDF tetapi isinya PNG"),
        ("laporan.pdf", EXE, "bukan PDF yang sah"),
        ("rekap.xlsx", DOCX, "bernama Excel (.xlsx) tetapi isinya Word (.docx)"),
        ("program.exe", EXE, "tidak diterima"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(cast, rep, name, content, says):
    with pytest.raises(ValidationFailed) as exc:
        services.evidence_upload(actor=rep.operator, report=rep.disdik, file=upload(name, content))
    assert says in exc.value.field_errors["file"][0]
    assert not Evidence.objects.exists()


def test_the_size_limit_is_the_tenants(cast, rep):
    cast.tenant.settings = {"reports": {"evidence_max_mb": 1}}
    cast.tenant.save()
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationFailed) as exc:
        services.evidence_upload(
            actor=rep.operator, report=Report.objects.get(pk=rep.disdik.pk), file=upload("a.pdf", big)
        )
    assert "melebihi batas 1 MB" in exc.value.message


def test_evidence_is_frozen_with_the_report_and_removal_keeps_the_row(cast, rep):
    evidence = services.evidence_upload(actor=rep.operator, report=rep.disdik, file=upload("a.pdf", PDF))
    services.evidence_remove(actor=rep.operator, evidence=evidence)
    assert Evidence.objects.get(pk=evidence.pk).removed_at is not None
    assert AuditEvent.objects.filter(action="reports.evidence.remove").count() == 1
    with pytest.raises(Conflict):
        services.evidence_remove(actor=rep.operator, evidence=evidence)
    services.report_fill(
        actor=rep.operator, report=rep.disdik, values=[services.ValueEntry(rep.plan.indicator.pk, "1")]
    )
    services.report_submit(actor=cast.users["kepala_opd"], report=rep.disdik, today=dt.date(2026, 10, 9))
    with pytest.raises(Conflict):
        services.evidence_upload(actor=rep.operator, report=rep.disdik, file=upload("b.pdf", PDF))


# -- reminders -------------------------------------------------------------------------------------


def test_reminders_go_out_on_reminder_days_once(cast, rep):
    # Q3 is due 10 October: reminders 3 and 1 days before (7 and 9 October) to its head and operator.
    before = dt.date(2026, 10, 7)
    first = services.reports_remind(actor=rep.system, today=before)
    notices = Notice.objects.filter(kind="report_reminder")
    assert {n.recipient.username for n in notices} >= {"kepala_opd", "operator", "camat"}
    assert any("3 hari" in n.title and "Dinas Pendidikan" in n.title for n in notices)
    assert services.reports_remind(actor=rep.system, today=before) == 0  # idempotent
    assert notices.count() == first
    assert services.reports_remind(actor=rep.system, today=dt.date(2026, 10, 8)) == 0  # not a reminder day
    services.report_fill(
        actor=rep.operator, report=rep.disdik, values=[services.ValueEntry(rep.plan.indicator.pk, "1")]
    )
    services.report_submit(actor=cast.users["kepala_opd"], report=rep.disdik, today=before)
    services.reports_remind(actor=rep.system, today=dt.date(2026, 10, 9))
    last = Notice.objects.filter(kind="report_reminder", dedupe_key__endswith="2026-10-09")
    assert not last.filter(recipient=cast.users["kepala_opd"]).exists()  # submitted: no reminder
    assert last.filter(recipient=cast.users["camat"]).exists()


def test_the_commands_open_and_remind(cast, rep, capsys):
    call_command("reports_open", "--date=2026-10-05", "--tenant=73.99")
    assert "0 laporan dibuka" in capsys.readouterr().out
    call_command("reports_remind", "--date=2026-10-07")
    out = capsys.readouterr().out
    assert "Kabupaten Uji" in out and "pengingat dikirim" in out
    call_command("reports_remind", "--date=2026-10-07")
    assert "Kabupaten Uji: 0 pengingat" in capsys.readouterr().out


def test_the_tasks_run_through_the_backend(cast, rep):
    from pamong.reports.tasks import open_reports, send_reminders

    assert open_reports.enqueue(cast.tenant.pk, "2026-10-05").return_value == 0
    assert send_reminders.enqueue(cast.tenant.pk, "2026-10-07").return_value > 0
