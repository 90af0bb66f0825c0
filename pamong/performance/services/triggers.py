"""The consequences register's triggers: red streaks, late and missing reports, the yearly threshold.

``consequences_evaluate`` reads the score tables and the reports in a fixed number of queries, asks the
rules which triggers fire (``rules.consequences``), and opens an entry for each trigger that has none yet.
It is idempotent: a trigger opens at most one entry ever (``performance_consequence_trigger_once``), and
a subject has at most one active entry per kind (``performance_consequence_one_active_per_subject``), so
a red streak that goes on is followed up once, not every night. It runs nightly (command
``performance_nightly``) and after every score refresh (``tasks.refresh_scores``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pamong.access.roles import CONSEQUENCES_MANAGE, PERFORMANCE_VIEW
from pamong.core import audit
from pamong.core.authz import authorize_at
from pamong.core.errors import NotFoundError
from pamong.core.models import Tenant
from pamong.notices.choices import NoticeKind
from pamong.notices.services import notify
from pamong.org.models import OrgUnit
from pamong.performance.choices import (
    ACTIVE_STATUSES,
    ConsequenceKind,
    ConsequenceStatus,
    ConsequenceStep,
    UnitGroup,
)
from pamong.performance.heads import heads_by_unit
from pamong.performance.models import Consequence, ConsequenceEvent, IndicatorScore, UnitScore
from pamong.performance.rules.bands import Colour
from pamong.performance.rules.config import PerformanceRules
from pamong.performance.rules.consequences import LateStatus, days_late, report_late, trailing_reds
from pamong.performance.rules.periods import PeriodKind
from pamong.performance.rules.schedule import period_end_month
from pamong.performance.tenant_rules import rules_of
from pamong.planning.choices import period_label
from pamong.planning.models import Indicator
from pamong.reports.choices import ReportKind
from pamong.reports.models import Report


@dataclass
class Candidate:
    """A trigger that fired: what an entry for it would hold."""

    kind: str
    trigger_key: str
    subject_key: str
    org_unit_id: int
    year: int
    title: str
    facts: dict[str, Any]
    indicator_id: int | None = None
    report_id: int | None = None
    employee_id: int | None = None
    period_kind: str = ""
    period_no: int | None = None
    improvement: tuple[dt.date, dt.date] | None = None


@dataclass
class Evaluation:
    """What one evaluation found and opened."""

    fired: int = 0
    opened: list[Consequence] = field(default_factory=list)


def report_key(unit_id: int, kind: str, year: int, period_kind: str, period_no: int) -> str:
    return f"report:{unit_id}:{kind}:{year}:{period_kind}:{period_no}"


@transaction.atomic
def consequences_evaluate(*, actor: Any, tenant_id: int, today: dt.date | None = None) -> Evaluation:
    """Open a register entry for every trigger of ``tenant_id`` that fired and has none yet (this year and last).

    The caller needs ``consequences.manage`` over the whole tenant (the nightly job acts as the system).
    """
    authorize_at(actor, CONSEQUENCES_MANAGE, tenant_id=tenant_id, path=None, visible_action=PERFORMANCE_VIEW)
    # One evaluation of a tenant at a time (the nightly run and one after a refresh may meet).
    tenant = Tenant.objects.select_for_update().filter(pk=tenant_id).first()
    if tenant is None:
        raise NotFoundError(_("Data tidak ditemukan."))
    today = today or tenant.today()
    rules = rules_of(tenant)
    years = (today.year - 1, today.year)
    units = {u.pk: u for u in OrgUnit.objects.filter(tenant_id=tenant_id)}
    heads = heads_by_unit(tenant_id=tenant_id, unit_ids=units, day=today)
    candidates = [
        *_red_streaks(tenant_id, years, rules, units),
        *_reports(tenant_id, years, rules, units, today),
        *_yearly(tenant_id, today, rules, units, heads),
    ]
    result = Evaluation(fired=len(candidates))
    if not candidates:
        return result
    keys = [c.trigger_key for c in candidates]
    taken = set(
        Consequence.objects.filter(tenant_id=tenant_id, trigger_key__in=keys).values_list("trigger_key", flat=True)
    )
    active = set(
        Consequence.objects.filter(
            tenant_id=tenant_id, status__in=ACTIVE_STATUSES, subject_key__in=[c.subject_key for c in candidates]
        ).values_list("kind", "subject_key")
    )
    new: list[Candidate] = []
    for candidate in candidates:
        subject = (candidate.kind, candidate.subject_key)
        if candidate.trigger_key in taken or subject in active:
            continue
        taken.add(candidate.trigger_key)
        active.add(subject)
        new.append(candidate)
    if not new:
        return result
    rows = Consequence.objects.bulk_create([_entry(tenant_id, c, rules, today) for c in new])
    if any(row.pk is None for row in rows):  # backends that return no ids from bulk_create
        rows = list(Consequence.objects.filter(tenant_id=tenant_id, trigger_key__in=[c.trigger_key for c in new]))
    label = str(getattr(actor, "username", "") or "system")
    ConsequenceEvent.objects.bulk_create(
        ConsequenceEvent(
            tenant_id=tenant_id,
            consequence=row,
            step=ConsequenceStep.OPENED,
            to_status=ConsequenceStatus.OPEN,
            note=row.title,
            actor_id=getattr(actor, "pk", None),
            actor_label=label,
        )
        for row in rows
    )
    for row in rows:
        audit.record(
            actor=actor,
            tenant_id=tenant_id,
            action="performance.consequence.opened",
            target=row,
            org_unit_path=units[row.org_unit_id].path,
            after={"kind": row.kind, "trigger": row.trigger_key, "due_on": row.due_on, "facts": row.facts},
        )
        recipients = heads.get(row.org_unit_id)
        if recipients and recipients.users:
            notify(
                tenant_id=tenant_id,
                recipients=recipients.users,
                kind=NoticeKind.CONSEQUENCE,
                title=_("Tindak lanjut baru: %(title)s") % {"title": row.title},
                body=_("Batas tindak lanjut: %(due)s.") % {"due": date_format(row.due_on, "DATE_FORMAT")},
                url=reverse("performance:consequence_detail", args=[row.pk]),
                dedupe_key=f"consequence:{row.pk}:opened",
            )
    result.opened = rows
    return result


def _entry(tenant_id: int, c: Candidate, rules: PerformanceRules, today: dt.date) -> Consequence:
    due = c.improvement[1] if c.improvement else rules.follow_up_due(today)
    return Consequence(
        tenant_id=tenant_id,
        kind=c.kind,
        status=ConsequenceStatus.OPEN,
        org_unit_id=c.org_unit_id,
        indicator_id=c.indicator_id,
        report_id=c.report_id,
        employee_id=c.employee_id,
        year=c.year,
        period_kind=c.period_kind,
        period_no=c.period_no,
        trigger_key=c.trigger_key,
        subject_key=c.subject_key,
        title=c.title[:300],
        facts=c.facts,
        opened_on=today,
        due_on=due,
        improvement_starts_on=c.improvement[0] if c.improvement else None,
        improvement_ends_on=c.improvement[1] if c.improvement else None,
        owner_unit_id=c.org_unit_id,
    )


def _red_streaks(
    tenant_id: int, years: tuple[int, int], rules: PerformanceRules, units: dict[int, OrgUnit]
) -> list[Candidate]:
    """Indicators red at each of their last N ended periods (colours of the period-end months)."""
    series: dict[tuple[int, int], list[tuple[int, str, int, str]]] = defaultdict(list)
    rows = IndicatorScore.objects.filter(tenant_id=tenant_id, year__in=years).values_list(
        "indicator_id", "year", "month", "period_kind", "period_no", "colour", "org_unit_id"
    )
    for indicator_id, year, month, kind, period_no, colour, unit_id in rows:
        if month == period_end_month(PeriodKind(kind), period_no):
            series[(indicator_id, year)].append((period_no, colour, unit_id, kind))
    fired: list[tuple[int, int, int, int, str, int]] = []
    for (indicator_id, year), periods in series.items():
        periods.sort()
        colours = [Colour(c) if c else None for _p, c, _u, _k in periods]
        if rules.red_streak(colours):
            last, _c, unit_id, kind = periods[-1]
            fired.append((indicator_id, year, last, unit_id, kind, trailing_reds(colours)))
    if not fired:
        return []
    names = dict(Indicator.objects.filter(pk__in=[f[0] for f in fired]).values_list("pk", "code"))
    result = []
    for indicator_id, year, last, unit_id, kind, run in fired:
        result.append(
            Candidate(
                kind=ConsequenceKind.RED_STREAK,
                trigger_key=f"red_streak:{indicator_id}:{year}:{last}",
                subject_key=f"indicator:{indicator_id}",
                org_unit_id=unit_id,
                year=year,
                indicator_id=indicator_id,
                period_kind=kind,
                period_no=last,
                title=_("Indikator %(code)s (%(unit)s) merah %(n)d periode berturut-turut s.d. %(period)s %(year)s")
                % {
                    "code": names.get(indicator_id, indicator_id),
                    "unit": units[unit_id].name,
                    "n": run,
                    "period": period_label(kind, last),
                    "year": year,
                },
                facts={"red_periods": run, "required": rules.red_streak_periods},
            )
        )
    return result


def _reports(
    tenant_id: int, years: tuple[int, int], rules: PerformanceRules, units: dict[int, OrgUnit], today: dt.date
) -> list[Candidate]:
    """Reports submitted after their deadline, or not submitted when it has passed.

    Expected are the realisation reports of every unit (not the root) for each ended period of its
    scored indicators, whether or not the unit opened one; any other report row (a Camat's governance
    report) is judged by its own deadline.
    """
    expected: set[tuple[int, str, int, str, int]] = set()
    for unit_id, year, month, kind, period_no in (
        IndicatorScore.objects.filter(tenant_id=tenant_id, year__in=years)
        .exclude(org_unit__depth=0)
        .values_list("org_unit_id", "year", "month", "period_kind", "period_no")
        .distinct()
    ):
        if month == period_end_month(PeriodKind(kind), period_no):
            expected.add((unit_id, ReportKind.REALISATION, year, kind, period_no))
    reports = {
        (r.org_unit_id, r.kind, r.year, r.period_kind, r.period_no): r
        for r in Report.objects.filter(tenant_id=tenant_id, year__in=years).only(
            "pk", "org_unit_id", "kind", "year", "period_kind", "period_no", "deadline", "first_submitted_on"
        )
    }
    result = []
    for key in sorted(expected | set(reports)):
        unit_id, kind, year, period_kind, period_no = key
        report = reports.get(key)
        deadline = report.deadline if report else rules.report_deadline(PeriodKind(period_kind), year, period_no)
        submitted = report.first_submitted_on if report else None
        if submitted is not None and submitted > today:
            continue  # a date in the future is a data error the reports app refuses; nothing to judge here
        status = report_late(deadline, submitted, today)
        if status not in (LateStatus.LATE, LateStatus.MISSING):
            continue
        label = period_label(period_kind, period_no)
        facts = {"deadline": deadline.isoformat(), "days_late": days_late(deadline, submitted, today)}
        if status is LateStatus.LATE:
            assert submitted is not None
            facts["submitted_on"] = submitted.isoformat()
            title = _("Laporan %(period)s %(year)s %(unit)s terlambat %(days)d hari") % {
                "period": label,
                "year": year,
                "unit": units[unit_id].name,
                "days": facts["days_late"],
            }
        else:
            title = _("Laporan %(period)s %(year)s %(unit)s belum disampaikan (batas %(deadline)s)") % {
                "period": label,
                "year": year,
                "unit": units[unit_id].name,
                "deadline": date_format(deadline, "DATE_FORMAT"),
            }
        trigger = report_key(unit_id, kind, year, period_kind, period_no)
        result.append(
            Candidate(
                kind=ConsequenceKind.REPORT_LATE if status is LateStatus.LATE else ConsequenceKind.REPORT_MISSING,
                trigger_key=trigger,
                subject_key=trigger,
                org_unit_id=unit_id,
                year=year,
                report_id=report.pk if report else None,
                period_kind=period_kind,
                period_no=period_no,
                title=title,
                facts=facts,
            )
        )
    return result


def _yearly(
    tenant_id: int, today: dt.date, rules: PerformanceRules, units: dict[int, OrgUnit], heads: dict[int, Any]
) -> list[Candidate]:
    """OPD heads whose unit's index for last year fell below the threshold, once December's reports are due."""
    year = today.year - 1
    if today <= rules.report_deadline(PeriodKind.MONTHLY, year, 12):
        return []
    result = []
    for unit_id, index in UnitScore.objects.filter(
        tenant_id=tenant_id, year=year, month=12, group=UnitGroup.OPD, index__isnull=False
    ).values_list("org_unit_id", "index"):
        period = rules.improvement_period(Decimal(index), today)
        if period is None:
            continue
        head = heads.get(unit_id)
        fmt = {
            "year": year,
            "unit": units[unit_id].name,
            "index": f"{index:.2f}".replace(".", ","),
            "threshold": f"{period.threshold:f}".replace(".", ","),
            "start": date_format(period.starts_on, "DATE_FORMAT"),
            "end": date_format(period.ends_on, "DATE_FORMAT"),
        }
        result.append(
            Candidate(
                kind=ConsequenceKind.YEARLY_BELOW_THRESHOLD,
                trigger_key=f"yearly:{unit_id}:{year}",
                subject_key=f"unit:{unit_id}:{year}",
                org_unit_id=unit_id,
                year=year,
                employee_id=head.employee_id if head else None,
                title=_(
                    "Indeks kinerja %(year)s %(unit)s %(index)s di bawah ambang %(threshold)s: "
                    "masa perbaikan %(start)s – %(end)s"
                )
                % fmt,
                facts={
                    "yearly_index": str(index),
                    "threshold": str(period.threshold),
                    "months": period.months,
                    "head_employee_id": head.employee_id if head else None,
                },
                improvement=(period.starts_on, period.ends_on),
            )
        )
    return result
