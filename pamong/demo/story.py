"""Plans the demo regency's performance year so the Bupati's cockpit tells a story on first login.

``plan_story(...)`` depends on its arguments only (one ``random.Random`` seeded from the demo seed, used in
a fixed order): the same seed and ``today`` give the same story. The year is the plan's ``TARGET_YEAR``
(2026); everything dated after ``today`` has not happened yet. What it holds, for ``today`` = 22 November:

- **Agreements** (``story_agreements``): every OPD and kecamatan has its PK 2026, signed at the Bupati's
  ceremony on 3 February or soon after; Dinas PUPR, Dinas Kesehatan and Dinas Pertanian signed a PK
  perubahan (version 2) on 1 October after the APBD Perubahan; BRIDA's PK awaits the Bupati's signature.
- **Reports** (``story_reports``): monthly reports January–October and quarterly reports TW I–III (and the
  Camat's governance reports) submitted and mostly verified; about one in ten late, a handful returned once
  with a reason and resubmitted, two still waiting for their verifier (the last month's), two missing:
  Kesbangpol's last quarter (its head retired in August; the Asisten I is its Plt) and Kecamatan Kenanga's
  governance report (its Camat moved in September). Dinas Pendidikan: TW II returned once, TW III two days
  late, one indicator yellow. Kecamatan Melati: May's report late, TW II's governance report returned once,
  one indicator yellow.
- **Realisations** (``story_values``): most indicators green, some yellow; red for their last two periods
  at Dinas PUPR (road works behind schedule since the tender was repeated; new water connections low all
  year), Dinas Sosial (beneficiary data updates falling since June) and Dinas Perikanan (KUSUKA cards held
  up), so the red-streak trigger opens; two indicators red in the last period only.
- **Ratings and follow-up**: the Sekda's likelihood ratings on four priority-programme indicators; register
  entries given to their owners, some in progress, Dinas Pendidikan's late report resolved, one closed.

The scores and register entries themselves are not planned: the loader runs the performance services on
the written reports (``story_loader``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence

from pamong.performance.rules.periods import PeriodKind, period_bounds
from pamong.performance.rules.schedule import reporting_month

from .dto import AssignmentPlan, EmployeePlan, PositionPlan, UnitPlan, UserPlan
from .heads import Heads
from .planning_catalog import TARGET_YEAR
from .planning_plan import OPD, IndicatorPlan, PlanningPlan
from .story_accounts import AccountPlan, Accounts, RolePlan, unit_login
from .story_agreements import AgreementPlanner
from .story_calendar import Clock
from .story_dto import LATE, MISSING, RETURNED, WAITING, FollowUpPlan, RatingPlan, ReportPlan, StoryPlan
from .story_reports import DUE_DAYS, GOVERNANCE_KIND, REALISATION, Key, ReportPlanner
from .story_texts import (
    ASSIGN_NOTE,
    LATE_CLOSE_NOTE,
    LATE_PROGRESS_NOTE,
    LATE_RESOLVED_NOTE,
    PROGRAM_RATINGS,
    PROGRESS_NOTES,
    RATINGS,
)
from .story_values import DECLINE, FRESH_RED, GREEN, LOW_YEAR, NORMAL, STREAK, YELLOW, Design, levels

MONTHLY, QUARTERLY = "monthly", "quarterly"
SEKDA = "sekda"
VERIFIERS = ("verifikator.bappeda", "verifikator.inspektorat")
#: Indicators the story colours, by unit tag and indicator name.
DESIGNS: dict[tuple[str, str], str] = {
    ("opd:pupr", "Realisasi fisik pekerjaan jalan"): STREAK,
    ("opd:pupr", "Sambungan rumah air minum baru"): LOW_YEAR,
    ("opd:dinsos", "Keluarga penerima manfaat yang dimutakhirkan datanya"): DECLINE,
    ("opd:perikanan", "Nelayan yang memiliki kartu KUSUKA"): STREAK,
    ("opd:dishub", "Realisasi anggaran"): FRESH_RED,
    ("opd:brida", "Hasil kajian yang dipakai dalam kebijakan"): FRESH_RED,
    ("opd:disdik", "Guru penggerak yang dilatih"): YELLOW,
    ("kec:2", "Kelurahan yang melapor bulanan tepat waktu"): YELLOW,
}
#: Units having a weaker year than the rest (their undesigned indicators lower by this much).
FORM = {"opd:pupr": -0.06, "opd:dinsos": -0.05, "opd:dishub": -0.05, "opd:kesbangpol": -0.04}
#: Units whose heads hold the featured demo logins: their year is told exactly, never drawn.
FEATURED = ("opd:disdik", "kec:2", "opd:dinkes")
#: Register entries the story follows up (the red streaks above, by unit tag and indicator name).
FOLLOWED = (
    ("opd:pupr", "Realisasi fisik pekerjaan jalan", True),
    ("opd:pupr", "Sambungan rumah air minum baru", False),
    ("opd:dinsos", "Keluarga penerima manfaat yang dimutakhirkan datanya", True),
    ("opd:perikanan", "Nelayan yang memiliki kartu KUSUKA", False),
)
LATE_SHARE, RETURN_SHARE = 0.10, 0.015


def _ended(kind: str, year: int, today: dt.date) -> int:
    """How many periods of ``kind`` in ``year`` have ended by ``today`` (their last day is before it)."""
    rule = PeriodKind(kind)
    return sum(1 for n in range(1, rule.periods_per_year + 1) if period_bounds(rule, year, n)[1] < today)


def _latest_due(kind: str, year: int, today: dt.date) -> int | None:
    """The latest period of ``kind`` whose report deadline has passed on ``today``."""
    rule = PeriodKind(kind)
    due = [
        n
        for n in range(1, rule.periods_per_year + 1)
        if period_bounds(rule, year, n)[1] + dt.timedelta(days=DUE_DAYS) < today
    ]
    return due[-1] if due else None


def _indicator_named(items: Sequence[IndicatorPlan], name: str) -> IndicatorPlan | None:
    return next((i for i in items if i.name == name), None)


def plan_story(
    *,
    seed: int,
    today: dt.date,
    tenant_name: str,
    time_zone: str,
    place: str,
    units: Sequence[UnitPlan],
    unit_tags: Mapping[str, str],
    positions: Sequence[PositionPlan],
    assignments: Sequence[AssignmentPlan],
    employees: Sequence[EmployeePlan],
    planning: PlanningPlan,
    users: Sequence[UserPlan],
) -> tuple[StoryPlan, tuple[AccountPlan, ...], tuple[RolePlan, ...]]:
    """The performance year ``TARGET_YEAR`` as on ``today``, with the head accounts and roles it needs."""
    year = TARGET_YEAR
    rng = random.Random(f"story:{seed}")
    clock = Clock(time_zone)
    heads = Heads(positions, assignments)
    people = {e.index: e for e in employees}
    by_code = {u.code: u for u in units}
    tag_of = {code: tag for tag, code in unit_tags.items()}
    code_of = dict(unit_tags)
    indicators: dict[tuple[str, str], list[IndicatorPlan]] = defaultdict(list)
    for indicator in sorted((i for i in planning.indicators if i.level == OPD), key=lambda i: (i.unit_code, i.code)):
        indicators[(indicator.unit_code, indicator.period_kind)].append(indicator)
    reporting = sorted(
        (u for u in units if u.depth == 1 and any((u.code, k) in indicators for k in (MONTHLY, QUARTERLY))),
        key=lambda u: u.sort_order,
    )
    tagged = [(tag_of[u.code], u) for u in reporting]

    # Logins: the featured demo logins, then an account per acting head (handed out as the story needs them).
    featured = {u.employee_index: u.username for u in users if u.employee_index is not None and not u.is_platform_admin}
    featured_roles = {(u.username, u.unit_code) for u in users if u.unit_code and u.role in ("opd_head", "camat")}
    current: dict[int, str] = {}
    for tag, unit in tagged:
        spell = heads.on(unit.code, today)
        if spell is not None and spell.employee_index not in featured:
            current.setdefault(spell.employee_index, unit_login(tag, unit))
    accounts = Accounts(
        featured=featured, featured_roles=featured_roles, current=current, employees=people, units=by_code
    )
    bupati = next(u for u in users if u.role == "head_of_region")
    operator = next((u.username for u in users if u.role == "performance_operator"), None)
    operators = {code_of["opd:disdik"]: operator} if operator and "opd:disdik" in code_of else {}

    agreements = AgreementPlanner(
        year=year,
        today=today,
        rng=rng,
        clock=clock,
        heads=heads,
        accounts=accounts,
        employees=people,
        tenant_name=tenant_name,
        place=place,
        bupati=(bupati.username, f"{bupati.first_name} {bupati.last_name}".strip()),
        creators=operators,
    ).plan(tagged)

    # Realisations: a level per indicator and period.
    designs = {(code_of[tag], name): mode for (tag, name), mode in DESIGNS.items() if tag in code_of}
    featured_codes = {code_of[tag] for tag in FEATURED if tag in code_of}
    form = {u.code: FORM.get(tag, rng.uniform(-0.05, 0.03)) for tag, u in tagged}
    period_levels: dict[tuple[str, str], list[float]] = {}
    for (unit_code, kind), items in sorted(indicators.items()):
        for indicator in items:
            mode = designs.get((unit_code, indicator.name), GREEN if unit_code in featured_codes else NORMAL)
            design = Design(mode, _ended(kind, year, today), form[unit_code])
            period_levels[(unit_code, indicator.code)] = levels(rng, len(indicator.trajectory), design)

    fates = _fates(rng, year, today, code_of, indicators, tagged, featured_codes)
    verifiers = {}
    for tag, unit in tagged:
        verifiers[unit.code] = {"insp": VERIFIERS[0], "opd:bappeda": VERIFIERS[1]}.get(tag) or rng.choice(VERIFIERS)
    kelurahan: dict[str, int] = defaultdict(int)
    for unit in units:
        if unit.kind == "kelurahan" and unit.parent_code:
            kelurahan[unit.parent_code] += 1
    planner = ReportPlanner(
        year=year,
        today=today,
        rng=rng,
        clock=clock,
        heads=heads,
        accounts=accounts,
        units=by_code,
        kelurahan=kelurahan,
        indicators=indicators,
        levels=period_levels,
        fates=fates,
        verifiers=verifiers,
        operators=operators,
        late_share=LATE_SHARE,
        return_share=RETURN_SHARE,
        steady=frozenset(featured_codes),
    )
    reports: list[ReportPlan] = []
    for tag, unit in tagged:
        for kind in (MONTHLY, QUARTERLY):
            if (unit.code, kind) in indicators:
                for number in range(1, PeriodKind(kind).periods_per_year + 1):
                    report = planner.report(unit, REALISATION, kind, number)
                    reports.extend([report] if report else [])
        if tag.startswith("kec:"):
            for number in range(1, 5):
                report = planner.report(unit, GOVERNANCE_KIND, QUARTERLY, number)
                reports.extend([report] if report else [])

    month = reporting_month(year, today)
    ratings = _ratings(month, tagged, indicators, {p.code for p in planning.programs}) if month else []
    follow_ups = _follow_ups(heads, accounts, today, code_of, indicators, reports)
    addresses = tuple((unit.code, _address(rng, tag, unit, place)) for tag, unit in tagged)
    story = StoryPlan(
        year, today, place, tuple(agreements), tuple(reports), tuple(ratings), tuple(follow_ups), addresses
    )
    return story, tuple(accounts.accounts), tuple(accounts.roles)


STREETS = (
    "Jalan Jenderal Sudirman",
    "Jalan Ahmad Yani",
    "Jalan Sultan Hasanuddin",
    "Jalan Pahlawan",
    "Jalan Poros Bunga",
    "Jalan Pendidikan",
    "Jalan Kenari",
    "Jalan Merdeka",
)


def _address(rng: random.Random, tag: str, unit: UnitPlan, seat: str) -> str:
    if tag.startswith("kec:"):
        return f"Jalan Poros {unit.short_name} Nomor {rng.randint(1, 40)}, Kecamatan {unit.short_name}, {seat}"
    return f"{rng.choice(STREETS)} Nomor {rng.randint(1, 120)}, {seat}"


def _fates(
    rng: random.Random,
    year: int,
    today: dt.date,
    code_of: Mapping[str, str],
    indicators: Mapping[tuple[str, str], list[IndicatorPlan]],
    tagged: Sequence[tuple[str, UnitPlan]],
    featured_codes: set[str],
) -> dict[Key, str]:
    """What the story makes happen to particular reports; the rest are drawn (``ReportPlanner._fate``)."""
    fates: dict[Key, str] = {}
    disdik, melati = code_of.get("opd:disdik"), code_of.get("kec:2")
    if disdik:
        fates[(disdik, REALISATION, QUARTERLY, 2)] = RETURNED
        fates[(disdik, REALISATION, QUARTERLY, 3)] = LATE
    if melati:
        fates[(melati, REALISATION, MONTHLY, 5)] = LATE
        fates[(melati, GOVERNANCE_KIND, QUARTERLY, 2)] = RETURNED
    kesbangpol, kenanga = code_of.get("opd:kesbangpol"), code_of.get("kec:4")
    for code, kind, period_kind in ((kesbangpol, REALISATION, QUARTERLY), (kenanga, GOVERNANCE_KIND, QUARTERLY)):
        latest = _latest_due(period_kind, year, today)
        if code and latest:
            fates[(code, kind, period_kind, latest)] = MISSING
    # Two reports of the last month still wait for their verifier (units the story does not otherwise tell).
    latest_month = _latest_due(MONTHLY, year, today)
    told = featured_codes | {code_of.get(tag) for (tag, _name) in DESIGNS} | {kesbangpol, kenanga}
    candidates = [u.code for _tag, u in tagged if (u.code, MONTHLY) in indicators and u.code not in told]
    if latest_month and len(candidates) >= 2:
        for code in rng.sample(candidates, 2):
            fates[(code, REALISATION, MONTHLY, latest_month)] = WAITING
    return fates


def _ratings(
    month: int,
    tagged: Sequence[tuple[str, UnitPlan]],
    indicators: Mapping[tuple[str, str], list[IndicatorPlan]],
    programs: set[str],
) -> list[RatingPlan]:
    result = [
        RatingPlan(SEKDA, None, None, month, rating, reason, program_code=code)
        for code, (rating, reason) in PROGRAM_RATINGS.items()
        if code in programs
    ]
    for name, (rating, reason) in RATINGS.items():
        for _tag, unit in tagged:
            found = next(
                (i for k in (MONTHLY, QUARTERLY) for i in indicators.get((unit.code, k), ()) if i.name == name), None
            )
            if found is not None:
                result.append(RatingPlan(SEKDA, unit.code, found.code, month, rating, reason))
                break
    return result


def _follow_ups(
    heads: Heads,
    accounts: Accounts,
    today: dt.date,
    code_of: Mapping[str, str],
    indicators: Mapping[tuple[str, str], list[IndicatorPlan]],
    reports: Sequence[ReportPlan],
) -> list[FollowUpPlan]:
    def owner(unit_code: str) -> str | None:
        spell = heads.on(unit_code, today)
        return accounts.of(spell) if spell else None

    result: list[FollowUpPlan] = []
    for tag, name, progressed in FOLLOWED:
        code = code_of.get(tag)
        items = [i for k in (MONTHLY, QUARTERLY) for i in indicators.get((code or "", k), ())]
        indicator = _indicator_named(items, name)
        who = owner(code) if code else None
        if indicator is None or who is None or code is None:
            continue
        steps = [(SEKDA, "assign", ASSIGN_NOTE)]
        if progressed:
            steps.append((who, "progress", PROGRESS_NOTES[name]))
        result.append(FollowUpPlan("red_streak", code, indicator.code, None, None, who, tuple(steps)))
    late = {(r.unit_code, r.period_kind, r.period_no): r for r in reports if r.is_late and r.kind == REALISATION}
    disdik, melati = code_of.get("opd:disdik"), code_of.get("kec:2")
    told = [
        (disdik, QUARTERLY, 3, ("progress", "resolve")),
        (melati, MONTHLY, 5, ("progress",)),
    ]
    others = sorted(k for k in late if k[0] not in (disdik, melati))
    if others:
        told.append((*others[len(others) // 2], ("progress", "resolve", "close")))
    for code, period_kind, number, steps_wanted in told:
        if code is None or (code, period_kind, number) not in late:
            continue
        who = owner(code)
        if who is None:
            continue
        notes = {"progress": LATE_PROGRESS_NOTE, "resolve": LATE_RESOLVED_NOTE, "close": LATE_CLOSE_NOTE}
        steps = [(SEKDA, "assign", ASSIGN_NOTE)]
        steps += [(SEKDA if step == "close" else who, step, notes[step]) for step in steps_wanted]
        result.append(FollowUpPlan("report_late", code, None, period_kind, number, who, tuple(steps)))
    return result
