"""The demo year's performance agreements (PK): who signed what, when, for each OPD and kecamatan.

- Every unit's PK goes out for signature in the second half of January (``agreement_date``) and most are
  signed at the Bupati's signing ceremony on 3 February; the rest are signed one by one later in February.
  A unit whose definitive head was being appointed waits for them (the Kepala Dinas Pendidikan took office
  in late January and signs his own PK).
- Three units revise theirs after the budget change (PK perubahan, version 2, ``REVISED``): sent in the
  second half of September, signed on 1 October; version 1 is then superseded. Targets stay; programme
  ceilings change.
- One unit (``AWAITING``, BRIDA) sent its PK late, in November: its head has signed the PK and the
  integrity pact, the Bupati has not yet.

An event happens only if its day is not after ``today``; a version nobody has sent yet is a draft.
Parties are named as ``agreement_submit`` names them (``pamong.agreements.facts``): the head on the day of
sending (definitive, else Plt), the head of region from the Bupati's login.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from pamong.agreements.rules.texts import head_title, region_head_title
from pamong.people.rules.grades import GradeError, grade_by_code

from .dto import EmployeePlan, UnitPlan
from .heads import Heads, HeadSpell
from .story_accounts import Accounts
from .story_calendar import Clock, weekday_between, weekdays_after
from .story_dto import AgreementPlan, SignaturePlan
from .story_texts import KECAMATAN_PROGRAMS, PROGRAMS, REVISION_REASON, SUPPORT_PROGRAM

CEREMONY = (2, 3)  # 3 February: the Bupati's signing ceremony
REVISION_SIGNED = (10, 1)  # 1 October: the revised PKs after the APBD Perubahan
REVISED = ("opd:pupr", "opd:dinkes", "opd:pertanian")
AWAITING = "opd:brida"
AWAITING_DAYS = ((10, 20), (11, 3), (11, 4))  # drafted, sent, signed by the head
#: Budget scale of the largest OPDs (teachers' and health workers' salaries, roads).
SCALE = {"opd:disdik": 9.0, "opd:dinkes": 4.0, "rsud": 3.0, "opd:pupr": 4.0, "setda": 2.0, "opd:bpkad": 2.0}
AGREEMENT, PACT, HEAD, REGION_HEAD = "agreement", "integrity_pact", "head", "region_head"


@dataclass(frozen=True)
class Party:
    username: str | None
    employee_index: int | None
    name: str
    nip: str
    title: str
    rank: str
    acting: str


def rank_of(grade: str) -> str:
    """As ``pamong.agreements.facts.rank_of``: ``"IV/c"`` -> ``"Pembina Utama Muda (IV/c)"``."""
    try:
        return str(grade_by_code(grade)) if grade else ""
    except GradeError:
        return ""


class AgreementPlanner:
    def __init__(
        self,
        *,
        year: int,
        today: dt.date,
        rng: random.Random,
        clock: Clock,
        heads: Heads,
        accounts: Accounts,
        employees: Mapping[int, EmployeePlan],
        tenant_name: str,
        place: str,
        bupati: tuple[str, str],
        creators: Mapping[str, str],
    ) -> None:
        self.year, self.today, self.rng, self.clock = year, today, rng, clock
        self.heads, self.accounts, self.employees = heads, accounts, employees
        self.place = place
        self.region = Party(bupati[0], None, bupati[1], "", region_head_title(tenant_name), "", "")
        self.creators = creators  # unit code -> who drafts its PK when not the head (an operator)

    def day(self, month: int, day: int) -> dt.date:
        return dt.date(self.year, month, day)

    def _head(self, unit: UnitPlan, day: dt.date) -> tuple[HeadSpell, Party] | None:
        spell = self.heads.on(unit.code, day)
        if spell is None:
            return None
        employee = self.employees[spell.employee_index]
        party = Party(
            self.accounts.of(spell),
            spell.employee_index,
            employee.full_name,
            employee.nip,
            head_title(spell.position_name, acting=spell.acting),
            rank_of(employee.grade),
            "plt" if spell.acting else "",
        )
        return spell, party

    def _signature(self, document: str, party: str, who: Party, at: dt.datetime) -> SignaturePlan:
        return SignaturePlan(
            document, party, who.username, who.employee_index, who.name, who.nip, who.title, who.rank, at
        )

    def _version(
        self,
        unit: UnitPlan,
        *,
        version: int,
        budget: tuple[tuple[str, int], ...],
        sent: dt.date,
        head_signs: dt.date,
        region_signs: dt.date | None,
        drafted: dt.date,
        reason: str = "",
    ) -> AgreementPlan | None:
        if drafted > self.today:
            return None
        found = self._head(unit, sent)
        creator = self.creators.get(unit.code) or (found[1].username if found else None)
        draft = AgreementPlan(unit.code, self.year, version, "draft", creator, self.place, reason, budget)
        if sent > self.today or found is None:
            return draft
        _spell, head = found
        signatures: list[SignaturePlan] = []
        if head_signs <= self.today:
            first = self.clock.office(self.rng, head_signs, 9, 10) if head_signs != region_signs else None
            at = first or self.clock.at(head_signs, 9, self.rng.randrange(30, 45))
            signatures.append(self._signature(PACT, HEAD, head, at))
            signatures.append(self._signature(AGREEMENT, HEAD, head, at + dt.timedelta(minutes=2)))
        signed_at = None
        if region_signs is not None and region_signs <= self.today and signatures:
            signed_at = max(signatures[-1].at + dt.timedelta(minutes=5), self.clock.at(region_signs, 10, 0))
            signatures.append(self._signature(AGREEMENT, REGION_HEAD, self.region, signed_at))
        return AgreementPlan(
            unit.code,
            self.year,
            version,
            "signed" if signed_at else "awaiting",
            creator,
            self.place,
            reason,
            budget,
            agreement_date=sent,
            submitted_at=self.clock.office(self.rng, sent, 8, 14),
            head_index=head.employee_index,
            head_name=head.name,
            head_nip=head.nip,
            head_title=head.title,
            head_rank=head.rank,
            head_acting=head.acting,
            region_head_name=self.region.name,
            region_head_title=self.region.title,
            signatures=tuple(signatures),
            signed_at=signed_at,
        )

    def _budget(self, tag: str, unit: UnitPlan) -> tuple[tuple[str, int], ...]:
        programs = KECAMATAN_PROGRAMS if tag.startswith("kec:") else PROGRAMS.get(tag, ())
        scale = SCALE.get(tag, 1.0) * (0.4 if tag.startswith("kec:") else 1.0)
        lines = [(SUPPORT_PROGRAM, self._millions(self.rng.uniform(6e9, 14e9) * scale))]
        for program in programs:
            lines.append((program, self._millions(self.rng.uniform(1.5e9, 9e9) * scale)))
        return tuple(lines)

    @staticmethod
    def _millions(value: float) -> int:
        return int(round(value / 1e6)) * 1_000_000

    def _first_sending(self, unit: UnitPlan) -> dt.date:
        """Second half of January; a unit about to get its definitive head waits for the appointment."""
        sent = weekday_between(self.rng, self.day(1, 12), self.day(1, 30))
        head = self.heads.on(unit.code, sent)
        if head is not None and head.acting:
            appointed = self.heads.appointed_after(unit.code, sent, 30)
            if appointed is not None:
                sent = weekdays_after(appointed.starts_on, 2)
        return sent

    def plan(self, units: Sequence[tuple[str, UnitPlan]]) -> list[AgreementPlan]:
        result: list[AgreementPlan] = []
        ceremony = self.day(*CEREMONY)
        for tag, unit in units:
            budget = self._budget(tag, unit)
            if tag == AWAITING:
                drafted, sent, head_signs = (self.day(*d) for d in AWAITING_DAYS)
                v1 = self._version(
                    unit, version=1, budget=budget, sent=sent, head_signs=head_signs, region_signs=None, drafted=drafted
                )
                result.extend([v1] if v1 else [])
                continue
            sent = self._first_sending(unit)
            at_ceremony = sent < ceremony and self.rng.random() < 0.85
            if at_ceremony:
                head_signs = region_signs = ceremony
            else:
                head_signs = weekdays_after(max(sent, ceremony), self.rng.randint(1, 3))
                region_signs = weekdays_after(head_signs, self.rng.randint(2, 8))
            drafted = sent - dt.timedelta(days=self.rng.randint(3, 10))
            v1 = self._version(
                unit,
                version=1,
                budget=budget,
                sent=sent,
                head_signs=head_signs,
                region_signs=region_signs,
                drafted=drafted,
            )
            if v1 is None:
                continue
            if tag not in REVISED or v1.status != "signed":
                result.append(v1)
                continue
            sent2 = weekday_between(self.rng, self.day(9, 14), self.day(9, 25))
            revised = tuple((program, self._millions(c * self.rng.uniform(0.85, 1.2))) for program, c in budget)
            v2 = self._version(
                unit,
                version=2,
                budget=revised,
                sent=sent2,
                head_signs=weekdays_after(sent2, self.rng.randint(1, 3)),
                region_signs=self.day(*REVISION_SIGNED),
                drafted=sent2 - dt.timedelta(days=self.rng.randint(2, 6)),
                reason=REVISION_REASON,
            )
            if v2 is not None and v2.status == "signed":
                v1 = _superseded(v1, v2.signed_at)
            result.extend([v1, *([v2] if v2 else [])])
        return result


def _superseded(agreement: AgreementPlan, at: dt.datetime | None) -> AgreementPlan:
    return replace(agreement, status="superseded", superseded_at=at)
