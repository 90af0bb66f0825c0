"""The daily GDN run (service, task and command): drafts of last month on the 1st, reminders before and after
the due day, each once."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from pamong.core.models import AuditEvent
from pamong.discipline.models import SupervisionReport
from pamong.discipline.services.supervision_jobs import reports_daily
from pamong.discipline.supervision_tasks import discipline_reports_daily
from pamong.notices.models import Notice

from .test_supervision_support import MONTH, YEAR, build_october

pytestmark = pytest.mark.django_db


@pytest.fixture
def october(cast):
    return build_october(cast)


def test_the_first_prepares_last_months_drafts_for_every_opd_once(october):
    cast = october
    result = reports_daily(tenant_id=cast.tenant.pk, today=dt.date(2026, 11, 1))
    assert (result.prepared, result.failed) == (6, 0)
    reports = SupervisionReport.objects.filter(year=YEAR, month=MONTH)
    assert sorted(r.org_unit.code for r in reports) == ["BKPSDM", "DINKES", "DISDIK", "INSP", "KEC-A", "SETDA"]
    assert reports.get(org_unit__code="DINKES").figures["absent_days"] == 1
    events = AuditEvent.objects.filter(action__startswith="discipline.report.").count()
    reports_daily(tenant_id=cast.tenant.pk, today=dt.date(2026, 11, 1))  # again: nothing changed, nothing recorded
    assert AuditEvent.objects.filter(action__startswith="discipline.report.").count() == events
    assert reports.count() == 6


def test_heads_are_reminded_before_and_after_the_due_day_once(october):
    cast = october
    reports_daily(tenant_id=cast.tenant.pk, today=dt.date(2026, 11, 1))
    assert reports_daily(tenant_id=cast.tenant.pk, today=dt.date(2026, 11, 6)).reminded == 0  # 4 days before
    due = reports_daily(tenant_id=cast.tenant.pk, today=dt.date(2026, 11, 7))
    assert due.reminded == 2  # the heads of Dinas Pendidikan and Kecamatan Anggrek (the others have none)
    assert {n.recipient.username for n in Notice.objects.all()} == {
        cast.users["kepala_opd"].username,
        cast.users["camat"].username,
    }
    assert reports_daily(tenant_id=cast.tenant.pk, today=dt.date(2026, 11, 8)).reminded == 0  # once
    late = reports_daily(tenant_id=cast.tenant.pk, today=dt.date(2026, 11, 11))
    assert late.reminded == 2
    assert Notice.objects.filter(recipient=cast.users["kepala_opd"], title__contains="terlambat 1 hari").exists()


def test_task_and_command(october):
    cast = october
    assert discipline_reports_daily.call(cast.tenant.pk, "2026-11-01").startswith("prepared=6")
    out = io.StringIO()
    call_command("discipline_reports_remind", "--tenant", cast.tenant.region_code, "--date", "2026-11-07", stdout=out)
    assert out.getvalue().strip() == f"{cast.tenant.region_code} prepared=6 reminded=2 failed=0"
