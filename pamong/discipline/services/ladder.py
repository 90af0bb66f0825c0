"""Evaluating the PP 94/2021 absence ladder from attendance: standings upserted, warnings raised.

``ladder_evaluate`` runs per tenant-year, set-based (ADR-style summary of what it does):

1. One aggregate query over the year's attendance days (``selectors.ladder.year_tallies``) gives each
   employee's unexcused days and TL/PSW minutes; ``rules.absence.ladder_position`` turns each into total days
   (unexcused + floor(minutes / 450)) and a band, in Python over the aggregated rows.
2. For the few employees with at least ``streak_days`` unexcused days, their day statuses (one query) go through
   ``rules.streak.unexcused_streak`` (holidays per ``holiday_breaks_streak``).
3. Standings are upserted in bulk (``INSERT .. ON CONFLICT``); standings not touched by this run (their days were
   excused since) are set back to zero in one update.
4. A warning is raised when the total passes a band's lower bound since the last stored standing
   (``rules.absence.bands_crossed``) and when the run of unexcused working days reaches ``streak_days``.
   When one run passes several bands at once (a first evaluation, a long gap) ONE warning is raised, for the
   highest band: the days already counted are not used twice for lighter cases (PP 94/2021, no double
   punishment; ``domain/rules.md`` §1.4, §1.5), and the evidence lists every band passed. The unique
   constraint (employee, year, kind, sanction) makes a second run raise nothing new.
5. Each warning goes to the employee's direct superior (``direct_superiors``, batched) with ``due_on`` from
   ``rules.supervision.response_due_on`` on the tenant's working-day calendar; notices to the superiors and to
   BKPSDM (``discipline.manage``) go out on commit. One audit event per run, with the counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import DISCIPLINE_MANAGE, DISCIPLINE_VIEW
from pamong.attendance.selectors.excuse_superiors import Superior, SuperiorQuery, direct_superiors
from pamong.core import audit
from pamong.core.authz import authorize_at
from pamong.core.errors import ValidationFailed
from pamong.core.models import Tenant

from ..choices import WarningKind, WarningStatus
from ..models import Standing, Warning
from ..rules.absence import MINUTES_PER_DAY, PP94_BANDS, PP94_FROM, Band, YearTally, bands_crossed, ladder_position
from ..rules.sanctions import Sanction
from ..rules.streak import SOURCE as STREAK_SOURCE
from ..rules.streak import DayKind, unexcused_streak
from ..rules.supervision import response_due_on
from ..selectors.calendar import calendar_around
from ..selectors.ladder import EvidenceDay, Tally, evidence_days, streak_days, year_span, year_tallies
from ..tenant_settings import discipline_settings
from .ladder_notices import notify_new_warnings

#: The first year counted whole under PP 94/2021 (in force from 31 Aug 2021; PP 53/2010 before, never mixed).
FIRST_YEAR = PP94_FROM.year + 1
BAND_SOURCE = "PP 94/2021 Pasal 9–11; PerBKN 6/2022 (450 menit = 1 hari)"
_STANDING_FIELDS = (
    "org_unit",
    "unexcused_days",
    "late_minutes",
    "early_minutes",
    "total_days",
    "band",
    "longest_streak",
    "streak_reached_on",
    "through",
    "updated_at",
)


@dataclass
class LadderRun:
    """What one evaluation did: for the command's log, the page's message and the audit event."""

    tenant_id: int
    year: int
    through: dt.date
    standings: int = 0
    reset: int = 0
    streaks_checked: int = 0
    band_warnings: int = 0
    streak_warnings: int = 0
    warning_ids: list[int] = field(default_factory=list)

    @property
    def warnings(self) -> int:
        return self.band_warnings + self.streak_warnings

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "through": self.through.isoformat(),
            "standings": self.standings,
            "reset": self.reset,
            "streaks_checked": self.streaks_checked,
            "band_warnings": self.band_warnings,
            "streak_warnings": self.streak_warnings,
        }

    def summary(self) -> str:
        return (
            f"tenant {self.tenant_id} {self.year} through {self.through.isoformat()}: standings {self.standings}, "
            f"reset {self.reset}, streaks checked {self.streaks_checked}, warnings {self.band_warnings} band + "
            f"{self.streak_warnings} streak"
        )


def _run_through(days: Sequence[tuple[dt.date, DayKind]], reached_on: dt.date, *, breaks: bool) -> list[dt.date]:
    """The unexcused dates of the run that ends on ``reached_on`` (for the evidence)."""
    run: list[dt.date] = []
    for day, kind in days:
        if kind is DayKind.UNEXCUSED:
            run.append(day)
            if day == reached_on:
                return run
        elif kind is DayKind.PRESENT or (kind is DayKind.HOLIDAY and breaks):
            run = []
    return run


def _tally_evidence(tally: Tally, days: Sequence[EvidenceDay], through: dt.date) -> dict[str, Any]:
    position = ladder_position(YearTally(0, tally.unexcused_days, tally.late_minutes, tally.early_minutes))
    return {
        "through": through.isoformat(),
        "unexcused_days": tally.unexcused_days,
        "unexcused_dates": [d.date.isoformat() for d in days if d.status == "absent"],
        "minute_days": [
            {"date": d.date.isoformat(), "status": d.status, "late": d.late_minutes, "early": d.early_minutes}
            for d in days
            if d.late_minutes or d.early_minutes
        ],
        "late_minutes": tally.late_minutes,
        "early_minutes": tally.early_minutes,
        "conversion": {
            "minutes": position.minutes,
            "per_day": MINUTES_PER_DAY,
            "days": position.minute_days,
            "remainder": position.remainder_minutes,
        },
        "total_days": position.total_days,
    }


def _validate(tenant: Tenant, year: int, through: dt.date) -> None:
    if year < FIRST_YEAR:
        message = _(
            "Ambang PP 94/2021 dihitung per tahun penuh mulai %(first)d; pelanggaran sebelum 31 Agustus 2021 "
            "mengikuti PP 53/2010 dan diperiksa manual."
        ) % {"first": FIRST_YEAR}
        raise ValidationFailed(message, field_errors={"year": [message]}, code="year_before_pp94")
    if through < dt.date(year, 1, 1):
        message = _("Tanggal hitung harus di dalam tahun %(year)d atau sesudahnya.") % {"year": year}
        raise ValidationFailed(message, field_errors={"through": [message]})


@transaction.atomic
def ladder_evaluate(
    *, actor: Any, tenant: Tenant, year: int, through: dt.date, today: dt.date | None = None
) -> LadderRun:
    """Evaluate the ladder of ``tenant`` for ``year`` from 1 January to ``through``; raise the due warnings.

    ``today`` is the date warnings are raised on (default: the tenant's today). Only BKPSDM
    (``discipline.manage`` over the whole tenant) or the system actor may run it.
    """
    authorize_at(
        actor,
        DISCIPLINE_MANAGE,
        tenant_id=tenant.pk,
        path=None,
        visible_action=DISCIPLINE_VIEW,
        denied=_("Hanya BKPSDM yang dapat menghitung ulang ambang disiplin."),
    )
    _validate(tenant, year, through)
    today = today or tenant.today()
    through = year_span(year, through)[1]
    settings = discipline_settings(tenant)
    Tenant.objects.select_for_update().filter(pk=tenant.pk).first()  # one evaluation per tenant at a time
    run = LadderRun(tenant_id=tenant.pk, year=year, through=through)
    stamp = timezone.now()

    tallies = year_tallies(tenant_id=tenant.pk, year=year, through=through)
    previous = dict(Standing.objects.filter(tenant_id=tenant.pk, year=year).values_list("employee_id", "total_days"))
    candidates = [t.employee_id for t in tallies if t.unexcused_days >= settings.streak_days]
    run.streaks_checked = len(candidates)
    runs = streak_days(tenant_id=tenant.pk, employee_ids=candidates, year=year, through=through)

    standings: list[Standing] = []
    band_due: dict[int, tuple[Tally, Band, tuple[Band, ...]]] = {}
    streak_due: dict[int, tuple[Tally, Any, list[dt.date]]] = {}
    for tally in tallies:
        position = ladder_position(YearTally(year, tally.unexcused_days, tally.late_minutes, tally.early_minutes))
        streak = None
        if tally.employee_id in runs:
            streak = unexcused_streak(
                runs[tally.employee_id],
                threshold=settings.streak_days,
                holiday_breaks_streak=settings.holiday_breaks_streak,
            )
        standings.append(
            Standing(
                tenant_id=tenant.pk,
                employee_id=tally.employee_id,
                org_unit_id=tally.org_unit_id,
                year=year,
                unexcused_days=tally.unexcused_days,
                late_minutes=tally.late_minutes,
                early_minutes=tally.early_minutes,
                total_days=position.total_days,
                band=position.band.sanction.value if position.band else "",
                longest_streak=streak.longest if streak else 0,
                streak_reached_on=streak.reached_on if streak else None,
                through=through,
            )
        )
        crossed = bands_crossed(previous.get(tally.employee_id, 0), position.total_days, PP94_BANDS)
        if crossed:
            band_due[tally.employee_id] = (tally, crossed[-1], crossed)
        if streak is not None and streak.reached_on is not None:
            dates = _run_through(runs[tally.employee_id], streak.reached_on, breaks=settings.holiday_breaks_streak)
            streak_due[tally.employee_id] = (tally, streak, dates)
    Standing.objects.bulk_create(
        standings,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["tenant", "employee", "year"],
        update_fields=list(_STANDING_FIELDS),
    )
    run.standings = len(standings)
    run.reset = (
        Standing.objects.filter(tenant_id=tenant.pk, year=year, updated_at__lt=stamp)
        .exclude(total_days=0, unexcused_days=0, late_minutes=0, early_minutes=0, longest_streak=0)
        .update(
            unexcused_days=0,
            late_minutes=0,
            early_minutes=0,
            total_days=0,
            band="",
            longest_streak=0,
            streak_reached_on=None,
            through=through,
            updated_at=timezone.now(),
        )
    )

    warnings = _warnings(tenant, year, through, today, band_due, streak_due, settings)
    run.band_warnings = sum(1 for w in warnings if w.kind == WarningKind.BAND)
    run.streak_warnings = sum(1 for w in warnings if w.kind == WarningKind.STREAK)
    run.warning_ids = [w.pk for w in warnings]
    audit.record(actor=actor, tenant_id=tenant.pk, action="discipline.ladder.evaluate", after=run.as_dict())
    if warnings:
        ids = list(run.warning_ids)
        transaction.on_commit(lambda: notify_new_warnings(tenant_id=tenant.pk, warning_ids=ids))
    return run


def _warnings(
    tenant: Tenant,
    year: int,
    through: dt.date,
    today: dt.date,
    band_due: dict[int, tuple[Tally, Band, tuple[Band, ...]]],
    streak_due: dict[int, tuple[Tally, Any, list[dt.date]]],
    settings: Any,
) -> list[Warning]:
    """Create the warnings not raised before (one query to see which exist, one to insert, one to read back)."""
    wanted = {(e, WarningKind.BAND.value, band.sanction.value) for e, (_t, band, _c) in band_due.items()}
    wanted |= {(e, WarningKind.STREAK.value, Sanction.B3.value) for e in streak_due}
    if not wanted:
        return []
    existing = set(
        Warning.objects.filter(tenant_id=tenant.pk, year=year, employee_id__in={e for e, _k, _s in wanted}).values_list(
            "employee_id", "kind", "sanction"
        )
    )
    wanted -= existing
    if not wanted:
        return []
    employees = {e for e, _k, _s in wanted}
    evidence = evidence_days(tenant_id=tenant.pk, employee_ids=employees, year=year, through=through)
    tallies = {e: v[0] for e, v in band_due.items()} | {e: v[0] for e, v in streak_due.items()}
    queries = {e: SuperiorQuery(e, tallies[e].unit_path, through) for e in employees}
    superiors: dict[SuperiorQuery, Superior | None] = direct_superiors(tenant_id=tenant.pk, queries=queries.values())
    due_on = response_due_on(today, calendar_around(tenant, today), settings.supervision)
    rows: list[Warning] = []
    for employee_id, kind, sanction in sorted(wanted):
        tally = tallies[employee_id]
        base = _tally_evidence(tally, evidence.get(employee_id, []), through)
        if kind == WarningKind.BAND:
            _t, band, crossed = band_due[employee_id]
            base |= {
                "band": band.sanction.value,
                "band_label": band.label,
                "bands_crossed": [b.sanction.value for b in crossed],
                "source": BAND_SOURCE,
            }
            total = base["total_days"]
        else:
            _t, streak, dates = streak_due[employee_id]
            base |= {
                "streak_days": len(dates),
                "streak_from": dates[0].isoformat() if dates else None,
                "streak_to": streak.reached_on.isoformat(),
                "streak_dates": [d.isoformat() for d in dates],
                "longest_streak": streak.longest,
                "holiday_breaks_streak": settings.holiday_breaks_streak,
                "source": STREAK_SOURCE,
            }
            total = base["total_days"]
        superior = superiors.get(queries[employee_id])
        rows.append(
            Warning(
                tenant_id=tenant.pk,
                employee_id=employee_id,
                org_unit_id=tally.org_unit_id,
                year=year,
                kind=kind,
                sanction=sanction,
                total_days=total,
                evidence=base,
                raised_on=today,
                due_on=due_on,
                status=WarningStatus.OPEN,
                superior_id=superior.employee_id if superior else None,
            )
        )
    Warning.objects.bulk_create(rows, ignore_conflicts=True)  # a concurrent run's rows win; none is doubled
    created: list[Warning] = list(
        Warning.objects.filter(
            tenant_id=tenant.pk, year=year, raised_on=today, employee_id__in=employees, status=WarningStatus.OPEN
        ).order_by("employee_id", "kind")
    )
    return [w for w in created if (w.employee_id, w.kind, w.sanction) in wanted]


def ladder_evaluate_year(*, actor: Any, tenant: Tenant, year: int, today: dt.date | None = None) -> LadderRun:
    """Evaluate ``year`` through yesterday (a past year: through 31 December), as the nightly job and BKPSDM's
    button do: today is not over, its days are not derived yet."""
    today = today or tenant.today()
    if year > today.year:
        message = _("Tahun %(year)d belum berjalan.") % {"year": year}
        raise ValidationFailed(message, field_errors={"year": [message]})
    through = min(today - dt.timedelta(days=1), dt.date(year, 12, 31))
    return ladder_evaluate(actor=actor, tenant=tenant, year=year, through=through, today=today)
