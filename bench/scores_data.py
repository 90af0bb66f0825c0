"""Scales the demo regency up to a large one for ``bench.scores``: more units, more indicators, a full year.

The demo regency (``pamong.demo``, loaded as of ``AS_OF``, after the end of its performance year) has 40
reporting units (28 OPDs and 12 kecamatan) with 6–10 OPD indicators each. ``scale_up`` brings it to
``units`` reporting units with ``indicators`` indicators each (default 60 × 15):

- new units (``Dinas Uji Beban NN``, one in three a ``Kecamatan Uji Beban NN``) under the root, their
  materialised paths set from the ids just returned, as ``pamong.demo.loader`` does;
- new OPD indicators on every reporting unit until it has ``indicators``: alternately monthly and quarterly;
  three in five cumulative (counts), one in five latest level (percentages), one in five an average where
  lower is better (days); one in four tied to a priority program; each with its annual target for the year
  and a trajectory that ``rules.aggregation.check_trajectory`` accepts (sums and averages exact);
- a full year of realisation reports for them, all ``VERIFIED`` (submitted, then verified two days later by
  the demo's Inspektorat verifier; about one in fifteen submitted after its deadline), with a value for
  every new indicator drawn around its trajectory: each indicator has a form (``gauss(1, 0.06)``, one in
  fifteen struggling at about 0.62, so its red streak opens a register entry), each period a noise of ±5 %.
  The demo's own reports of the year gain the new indicators' values (whatever their status); a report the
  story left missing stays missing.

Everything is drawn from one ``random.Random`` seeded from ``seed``, in a fixed order: the same arguments
give the same rows. This is a benchmark's data generator, not a use case: the rows are written with
``bulk_create`` (a fixed number of queries whatever the size), without audit events, like the demo seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Max

from pamong.access.models import User
from pamong.core.models import Tenant
from pamong.org.choices import OrgUnitKind
from pamong.org.models import OrgUnit, path_segment
from pamong.performance.rules.consequences import report_deadline
from pamong.performance.rules.periods import PeriodKind as RulePeriodKind
from pamong.planning.choices import (
    Aggregation,
    IndicatorLevel,
    LowerIsBetterFormula,
    PeriodKind,
    PeriodStatus,
    Polarity,
)
from pamong.planning.models import Indicator, IndicatorTarget, PeriodTarget, PlanPeriod, PriorityProgram
from pamong.reports.choices import ReportKind, ReportStatus, StepKind
from pamong.reports.models import Report, ReportStep, ReportValue

BATCH = 2000
VERIFIER = "verifikator.inspektorat"
PERIODS: dict[str, int] = {PeriodKind.MONTHLY: 12, PeriodKind.QUARTERLY: 4}
UNITS_OF_MEASURE: dict[str, str] = {
    Aggregation.CUMULATIVE: "dokumen",
    Aggregation.LATEST: "%",
    Aggregation.AVERAGE: "hari",
}
LATE_SHARE = 1 / 15
STRUGGLING_SHARE = 1 / 15
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Scaled:
    """What ``scale_up`` wrote."""

    units_added: int
    reporting_units: int
    indicators_added: int
    indicators: int
    period_targets: int
    reports_added: int
    values_added: int
    late_reports: int
    struggling_indicators: int

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class NewIndicator:
    unit_id: int
    code: str
    kind: str
    aggregation: str
    polarity: str
    annual: Decimal
    trajectory: tuple[Decimal, ...]
    form: float
    program_id: int | None


def _cumulative(total: int, n: int) -> list[Decimal]:
    """``total`` split over ``n`` periods, the remainder on the first ones: adds up exactly."""
    base, rest = divmod(total, n)
    return [Decimal(base + (1 if p < rest else 0)) for p in range(n)]


def _latest(start: Decimal, target: Decimal, n: int) -> list[Decimal]:
    """The expected level at the end of each period, from ``start`` to exactly ``target``."""
    return [(start + (target - start) * p / n).quantize(CENT) for p in range(1, n)] + [target]


def _plan_indicator(rng: random.Random, unit_id: int, number: int, programs: list[int]) -> NewIndicator:
    kind = PeriodKind.MONTHLY if number % 2 == 0 else PeriodKind.QUARTERLY
    n = PERIODS[kind]
    shape = number % 5
    if shape <= 2:  # a count: licences issued, patients served
        annual = Decimal(rng.randint(120, 2400))
        aggregation, polarity, trajectory = Aggregation.CUMULATIVE, Polarity.MAXIMIZE, _cumulative(int(annual), n)
    elif shape == 3:  # a level: share of villages with a document
        annual = Decimal(rng.randint(60, 95))
        aggregation, polarity = Aggregation.LATEST, Polarity.MAXIMIZE
        trajectory = _latest(annual - rng.randint(5, 20), annual, n)
    else:  # an average where lower is better: licensing days
        annual = Decimal(rng.randint(5, 30))
        aggregation, polarity, trajectory = Aggregation.AVERAGE, Polarity.MINIMIZE, [annual] * n
    struggling = rng.random() < STRUGGLING_SHARE
    form = rng.gauss(0.62, 0.03) if struggling else rng.gauss(1.0, 0.06)
    program = programs[number % len(programs)] if programs and number % 4 == 0 else None
    return NewIndicator(
        unit_id, f"UB.{number:02d}", kind, aggregation, polarity, annual, tuple(trajectory), form, program
    )


def _actual(rng: random.Random, indicator: NewIndicator, target: Decimal) -> Decimal:
    ratio = Decimal(str(round(indicator.form * rng.uniform(0.95, 1.05), 4)))
    if indicator.polarity == Polarity.MINIMIZE:  # (2T - R) / T: a worse form means a higher value
        return max(target * (2 - ratio), Decimal(0)).quantize(CENT)
    return (target * ratio).quantize(CENT)


def _new_units(tenant: Tenant, root: OrgUnit, count: int) -> list[OrgUnit]:
    if count <= 0:
        return []
    last = OrgUnit.objects.filter(tenant=tenant, depth=1).aggregate(m=Max("sort_order"))["m"] or 0
    rows = []
    for i in range(1, count + 1):
        kecamatan = i % 3 == 0
        label = "Kecamatan" if kecamatan else "Dinas"
        rows.append(
            OrgUnit(
                tenant=tenant,
                code=f"UB-{i:02d}",
                name=f"{label} Uji Beban {i:02d}",
                short_name=f"{'Kec' if kecamatan else 'Dinas'} UB {i:02d}",
                kind=OrgUnitKind.KECAMATAN if kecamatan else OrgUnitKind.DINAS,
                parent=root,
                path="",
                depth=1,
                sort_order=last + i,
            )
        )
    created = OrgUnit.objects.bulk_create(rows, batch_size=BATCH)
    for unit in created:
        unit.path = root.path + path_segment(unit.pk)
    OrgUnit.objects.bulk_update(created, ["path"], batch_size=BATCH)
    return created


def _report_times(
    rng: random.Random, tenant: Tenant, deadline: dt.date, as_of: dt.date
) -> tuple[dt.date, dt.datetime, dt.datetime]:
    """(first submitted on, submitted at, verified at): mostly a few days before the deadline, some late."""
    late = rng.random() < LATE_SHARE
    submitted_on = deadline + dt.timedelta(days=rng.randint(1, 5) if late else -rng.randint(0, 8))
    zone = ZoneInfo(tenant.time_zone)
    submitted_at = dt.datetime.combine(submitted_on, dt.time(9 + rng.randint(0, 6), rng.randint(0, 59)), zone)
    verified_at = min(
        submitted_at + dt.timedelta(days=2), dt.datetime.combine(as_of - dt.timedelta(days=1), dt.time(15), zone)
    )
    return submitted_on, submitted_at, verified_at


def scale_up(*, tenant: Tenant, year: int, as_of: dt.date, units: int, indicators: int, seed: int) -> Scaled:
    """Bring ``tenant`` (the demo regency) to ``units`` reporting units × ``indicators`` indicators for ``year``,
    with a full year of verified reports for the new indicators; must run inside a transaction."""
    rng = random.Random(f"bench-scores:{seed}")
    period = PlanPeriod.objects.get(tenant=tenant, status=PeriodStatus.ACTIVE)
    root = OrgUnit.objects.get(tenant=tenant, depth=0)
    have = {
        row["org_unit_id"]: row["n"]
        for row in Indicator.objects.filter(tenant=tenant, period=period, level=IndicatorLevel.OPD)
        .values("org_unit_id")
        .annotate(n=Count("pk"))
    }
    demo_kinds = set(
        Indicator.objects.filter(tenant=tenant, period=period, level=IndicatorLevel.OPD).values_list(
            "org_unit_id", "period_kind"
        )
    )
    reporting = list(
        OrgUnit.objects.filter(tenant=tenant, pk__in=have).order_by("sort_order", "pk").values_list("pk", flat=True)
    )
    added_units = _new_units(tenant, root, units - len(reporting))
    reporting += [u.pk for u in added_units]
    programs = list(
        PriorityProgram.objects.filter(tenant=tenant, period=period).order_by("code").values_list("pk", flat=True)
    )

    planned: list[NewIndicator] = []
    for unit_id in reporting:
        for number in range(have.get(unit_id, 0) + 1, indicators + 1):
            planned.append(_plan_indicator(rng, unit_id, number, programs))
    rows = Indicator.objects.bulk_create(
        [
            Indicator(
                tenant=tenant,
                org_unit_id=p.unit_id,
                period=period,
                level=IndicatorLevel.OPD,
                priority_program_id=p.program_id,
                code=p.code,
                name=f"Indikator uji beban {p.code}",
                unit_of_measure=UNITS_OF_MEASURE[p.aggregation],
                polarity=p.polarity,
                lower_is_better_formula=LowerIsBetterFormula.MAJALENGKA if p.polarity == Polarity.MINIMIZE else "",
                aggregation=p.aggregation,
                period_kind=p.kind,
                weight=Decimal(1),
                data_source="bench.scores",
            )
            for p in planned
        ],
        batch_size=BATCH,
    )
    pairs = list(zip(planned, rows, strict=True))
    IndicatorTarget.objects.bulk_create(
        [IndicatorTarget(tenant=tenant, indicator=row, year=year, annual_target=p.annual) for p, row in pairs],
        batch_size=BATCH,
    )
    PeriodTarget.objects.bulk_create(
        [
            PeriodTarget(tenant=tenant, indicator=row, year=year, period_no=no, target=target)
            for p, row in pairs
            for no, target in enumerate(p.trajectory, start=1)
        ],
        batch_size=BATCH,
    )

    # The year's realisation reports: the demo's (to gain values), then the missing ones to write, verified.
    existing = {
        (r.org_unit_id, r.period_kind, r.period_no): r
        for r in Report.objects.filter(tenant=tenant, year=year, kind=ReportKind.REALISATION)
    }
    by_unit_kind: dict[tuple[int, str], list[tuple[NewIndicator, Indicator]]] = defaultdict(list)
    for p, row in pairs:
        by_unit_kind[(p.unit_id, p.kind)].append((p, row))
    verifier = User.objects.get(tenant=tenant, username=VERIFIER)
    new_reports: list[tuple[Report, dt.datetime, dt.datetime]] = []
    late = 0
    for (unit_id, kind), _items in by_unit_kind.items():
        for no in range(1, PERIODS[kind] + 1):
            if (unit_id, kind, no) in existing or (unit_id, kind) in demo_kinds:
                continue  # the demo's report gains values below; a report the story left missing stays so
            deadline = report_deadline(RulePeriodKind(kind), year, no)
            submitted_on, submitted_at, verified_at = _report_times(rng, tenant, deadline, as_of)
            late += submitted_on > deadline
            report = Report(
                tenant=tenant,
                org_unit_id=unit_id,
                kind=ReportKind.REALISATION,
                year=year,
                period_kind=kind,
                period_no=no,
                status=ReportStatus.VERIFIED,
                deadline=deadline,
                first_submitted_on=submitted_on,
                submitted_at=submitted_at,
                verified_at=verified_at,
                verified_by=verifier,
            )
            new_reports.append((report, submitted_at, verified_at))
            existing[(unit_id, kind, no)] = report
    Report.objects.bulk_create([r for r, _s, _v in new_reports], batch_size=BATCH)
    ReportStep.objects.bulk_create(
        [
            ReportStep(
                tenant=tenant,
                report=r,
                kind=kind,
                from_status=before,
                to_status=after,
                actor=actor,
                actor_label=label,
                at=at,
            )
            for r, submitted_at, verified_at in new_reports
            for kind, before, after, actor, label, at in (
                (StepKind.SUBMIT, ReportStatus.DRAFT, ReportStatus.SUBMITTED, None, "bench.scores", submitted_at),
                (StepKind.VERIFY, ReportStatus.SUBMITTED, ReportStatus.VERIFIED, verifier, VERIFIER, verified_at),
            )
        ],
        batch_size=BATCH,
    )
    values = [
        ReportValue(
            tenant=tenant,
            report=existing[(p.unit_id, p.kind, no)],
            indicator=row,
            actual=_actual(rng, p, target),
        )
        for (unit_id, kind), items in by_unit_kind.items()
        for p, row in items
        for no, target in enumerate(p.trajectory, start=1)
        if (unit_id, kind, no) in existing
    ]
    ReportValue.objects.bulk_create(values, batch_size=BATCH)
    return Scaled(
        units_added=len(added_units),
        reporting_units=len(reporting),
        indicators_added=len(planned),
        indicators=Indicator.objects.filter(tenant=tenant, period=period).count(),
        period_targets=sum(len(p.trajectory) for p in planned),
        reports_added=len(new_reports),
        values_added=len(values),
        late_reports=late,
        struggling_indicators=sum(1 for p in planned if p.form < 0.8),
    )
