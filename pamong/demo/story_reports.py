"""The demo year's periodic reports: every ended period of every unit, with its values, history and evidence.

For each OPD and kecamatan and each of its reporting periods (monthly and/or quarterly, from its indicators;
plus the Camat's quarterly governance report) that has **ended** by ``today``, a report as the reports
services would have left it (``pamong.reports.services``): opened by the nightly job on the period's
first day, submitted by whoever headed the unit that day, verified (or returned with a reason, corrected
and resubmitted, then verified) by a verifier who never submitted it; the deadline is the period's end
plus the default ``report_due_days`` (10), and lateness is judged on the first submission's date. Events
later than ``today`` have not happened: a report is then still a draft (missing once its deadline has
passed) or still waiting for its verifier. The current period is left to ``reports_open_due``.

The story's ``fates`` choose what happens to a report (late, returned, waiting, missing); everything else
is on time and verified. Dates fall on weekdays, at office hours, in the tenant's time zone.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from decimal import Decimal

from pamong.performance.rules.numbers import fmt_id
from pamong.performance.rules.periods import PeriodKind, period_bounds, period_label_id

from .dto import UnitPlan
from .heads import Heads
from .planning_plan import IndicatorPlan
from .story_accounts import Accounts
from .story_calendar import Clock, weekday_between, weekdays_after
from .story_dto import (
    LATE,
    MISSING,
    NOT_DUE,
    ON_TIME,
    RETURNED,
    WAITING,
    EvidencePlan,
    ReportPlan,
    SectionPlan,
    StepPlan,
    ValuePlan,
)
from .story_texts import (
    GOVERNANCE,
    GOVERNANCE_RETURN_REASON,
    NARRATIVE_BEHIND,
    NARRATIVE_GOOD,
    NARRATIVE_RED,
    RETURN_REASONS,
    VALUE_NOTES,
)
from .story_values import realisations

REALISATION, GOVERNANCE_KIND = "realisation", "governance"
DRAFT, SUBMITTED, RETURNED_STATUS, VERIFIED = "draft", "submitted", "returned", "verified"
DUE_DAYS = 10  # pamong.performance.rules.consequences.DEFAULT_REPORT_DUE_DAYS
TOPICS = ("public_service", "order", "empowerment", "village_guidance", "coordination")
Key = tuple[str, str, str, int]  # unit code, report kind, period kind, period number


def _number(value: Decimal) -> str:
    return fmt_id(value.normalize() if value == value.to_integral() else value)


def _lower_first(name: str) -> str:
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


class ReportPlanner:
    def __init__(
        self,
        *,
        year: int,
        today: dt.date,
        rng: random.Random,
        clock: Clock,
        heads: Heads,
        accounts: Accounts,
        units: Mapping[str, UnitPlan],
        kelurahan: Mapping[str, int],
        indicators: Mapping[tuple[str, str], Sequence[IndicatorPlan]],
        levels: Mapping[tuple[str, str], list[float]],
        fates: Mapping[Key, str],
        verifiers: Mapping[str, str],
        operators: Mapping[str, str],
        late_share: float,
        return_share: float,
        steady: frozenset[str],
    ) -> None:
        self.year, self.today, self.rng, self.clock = year, today, rng, clock
        self.heads, self.accounts, self.units, self.kelurahan = heads, accounts, units, kelurahan
        self.indicators, self.levels, self.fates = indicators, levels, fates
        self.verifiers, self.operators = verifiers, operators
        self.late_share, self.return_share, self.steady = late_share, return_share, steady
        self.actuals = {
            (i.unit_code, i.code): realisations(i, levels[(i.unit_code, i.code)])
            for items in indicators.values()
            for i in items
        }

    # --- who ---------------------------------------------------------------------------------

    def _submitter(self, unit_code: str, day: dt.date) -> str:
        spell = self.heads.on(unit_code, day) or self.heads.on(unit_code, self.today)
        if spell is None:
            raise ValueError(f"Unit {unit_code} tidak punya kepala pada {day} maupun hari ini.")
        return self.accounts.of(spell)

    # --- what --------------------------------------------------------------------------------

    def _fate(self, key: Key) -> str:
        if key in self.fates:
            return self.fates[key]
        if key[0] in self.steady:
            return ON_TIME
        roll = self.rng.random()
        if roll < self.late_share:
            return LATE
        if roll < self.late_share + self.return_share:
            return RETURNED
        return ON_TIME

    def _values(self, unit_code: str, items: Sequence[IndicatorPlan], number: int, filled: int) -> list[ValuePlan]:
        values = []
        for position, indicator in enumerate(items):
            if position >= filled:
                values.append(ValuePlan(indicator.code, None))
                continue
            level = self.levels[(unit_code, indicator.code)][number - 1]
            note = self.rng.choice(VALUE_NOTES) if level < 0.9 else ""
            values.append(ValuePlan(indicator.code, self.actuals[(unit_code, indicator.code)][number - 1], note))
        return values

    def _worst(self, unit_code: str, items: Sequence[IndicatorPlan], number: int) -> tuple[IndicatorPlan, float]:
        scored = [(self.levels[(unit_code, i.code)][number - 1], n, i) for n, i in enumerate(items)]
        level, _n, indicator = min(scored)
        return indicator, level

    def _narrative(self, unit_code: str, items: Sequence[IndicatorPlan], number: int) -> tuple[str, str, str, str]:
        indicator, level = self._worst(unit_code, items, number)
        if level < 0.75 and indicator.name in NARRATIVE_RED:
            return NARRATIVE_RED[indicator.name]
        if level < 0.9:
            name = _lower_first(indicator.name)
            texts = self.rng.choice(NARRATIVE_BEHIND)
            return (texts[0].format(indicator=name), texts[1], texts[2], texts[3].format(indicator=name))
        return self.rng.choice(NARRATIVE_GOOD)

    def _sections(self, unit: UnitPlan, label: str, filled: int) -> list[SectionPlan]:
        r = self.rng
        villages = self.kelurahan.get(unit.code, 0)
        services = r.randint(350, 900)
        incidents = r.randint(1, 8)
        figures = {
            "public_service": {
                "services": services,
                "services_on_time": int(services * r.uniform(0.88, 0.98)),
                "complaints": r.randint(2, 15),
            },
            "order": {
                "incidents": incidents,
                "incidents_handled": incidents - r.randint(0, 1),
                "enforcement": r.randint(1, 5),
            },
            "empowerment": {"activities": r.randint(3, 12), "participants": r.randint(150, 900)},
            "village_guidance": {
                "villages": villages,
                "village_reports": max(villages - (1 if r.random() < 0.3 else 0), 0),
                "guidance_visits": r.randint(2, 9),
            },
            "coordination": {"meetings": r.randint(3, 7), "opd_activities": r.randint(5, 18)},
        }
        sections = []
        for position, topic in enumerate(TOPICS, start=1):
            if position > filled:
                sections.append(SectionPlan(topic, position, "", "", "", ()))
                continue
            variant = self.rng.choice(GOVERNANCE[topic])
            summary, problems, follow_up = (t.format(kecamatan=unit.short_name, period=label) for t in variant)
            numbers = tuple((code, str(value)) for code, value in figures[topic].items())
            sections.append(SectionPlan(topic, position, summary, problems, follow_up, numbers))
        return sections

    def _evidence(
        self, unit: UnitPlan, kind: str, label: str, items: Sequence[IndicatorPlan], number: int, uploader: str
    ) -> list[EvidencePlan]:
        if kind == GOVERNANCE_KIND:
            return [
                EvidencePlan(
                    f"Notulen rapat koordinasi {label}.pdf",
                    "pdf",
                    f"Notulen Rapat Koordinasi Kecamatan {unit.short_name}",
                    (
                        f"Periode: {label}",
                        "Peserta: Camat, Forkopimcam, lurah se-kecamatan, perangkat daerah terkait.",
                        "Pokok bahasan: ketenteraman, pelayanan PATEN, kesiapan musim hujan.",
                        "Notulis: Seksi Pemerintahan",
                    ),
                    "Notulen rapat koordinasi kecamatan",
                    uploader,
                    topic="coordination",
                ),
                EvidencePlan(
                    f"Foto kerja bakti {label}.png",
                    "png",
                    "",
                    (),
                    "Dokumentasi Gerakan Gotong Royong Kampung Bersih",
                    uploader,
                    topic="empowerment",
                    colour=(34, 139, 84),
                ),
            ]
        lines = [f"Unit: {unit.name}", f"Periode: {label}", ""]
        for indicator in items:
            target = indicator.trajectory[number - 1]
            actual = self.actuals[(unit.code, indicator.code)][number - 1]
            lines.append(
                f"{indicator.code} {indicator.name}: target {_number(target)}, realisasi {_number(actual)} "
                f"{indicator.unit_of_measure}"
            )
        lines += ["", "Sumber: rekap bidang dan aplikasi sumber data; diperiksa Subbagian Perencanaan."]
        return [
            EvidencePlan(
                f"Rekap capaian {unit.short_name} {label}.pdf",
                "pdf",
                f"Rekap Capaian Kinerja {unit.short_name}",
                tuple(lines),
                "Rekap capaian kinerja periode ini",
                uploader,
            )
        ]

    # --- the report --------------------------------------------------------------------------

    def report(self, unit: UnitPlan, kind: str, period_kind: str, number: int) -> ReportPlan | None:
        """One report of an ended period, or None if the period has not ended by ``today``."""
        start, end = period_bounds(PeriodKind(period_kind), self.year, number)
        if end >= self.today:
            return None
        r, clock = self.rng, self.clock
        key: Key = (unit.code, kind, period_kind, number)
        fate = self._fate(key)
        deadline = end + dt.timedelta(days=DUE_DAYS)
        label = f"{period_label_id(PeriodKind(period_kind), number)} {self.year}"
        items = list(self.indicators.get((unit.code, period_kind), ())) if kind == REALISATION else []
        steps = [StepPlan("open", "", DRAFT, None, clock.at(start, 1, 5))]
        submit: dt.date | None
        if fate == MISSING:
            submit = None
        elif fate == LATE:
            submit = weekdays_after(deadline, r.randint(1, 5))
        else:
            submit = weekday_between(r, end + dt.timedelta(days=1), deadline)
        if submit is not None and submit > self.today:
            submit = None
        if submit is None:
            fate = MISSING if deadline < self.today else NOT_DUE
            filled = len(items) // 2 if items else 2
            return ReportPlan(
                unit.code, kind, self.year, period_kind, number, fate, DRAFT, deadline, None, None, None, None, None, 0,
                "", "", "", "",
                tuple(self._values(unit.code, items, number, filled)),
                tuple(self._sections(unit, label, filled)) if kind == GOVERNANCE_KIND else (),
                tuple(steps),
                (),
            )  # fmt: skip
        submitter = self._submitter(unit.code, submit)
        verifier = self.verifiers[unit.code]
        submitted_at = clock.office(r, submit)
        steps.append(StepPlan("submit", DRAFT, SUBMITTED, submitter, submitted_at))
        status, return_count, verify_on = SUBMITTED, 0, weekdays_after(submit, r.randint(1, 3))
        uploader = self.operators.get(unit.code, submitter)
        evidence = self._evidence(unit, kind, label, items, number, uploader)
        if fate == RETURNED:
            returned = weekdays_after(submit, r.randint(1, 3))
            verify_on = self.today + dt.timedelta(days=1)
            if returned <= self.today:
                if kind == GOVERNANCE_KIND:
                    reason = GOVERNANCE_RETURN_REASON
                else:
                    indicator, _level = self._worst(unit.code, items, number)
                    choice = r.randrange(len(RETURN_REASONS))
                    reason = RETURN_REASONS[choice].format(indicator=f"{indicator.code} {indicator.name}")
                    if choice == 0:
                        evidence.append(
                            EvidencePlan(
                                f"Rekap sumber data {indicator.code}.pdf",
                                "pdf",
                                f"Rekap Sumber Data {indicator.code}",
                                (indicator.name, f"Periode: {label}", f"Sumber: {indicator.data_source}"),
                                "Bukti dukung tambahan setelah dikembalikan verifikator",
                                uploader,
                                indicator_code=indicator.code,
                            )
                        )
                steps.append(
                    StepPlan("return", SUBMITTED, RETURNED_STATUS, verifier, clock.office(r, returned), reason)
                )
                status, return_count = RETURNED_STATUS, 1
                again = weekdays_after(returned, r.randint(1, 3))
                if again <= self.today:
                    submitted_at = clock.office(r, again)
                    steps.append(StepPlan("resubmit", RETURNED_STATUS, SUBMITTED, submitter, submitted_at))
                    status, verify_on = SUBMITTED, weekdays_after(again, r.randint(1, 2))
        verified_at = None
        if fate != WAITING and status == SUBMITTED and verify_on <= self.today:
            verified_at = clock.office(r, verify_on)
            steps.append(StepPlan("verify", SUBMITTED, VERIFIED, verifier, verified_at))
            status = VERIFIED
        if status == SUBMITTED and fate not in (RETURNED, LATE):
            fate = WAITING
        problems, causes, solutions, follow_up = (
            self._narrative(unit.code, items, number) if items else ("", "", "", "")
        )
        return ReportPlan(
            unit.code,
            kind,
            self.year,
            period_kind,
            number,
            fate,
            status,
            deadline,
            submit,
            submitted_at,
            submitter,
            verified_at,
            verifier if verified_at else None,
            return_count,
            problems,
            causes,
            solutions,
            follow_up,
            tuple(self._values(unit.code, items, number, len(items))),
            tuple(self._sections(unit, label, len(TOPICS))) if kind == GOVERNANCE_KIND else (),
            tuple(steps),
            tuple(evidence),
        )
