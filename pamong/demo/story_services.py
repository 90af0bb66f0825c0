"""What follows the demo's written reports, done by the real services (never invented figures).

After ``story_loader`` has written the year, the nightly jobs and the people act as they would:

1. ``reports_open_due`` opens the current period's reports (the nightly job, as the system);
2. ``scores_refresh`` computes the score tables from the verified reports and ``consequences_evaluate``
   opens the register entries whose triggers fired (red streaks, late and missing reports), as the
   performance job does after a verification;
3. the Sekda rates the likelihood of a few priority-programme indicators (``likelihood_rate``);
4. the register entries the story follows are given to their owners and progressed, resolved or closed
   (``consequence_assign``, ``consequence_step``) by the Sekda and the owners themselves;
5. the Sekda settles the register's lateness entries of reports due more than ``SETTLED_AFTER`` days ago
   (each discussed at a monthly rakor): resolved with a note, then closed, so the open register shows
   what still needs attention;
6. the people who have something waiting get the notice the services would have sent: the verifiers for
   the reports still waiting for them, the Bupati for the PK awaiting his signature.

Every one of these writes its own audit events. All of it uses the story's ``today``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from pamong.access.models import User
from pamong.access.roles import REPORTS_VERIFY
from pamong.agreements.choices import AgreementStatus
from pamong.agreements.models import PerformanceAgreement
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.notices.choices import NoticeKind
from pamong.notices.services import notify
from pamong.performance.choices import ACTIVE_STATUSES
from pamong.performance.models import Consequence
from pamong.performance.services import (
    consequence_assign,
    consequence_step,
    consequences_evaluate,
    likelihood_rate,
    scores_refresh,
)
from pamong.planning.models import Indicator, PriorityProgram
from pamong.reports.choices import ReportStatus
from pamong.reports.labels import report_title
from pamong.reports.models import Report
from pamong.reports.recipients import holders
from pamong.reports.services import reports_open_due

from .story_dto import FollowUpPlan, StoryPlan

#: Lateness entries of reports due more than this many days before the story's today are settled.
SETTLED_AFTER = 60
SETTLED_NOTE = "Kepala unit telah ditegur dalam rakor bulanan; laporan periode berikutnya disampaikan tepat waktu."


@dataclass(frozen=True)
class Followed:
    """What the services did after the seed."""

    opened_reports: int
    indicator_scores: int
    unit_scores: int
    consequences: int
    ratings: int
    steps: int


def _entry(
    tenant: Tenant, story: StoryPlan, plan: FollowUpPlan, indicators: dict[tuple[str, str], Indicator]
) -> Consequence | None:
    rows = Consequence.objects.filter(
        tenant=tenant, kind=plan.kind, org_unit__code=plan.unit_code, year=story.year, status__in=ACTIVE_STATUSES
    )
    if plan.indicator_code is not None:
        indicator = indicators.get((plan.unit_code, plan.indicator_code))
        rows = rows.filter(indicator=indicator)
    if plan.period_no is not None:
        rows = rows.filter(period_kind=plan.period_kind, period_no=plan.period_no)
    row: Consequence | None = rows.order_by("pk").first()
    return row


def follow_story(tenant: Tenant, story: StoryPlan) -> Followed:
    """Run the services above for ``tenant``'s story; returns what they did."""
    today = story.today
    opened = reports_open_due(actor=SystemActor(tenant_id=tenant.pk, label="reports_open"), today=today)
    job = SystemActor(tenant_id=tenant.pk, label="performance_refresh")
    run = scores_refresh(actor=job, tenant_id=tenant.pk, year=story.year, today=today)
    evaluation = consequences_evaluate(actor=job, tenant_id=tenant.pk, today=today)

    users = {u.username: u for u in User.objects.filter(tenant=tenant).select_related("employee")}
    indicators = {
        (i.org_unit.code, i.code): i for i in Indicator.objects.filter(tenant=tenant).select_related("org_unit")
    }
    programs = {p.code: p for p in PriorityProgram.objects.filter(tenant=tenant)}
    for rating in story.ratings:
        likelihood_rate(
            actor=users[rating.username],
            year=story.year,
            month=rating.month,
            rating=rating.rating,
            reason=rating.reason,
            indicator=indicators[(rating.unit_code or "", rating.indicator_code)] if rating.indicator_code else None,
            program=programs[rating.program_code] if rating.program_code else None,
        )
    steps = 0
    for plan in story.follow_ups:
        row = _entry(tenant, story, plan, indicators)
        if row is None:
            continue
        for username, step, note in plan.steps:
            if step == "assign":
                row = consequence_assign(
                    actor=users[username], consequence=row, owner_user=users[plan.owner], note=note
                )
            else:
                row = consequence_step(actor=users[username], consequence=row, step=step, note=note, today=today)
            steps += 1
    steps += _settle_old_lateness(tenant, users["sekda"], today)
    _notices(tenant, story)
    return Followed(
        opened_reports=opened.reports,
        indicator_scores=run.indicator_rows,
        unit_scores=run.unit_rows,
        consequences=len(evaluation.opened),
        ratings=len(story.ratings),
        steps=steps,
    )


def _settle_old_lateness(tenant: Tenant, sekda: User, today: dt.date) -> int:
    """Resolve and close the open lateness entries of reports due long ago; returns the steps taken."""
    old = Consequence.objects.filter(
        tenant=tenant,
        kind="report_late",
        status="open",
        owner_user__isnull=True,
        report__deadline__lt=today - dt.timedelta(days=SETTLED_AFTER),
    ).order_by("pk")
    steps = 0
    for row in old:
        row = consequence_step(actor=sekda, consequence=row, step="resolve", note=SETTLED_NOTE, today=today)
        consequence_step(actor=sekda, consequence=row, step="close", today=today)
        steps += 2
    return steps


def _notices(tenant: Tenant, story: StoryPlan) -> None:
    """The notices of what waits for someone, as ``report_submit`` and ``agreement_submit`` send them."""
    for report in Report.objects.filter(tenant=tenant, year=story.year, status=ReportStatus.SUBMITTED).select_related(
        "org_unit"
    ):
        verifiers = holders(tenant_id=tenant.pk, path=report.org_unit.path, actions={REPORTS_VERIFY}, day=story.today)
        notify(
            tenant_id=tenant.pk,
            recipients=[u for u in verifiers if u.pk != report.submitted_by_id],
            kind=NoticeKind.REPORT_SUBMITTED,
            title=_("Menunggu verifikasi: %(title)s") % {"title": report_title(report)},
            body=_("%(unit)s mengajukan laporannya.") % {"unit": report.org_unit.name},
            url=reverse("reports:report_detail", args=[report.pk]),
        )
    bupati = list(User.objects.filter(tenant=tenant, role_assignments__role="head_of_region"))
    for agreement in PerformanceAgreement.objects.filter(
        tenant=tenant, year=story.year, status=AgreementStatus.AWAITING
    ):
        notify(
            tenant_id=tenant.pk,
            recipients=bupati,
            kind=NoticeKind.AGREEMENT_SIGN,
            title=_("Perjanjian kinerja %(unit)s %(year)s menunggu tanda tangan Anda")
            % {"unit": agreement.unit_name, "year": agreement.year},
            body=_("Versi %(version)d, kode verifikasi %(code)s.")
            % {"version": agreement.version, "code": agreement.verification_code},
            url=reverse("agreements:agreement_detail", args=[agreement.pk]),
            dedupe_key=f"agreement-sign:{agreement.pk}:{agreement.content_hash[:16]}",
        )
