"""Fills a region's posts with fictional ASN: NIP, grade, titles, definitive assignments.

Grades follow the post (rules.md §9.2–9.3): eselon II IV/b–IV/d (II.a IV/c–IV/d),
III.a IV/a–IV/b, III.b III/d–IV/a, IV.a III/c–III/d, IV.b III/b–III/c; pelaksana
II/a–III/b; fungsional by jenjang. PPPK get golongan V–XI by level. Years of
service follow from the steps above the entry grade of the person's education
(four to six years a step, plus some years without promotion), birth from the usual age at appointment, capped so
nobody is past the retirement age (BUP: 60 for JPT and Ahli Madya, else 58).

NIPs (rules.md §9.4) are built from those dates: birth date, TMT year and month
(PPPK: appointment year and the marker ``21``), gender digit and a sequence that
is unique per prefix. They are checked with ``parse_nip`` in the tests, not here.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

from pamong.people.rules.grades import PNS_GRADES

from .catalog import Job
from .dto import AssignmentPlan, EmployeePlan, PositionPlan
from .names import EDUCATION, Education, person_name, phone_number, titles
from .structure import Structure


@dataclass(frozen=True)
class Level:
    low: str
    high: str
    pppk: str  # PPPK golongan, "" when PPPK are not appointed at this level
    job_class: int
    retirement_age: int = 58


LEVELS = {
    "pelaksana_sma": Level("II/a", "II/d", "V", 5),
    "pelaksana_d3": Level("II/c", "III/a", "VII", 6),
    "pelaksana_s1": Level("III/a", "III/b", "IX", 7),
    "terampil": Level("II/c", "II/d", "VII", 6),
    "mahir": Level("III/a", "III/b", "", 7),
    "penyelia": Level("III/c", "III/d", "", 8),
    "ahli_pertama": Level("III/a", "III/b", "IX", 8),
    "ahli_muda": Level("III/c", "III/d", "XI", 9),
    "ahli_madya": Level("IV/a", "IV/c", "", 11, 60),
}
ESELON_LEVELS = {
    "II.a": Level("IV/c", "IV/d", "", 15, 60),
    "II.b": Level("IV/b", "IV/c", "", 14, 60),
    "III.a": Level("IV/a", "IV/b", "", 12),
    "III.b": Level("III/d", "IV/a", "", 11),
    "IV.a": Level("III/c", "III/d", "", 9),
    "IV.b": Level("III/b", "III/c", "", 8),
}
MIN_SERVICE = {"II": 18, "III": 12, "IV": 6}
PPPK_YEARS = ((2021, 3), (2022, 3), (2023, 3), (2024, 2), (2025, 1))
PPPK_SHARE = 0.2


_ORDINALS = {grade.code: grade.ordinal for grade in PNS_GRADES}


def _ordinal(code: str) -> int:
    return _ORDINALS[code]


def _day_between(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    if high <= low:
        return low
    return low + dt.timedelta(days=rng.randrange((high - low).days + 1))


@dataclass
class Roster:
    """The people of one region as they are placed; ``history`` then adds the past."""

    rng: random.Random
    today: dt.date
    structure: Structure
    #: Heads of OPDs and kecamatan took office before this day (the performance year's PKs name them),
    #: unless the history moves them; None: any time up to 45 days ago.
    heads_settled_by: dt.date | None = None
    employees: list[EmployeePlan] = field(default_factory=list)
    assignments: list[AssignmentPlan] = field(default_factory=list)
    staff_positions: list[PositionPlan] = field(default_factory=list)
    holders: dict[str, int] = field(default_factory=dict)  # structural position -> current definitive holder
    current: dict[int, int] = field(default_factory=dict)  # employee -> index of the current definitive assignment
    _sequences: dict[str, int] = field(default_factory=dict)
    _decrees: dict[int, int] = field(default_factory=dict)
    _staff_posts: dict[tuple[str, str], str] = field(default_factory=dict)

    # --- identity ------------------------------------------------------------------------------

    def _nip(self, birth: dt.date, year: int, month: str, female: bool) -> str:
        prefix = f"{birth:%Y%m%d}{year:04d}{month}{'2' if female else '1'}"
        sequence = self._sequences.get(prefix, 0) + self.rng.randint(1, 3)
        self._sequences[prefix] = sequence
        return f"{prefix}{sequence:03d}"

    def decree(self, year: int, prefix: str = "821.2") -> str:
        n = self._decrees.get(year, 0) + 1
        self._decrees[year] = n
        return f"{prefix}/{n:03d}/BKPSDM/{year}"

    def person(
        self,
        *,
        unit_code: str,
        position_code: str | None,
        level: Level,
        edu_key: str,
        female_share: float,
        pppk: bool = False,
        structural: str = "",
        retired_on: dt.date | None = None,
    ) -> int:
        """Create one employee and return its index."""
        rng, today = self.rng, self.today
        edu: Education = EDUCATION[edu_key]
        female = rng.random() < female_share
        age_entry = rng.randint(*edu.ages)
        reference = retired_on or today
        if pppk:
            grade = level.pppk
            year = rng.choices([y for y, _w in PPPK_YEARS], weights=[w for _y, w in PPPK_YEARS])[0]
            year = min(year, today.year)
            age_entry = rng.randint(max(age_entry, 23), 45)
            month_digits, appointment_month = "21", None
            birth_year = year - age_entry
        else:
            entry = _ordinal(edu.entry)
            pick = rng.randint(_ordinal(level.low), _ordinal(level.high))
            ordinal = min(max(pick, entry), _ordinal(level.high))
            grade = PNS_GRADES[ordinal - 1].code
            # About four to six years a step, plus time spent without promotion.
            years = round(max(ordinal - entry, 0) * rng.uniform(4.0, 6.0)) + rng.randint(0, 8)
            if structural:
                years = max(years, MIN_SERVICE[structural.split(".")[0]] + rng.randint(0, 4))
            if retired_on is not None:
                age_entry = level.retirement_age - years
                age_entry = min(max(age_entry, edu.ages[0]), edu.ages[1] + 6)
                years = level.retirement_age - age_entry
            else:
                years = max(min(years, level.retirement_age - 1 - age_entry), 0)
            year = reference.year - years
            appointment_month = rng.randint(1, reference.month if year == reference.year else 12)
            month_digits = f"{appointment_month:02d}"
            birth_year = year - age_entry
        birth = dt.date(birth_year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        senior = bool(structural) or _ordinal(level.low) >= _ordinal("III/c") or rng.random() < 0.1
        age = today.year - birth.year
        front, back = titles(
            rng,
            edu,
            female=female,
            birth_year=birth.year,
            senior=senior,
            doctorate=structural.startswith("II") and rng.random() < 0.12,
            haji=age >= 40 and rng.random() < (0.35 if structural else 0.15),
        )
        index = len(self.employees)
        self.employees.append(
            EmployeePlan(
                index=index,
                nip=self._nip(birth, year, month_digits, female),
                name=person_name(rng, female=female),
                front_title=front,
                back_title=back,
                kind="pppk" if pppk else "pns",
                grade=grade,
                gender="female" if female else "male",
                birth_date=birth,
                appointment_year=year,
                appointment_month=appointment_month,
                unit_code=unit_code,
                position_code=position_code,
                phone=phone_number(rng),
                is_active=retired_on is None,
            )
        )
        return index

    def appointed_on(self, index: int) -> dt.date:
        e = self.employees[index]
        return dt.date(e.appointment_year, e.appointment_month or 3, 1)

    # --- assignments ---------------------------------------------------------------------------

    def assign(
        self,
        index: int,
        position_code: str,
        kind: str,
        starts_on: dt.date,
        ends_on: dt.date | None = None,
        *,
        note: str = "",
        structural: bool = True,
    ) -> int:
        prefix = ("821.2" if structural else "800.1.2") if kind == "definitive" else "800.1.3.3"
        decree_date = starts_on - dt.timedelta(days=self.rng.randint(2, 12))
        self.assignments.append(
            AssignmentPlan(
                employee_index=index,
                position_code=position_code,
                kind=kind,
                starts_on=starts_on,
                ends_on=ends_on,
                decree_number=self.decree(decree_date.year, prefix),
                decree_date=decree_date,
                note=note,
            )
        )
        return len(self.assignments) - 1

    def start_of(self, index: int) -> dt.date:
        return self.assignments[self.current[index]].starts_on

    def set_start(self, index: int, starts_on: dt.date) -> None:
        """Move the start of an employee's current definitive assignment (a later appointment)."""
        i = self.current[index]
        decree_date = starts_on - dt.timedelta(days=self.rng.randint(2, 12))
        self.assignments[i] = replace(
            self.assignments[i],
            starts_on=starts_on,
            decree_date=decree_date,
            decree_number=self.decree(decree_date.year),
        )

    # --- filling -------------------------------------------------------------------------------

    def fill_structural(self, position: PositionPlan) -> int:
        edu, female = self.structure.holder_edu[position.code]
        index = self.person(
            unit_code=position.unit_code,
            position_code=position.code,
            level=ESELON_LEVELS[position.eselon],
            edu_key=edu,
            female_share=female,
            structural=position.eselon,
        )
        low = max(self.appointed_on(index) + dt.timedelta(days=365), self.today - dt.timedelta(days=5 * 365))
        high = self.today - dt.timedelta(days=45)
        if self.heads_settled_by is not None and position.is_head and self._heads_a_unit(position):
            high = min(high, self.heads_settled_by - dt.timedelta(days=1))
        starts_on = _day_between(self.rng, low, high)
        self.current[index] = self.assign(index, position.code, "definitive", starts_on)
        self.holders[position.code] = index
        return index

    def _heads_a_unit(self, position: PositionPlan) -> bool:
        """Whether ``position`` heads an OPD or a kecamatan (a unit right under the region)."""
        return self.structure.unit_index[position.unit_code].depth == 1

    def staff_post(self, unit_code: str, job: Job) -> str:
        key = (unit_code, job.name)
        code = self._staff_posts.get(key)
        if code is None:
            code = self.structure.staff_post_code(unit_code)
            self._staff_posts[key] = code
            self.staff_positions.append(
                PositionPlan(code, unit_code, job.name, job.position_type, "", False, LEVELS[job.level].job_class)
            )
        return code

    def fill_staff(self, unit_code: str, job: Job, *, pppk: bool) -> int:
        code = self.staff_post(unit_code, job)
        level = LEVELS[job.level]
        index = self.person(
            unit_code=unit_code, position_code=code, level=level, edu_key=job.edu, female_share=job.female, pppk=pppk
        )
        appointed = self.appointed_on(index)
        if pppk:
            starts_on = min(appointed, self.today - dt.timedelta(days=30))
        else:
            low = max(appointed, self.today - dt.timedelta(days=12 * 365))
            starts_on = _day_between(self.rng, low, self.today - dt.timedelta(days=30))
        self.current[index] = self.assign(index, code, "definitive", starts_on, structural=False)
        return index

    def staff_slots(self, count: int) -> list[tuple[str, Job]]:
        """Where ``count`` staff work: pools by share (largest remainder), units and jobs by weight."""
        pools = [p for p in self.structure.pools if p.units and p.weight > 0]
        total = sum(p.weight for p in pools)
        exact = [count * p.weight / total for p in pools]
        quotas = [int(x) for x in exact]
        by_fraction = sorted(range(len(pools)), key=lambda i: (-(exact[i] - quotas[i]), i))
        for i in by_fraction[: count - sum(quotas)]:
            quotas[i] += 1
        slots: list[tuple[str, Job]] = []
        for pool, quota in zip(pools, quotas, strict=True):
            if not quota:
                continue
            units = self.rng.choices(range(len(pool.units)), weights=[w for _c, _j, w in pool.units], k=quota)
            for u in units:
                unit_code, jobs, _weight = pool.units[u]
                job = self.rng.choices(jobs, weights=[j.weight for j in jobs])[0]
                slots.append((unit_code, job))
        return slots

    def choose_pppk(self, slots: list[tuple[str, Job]], target: int) -> list[bool]:
        """Pick ``target`` PPPK among the slots, weighted by job (teachers and nurses most)."""
        keys: list[tuple[float, int]] = []
        for i, (_unit, job) in enumerate(slots):
            weight = job.pppk if LEVELS[job.level].pppk else 0.0
            u = self.rng.random()
            keys.append((u ** (1.0 / weight) if weight > 0 else -1.0, i))
        keys.sort(reverse=True)
        chosen = [False] * len(slots)
        for key, i in keys[:target]:
            if key >= 0:
                chosen[i] = True
        return chosen
