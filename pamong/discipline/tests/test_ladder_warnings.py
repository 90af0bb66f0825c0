"""Acting on warnings: declining needs a reason and the right person; ignored warnings escalate up the chain;
the nightly command and job."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from pamong.access.models import User
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.discipline.choices import WarningStatus
from pamong.discipline.models import Standing, Warning
from pamong.discipline.services.ladder import ladder_evaluate
from pamong.discipline.services.ladder_warnings import warning_decline, warnings_escalate
from pamong.discipline.tasks import discipline_nightly
from pamong.notices.models import Notice

from .test_ladder_support import extra_staff, working_days, write_days

pytestmark = pytest.mark.django_db

RAISED = dt.date(2026, 7, 1)  # a Wednesday: due 5 working days later, 8 July


def raise_warning(cast):
    asn = cast.employees["asn"]
    write_days(cast, asn, dt.date(2026, 1, 1), dt.date(2026, 6, 30), absent=working_days(dt.date(2026, 2, 2), 4))
    ladder_evaluate(
        actor=SystemActor(tenant_id=cast.tenant.pk, label="test"),
        tenant=cast.tenant,
        year=2026,
        through=dt.date(2026, 6, 30),
        today=RAISED,
    )
    return Warning.objects.get(employee=asn)


@pytest.fixture
def kabid(cast):
    """A Kepala Bidang Pembinaan SD with an account: Citra's direct superior, below the Kadisdik."""
    head = extra_staff(cast, 1, unit="disdik_bidang", position="kabid_sd")[0]
    User.objects.create_user(username="kabid", password="x-pass-123", tenant=cast.tenant, employee=head)
    return head


def test_decline_needs_a_reason_citing_the_rule(cast):
    warning = raise_warning(cast)
    with pytest.raises(ValidationFailed) as err:
        warning_decline(actor=cast.users["kepala_opd"], warning=warning, reason="   ")
    assert err.value.field_errors["reason"] and "PP 94/2021 Pasal 28" in err.value.message
    declined = warning_decline(actor=cast.users["kepala_opd"], warning=warning, reason="Sudah dibina lisan.")
    assert declined.status == WarningStatus.DECLINED and declined.reason == "Sudah dibina lisan."
    event = AuditEvent.objects.get(action="discipline.warning.decline")
    assert event.reason == "Sudah dibina lisan." and event.before["status"] == "open"
    with pytest.raises(Conflict):
        warning_decline(actor=cast.users["hr_admin"], warning=warning, reason="Lagi.")


@pytest.mark.parametrize(
    ("persona", "error"),
    [("asn", Forbidden), ("bupati", Forbidden), ("asisten", Forbidden), ("camat", NotFoundError)]
    + [("asn_other_opd", NotFoundError), ("other_tenant", NotFoundError), ("verifier", NotFoundError)],
)
def test_who_may_not_decline(cast, persona, error):
    warning = raise_warning(cast)
    with pytest.raises(error):
        warning_decline(actor=cast.users[persona], warning=warning, reason="Alasan.")


def test_bkpsdm_and_the_addressed_superior_without_a_role_may_decline(cast, kabid):
    warning = raise_warning(cast)
    assert warning.superior_id == kabid.pk  # the Kabid is now the direct superior
    kabid_user = User.objects.get(username="kabid")  # no role at all: the warning names him
    warning_decline(actor=kabid_user, warning=warning, reason="Sakit, surat dokter menyusul.")
    assert Warning.objects.get(pk=warning.pk).acted_by == kabid_user


def test_ignored_warning_climbs_the_chain_then_reaches_bkpsdm(cast, kabid, django_capture_on_commit_callbacks):
    warning = raise_warning(cast)
    assert warning.superior_id == kabid.pk and warning.due_on == dt.date(2026, 7, 8)
    assert warnings_escalate(tenant=cast.tenant, today=dt.date(2026, 7, 8)).escalated == 0  # not past due yet
    with django_capture_on_commit_callbacks(execute=True):
        result = warnings_escalate(tenant=cast.tenant, today=dt.date(2026, 7, 9))
    warning.refresh_from_db()
    assert result.escalated == 1 and warning.superior_id == cast.employees["kepala_opd"].pk
    assert (warning.escalation_level, warning.escalated_on, warning.due_on) == (
        1,
        dt.date(2026, 7, 9),
        dt.date(2026, 7, 16),
    )
    assert Notice.objects.filter(recipient=cast.users["kepala_opd"], title__contains="dieskalasi").exists()
    assert Notice.objects.filter(recipient=cast.users["hr_admin"], title__contains="dieskalasi").exists()
    assert warnings_escalate(tenant=cast.tenant, today=dt.date(2026, 7, 10)).escalated == 0  # new due date
    result = warnings_escalate(tenant=cast.tenant, today=dt.date(2026, 7, 17))
    warning.refresh_from_db()
    # Nobody heads the root in the cast: BKPSDM alone, and there it stays.
    assert result.to_bkpsdm == 1 and (warning.superior_id, warning.escalation_level) == (None, 2)
    assert warnings_escalate(tenant=cast.tenant, today=dt.date(2026, 8, 30)).escalated == 0
    assert AuditEvent.objects.filter(action="discipline.warning.escalate").count() == 2


def test_answered_warnings_do_not_escalate(cast):
    warning = raise_warning(cast)
    warning_decline(actor=cast.users["hr_admin"], warning=warning, reason="Sudah ada kasus manual.")
    assert warnings_escalate(tenant=cast.tenant, today=dt.date(2026, 9, 1)).escalated == 0


def test_nightly_command_evaluates_through_yesterday_and_escalates(cast):
    asn = cast.employees["asn"]
    write_days(cast, asn, dt.date(2026, 1, 1), dt.date(2026, 3, 31), absent=working_days(dt.date(2026, 3, 2), 3))
    out = StringIO()
    call_command("discipline_nightly", "--tenant", "73.99", "--date", "2026-03-10", stdout=out)
    assert "73.99" in out.getvalue() and "warnings 1 band" in out.getvalue()
    standing = Standing.objects.get(employee=asn)
    assert standing.through == dt.date(2026, 3, 9) and standing.total_days == 3
    out = StringIO()
    call_command("discipline_nightly", "--tenant", "73.99", "--date", "2026-03-20", stdout=out)
    assert "escalated 1" in out.getvalue()  # raised 10 March, due 17 March, nobody acted


def test_nightly_job_is_the_same_run(cast):
    write_days(
        cast,
        cast.employees["asn"],
        dt.date(2026, 1, 1),
        dt.date(2026, 1, 31),
        absent=working_days(dt.date(2026, 1, 5), 3),
    )
    summary = discipline_nightly.call(cast.tenant.pk, "2026-02-02")
    assert "through 2026-02-01" in summary and Warning.objects.count() == 1
