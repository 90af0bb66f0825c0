"""The report workflow: submit (and resubmit), verify, return with a reason (ADR 0017).

Each step reloads the report under a row lock and moves it with a conditional update on the
status it expects (compare-and-swap), so two verifiers clicking at once cannot both decide, and
a submission cannot slip between a verifier's reading and deciding. Each step writes a history
row, an audit event and the notices, all in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import REPORTS_EDIT, REPORTS_SUBMIT, REPORTS_VERIFY
from pamong.core import audit
from pamong.core.errors import Forbidden
from pamong.core.i18n import localized
from pamong.notices.choices import NoticeKind
from pamong.notices.services import notify

from ..authz import authorize_submit, authorize_verify
from ..choices import ReportKind, ReportStatus, StepKind
from ..governance import TOPICS
from ..labels import report_title
from ..models import Report, ReportStep
from ..recipients import holders
from ..rules.workflow import (
    Step,
    ValueState,
    WorkflowError,
    check_complete,
    check_decision,
    check_return_reason,
    submit_step,
)
from .common import STEP_FIELDS, add_step, as_conflict, as_invalid, changed_under_us, locked, user_of


def _snapshot(report: Report) -> dict[str, Any]:
    return audit.model_snapshot(report, STEP_FIELDS)


def _move(report: Report, expected: str, **changes: Any) -> Report:
    """Compare-and-swap: apply ``changes`` only if the report is still in ``expected``."""
    changes["updated_at"] = timezone.now()
    if not Report.objects.filter(pk=report.pk, status=expected).update(**changes):
        raise changed_under_us()
    fresh: Report = Report.objects.select_related("org_unit", "tenant").get(pk=report.pk)
    return fresh


def _check_complete(report: Report) -> None:
    values = [
        ValueState(f"{v.indicator.code} {v.indicator.name}", v.actual, v.note)
        for v in report.values.select_related("indicator").order_by("indicator__code")
    ]
    missing_sections: list[str] = []
    if report.kind == ReportKind.GOVERNANCE:
        order = {topic: n for n, topic in enumerate(TOPICS)}
        sections = sorted(report.sections.all(), key=lambda s: order.get(s.topic, 99))
        missing_sections = [str(s.get_topic_display()) for s in sections if not s.summary.strip()]
    try:
        check_complete(values, missing_sections=missing_sections)
    except WorkflowError as exc:
        raise as_invalid(exc) from exc


def _url(report: Report) -> str:
    return reverse("reports:report_detail", args=[report.pk])


@transaction.atomic
def report_submit(*, actor: Any, report: Report, today: dt.date) -> Report:
    """Submit a draft, or resubmit a returned report; ``today`` is the tenant-local date.

    The first submission's date is kept through returns: lateness is judged on it.
    """
    authorize_submit(actor, report)
    report = locked(report)
    try:
        step = submit_step(report.status)
    except WorkflowError as exc:
        raise as_conflict(exc) from exc
    _check_complete(report)
    before = _snapshot(report)
    from_status = report.status
    report = _move(
        report,
        from_status,
        status=ReportStatus.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=user_of(actor),
        first_submitted_on=report.first_submitted_on or today,
    )
    kind = StepKind.RESUBMIT if step is Step.RESUBMIT else StepKind.SUBMIT
    add_step(
        report=report,
        kind=kind,
        from_status=from_status,
        to_status=ReportStatus.SUBMITTED,
        actor=actor,
        at=report.submitted_at or timezone.now(),
    )
    audit.record(
        actor=actor,
        tenant_id=report.tenant_id,
        action=f"reports.report.{kind}",
        target=report,
        org_unit_path=report.org_unit.path,
        before=before,
        after=_snapshot(report),
    )
    verifiers = [
        user
        for user in holders(tenant_id=report.tenant_id, path=report.org_unit.path, actions={REPORTS_VERIFY}, day=today)
        if user.pk != getattr(actor, "pk", None)
    ]
    title = report_title(report)
    notify(
        tenant_id=report.tenant_id,
        recipients=verifiers,
        kind=NoticeKind.REPORT_SUBMITTED,
        title=_("Menunggu verifikasi: %(title)s") % {"title": title},
        body=(
            _("%(unit)s mengajukan ulang laporannya setelah perbaikan.")
            if kind == StepKind.RESUBMIT
            else _("%(unit)s mengajukan laporannya.")
        )
        % {"unit": report.org_unit.name},
        url=_url(report),
    )
    return report


def _submitted_by(report: Report, actor: Any) -> bool:
    """Whether the actor submitted this report at any step (the system actor never did)."""
    pk = getattr(actor, "pk", None)
    if pk is None:
        return False
    return report.submitted_by_id == pk or (
        ReportStep.objects.filter(report=report, actor_id=pk, kind__in=(StepKind.SUBMIT, StepKind.RESUBMIT)).exists()
    )


def _decide(actor: Any, report: Report) -> Report:
    authorize_verify(actor, report)
    report = locked(report)
    if user_of(actor) is None:
        raise Forbidden(_("Verifikasi dilakukan oleh seorang verifikator, bukan oleh sistem."))
    try:
        check_decision(report.status, by_submitter=_submitted_by(report, actor))
    except WorkflowError as exc:
        if exc.code == "own_submission":
            raise Forbidden(localized(exc), code=exc.code) from exc
        raise as_conflict(exc) from exc
    return report


def _unit_people(report: Report, day: dt.date) -> list[Any]:
    return holders(
        tenant_id=report.tenant_id, path=report.org_unit.path, actions={REPORTS_SUBMIT, REPORTS_EDIT}, day=day
    )


@transaction.atomic
def report_verify(*, actor: Any, report: Report, today: dt.date) -> Report:
    """Accept a submitted report: its values now count in the scores."""
    report = _decide(actor, report)
    before = _snapshot(report)
    report = _move(
        report, ReportStatus.SUBMITTED, status=ReportStatus.VERIFIED, verified_at=timezone.now(), verified_by=actor
    )
    add_step(
        report=report,
        kind=StepKind.VERIFY,
        from_status=ReportStatus.SUBMITTED,
        to_status=ReportStatus.VERIFIED,
        actor=actor,
        at=report.verified_at or timezone.now(),
    )
    audit.record(
        actor=actor,
        tenant_id=report.tenant_id,
        action="reports.report.verify",
        target=report,
        org_unit_path=report.org_unit.path,
        before=before,
        after=_snapshot(report),
    )
    notify(
        tenant_id=report.tenant_id,
        recipients=_unit_people(report, today),
        kind=NoticeKind.REPORT_VERIFIED,
        title=_("Laporan diverifikasi: %(title)s") % {"title": report_title(report)},
        body=_("Diverifikasi oleh %(verifier)s.") % {"verifier": actor},
        url=_url(report),
    )
    # The verified values now count: rebuild the year's scores (and open due consequences) after commit.
    tenant_id, year = report.tenant_id, report.year
    transaction.on_commit(lambda: _refresh_scores(tenant_id, year))
    return report


def _refresh_scores(tenant_id: int, year: int) -> None:
    from pamong.performance.tasks import refresh_scores  # the scores app reads reports; imported late

    refresh_scores.enqueue(tenant_id, year)


@transaction.atomic
def report_return(*, actor: Any, report: Report, reason: str, today: dt.date) -> Report:
    """Send a submitted report back to its unit with the reason; the unit corrects and resubmits it."""
    report = _decide(actor, report)
    try:
        reason = check_return_reason(reason)
    except WorkflowError as exc:
        raise as_invalid(exc) from exc
    before = _snapshot(report)
    report = _move(report, ReportStatus.SUBMITTED, status=ReportStatus.RETURNED, return_count=F("return_count") + 1)
    add_step(
        report=report,
        kind=StepKind.RETURN,
        from_status=ReportStatus.SUBMITTED,
        to_status=ReportStatus.RETURNED,
        actor=actor,
        at=timezone.now(),
        reason=reason,
    )
    audit.record(
        actor=actor,
        tenant_id=report.tenant_id,
        action="reports.report.return",
        target=report,
        org_unit_path=report.org_unit.path,
        before=before,
        after=_snapshot(report),
        reason=reason,
    )
    notify(
        tenant_id=report.tenant_id,
        recipients=_unit_people(report, today),
        kind=NoticeKind.REPORT_RETURNED,
        title=_("Laporan dikembalikan: %(title)s") % {"title": report_title(report)},
        body=_("Dikembalikan oleh %(verifier)s dengan alasan: %(reason)s") % {"verifier": actor, "reason": reason},
        url=_url(report),
    )
    return report
