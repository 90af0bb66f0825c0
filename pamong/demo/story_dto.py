"""The demo's performance year as plain dataclasses: agreements (PK), periodic reports, and what follows.

Like the rest of the plan, rows name each other by natural keys (unit code, indicator code within its unit,
username, employee index), never by database ids. Times are aware datetimes in the tenant's time zone.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

#: What happened to a report (the story's own label; the database keeps the status and the steps).
ON_TIME, LATE, RETURNED, WAITING, MISSING, NOT_DUE = "on_time", "late", "returned", "waiting", "missing", "not_due"


@dataclass(frozen=True, slots=True)
class SignaturePlan:
    """One signature on a PK version (``document`` agreement or integrity_pact; ``party`` head or region_head)."""

    document: str
    party: str
    username: str | None
    employee_index: int | None
    name: str
    nip: str
    title: str
    rank: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class AgreementPlan:
    """One version of a unit's PK for the year; its items are the unit's indicators (copied at writing)."""

    unit_code: str
    year: int
    version: int
    status: str  # draft, awaiting, signed, superseded
    created_by: str | None
    place: str
    revision_reason: str
    budget: tuple[tuple[str, int], ...]
    # Set once the version went out for signature (None/"" for a draft).
    agreement_date: dt.date | None = None
    submitted_at: dt.datetime | None = None
    head_index: int | None = None
    head_name: str = ""
    head_nip: str = ""
    head_title: str = ""
    head_rank: str = ""
    head_acting: str = ""
    region_head_name: str = ""
    region_head_title: str = ""
    signatures: tuple[SignaturePlan, ...] = ()
    signed_at: dt.datetime | None = None
    superseded_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class StepPlan:
    """One row of a report's history; ``actor`` None is the nightly job."""

    kind: str
    from_status: str
    to_status: str
    actor: str | None
    at: dt.datetime
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ValuePlan:
    indicator_code: str
    actual: Decimal | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class SectionPlan:
    """One section of a Camat's governance report (``figures``: code -> decimal string)."""

    topic: str
    position: int
    summary: str
    problems: str
    follow_up: str
    figures: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class EvidencePlan:
    """An evidence file: ``kind`` "pdf" (title and lines) or "png" (a colour); on the report, a value or a
    section."""

    name: str
    kind: str
    title: str
    lines: tuple[str, ...]
    description: str
    uploaded_by: str
    indicator_code: str | None = None
    topic: str | None = None
    colour: tuple[int, int, int] = (40, 110, 170)


@dataclass(frozen=True)
class ReportPlan:
    """One periodic report of the year whose period has ended (the current period is opened by the service)."""

    unit_code: str
    kind: str  # realisation or governance
    year: int
    period_kind: str
    period_no: int
    fate: str
    status: str
    deadline: dt.date
    first_submitted_on: dt.date | None
    submitted_at: dt.datetime | None
    submitted_by: str | None
    verified_at: dt.datetime | None
    verified_by: str | None
    return_count: int
    problems: str
    causes: str
    solutions: str
    follow_up: str
    values: tuple[ValuePlan, ...]
    sections: tuple[SectionPlan, ...]
    steps: tuple[StepPlan, ...]
    evidence: tuple[EvidencePlan, ...]

    @property
    def is_late(self) -> bool:
        """First submitted after its deadline (``rules.consequences.report_late``)."""
        return self.first_submitted_on is not None and self.first_submitted_on > self.deadline

    def is_missing(self, today: dt.date) -> bool:
        """Not submitted and the deadline has passed."""
        return self.first_submitted_on is None and today > self.deadline


@dataclass(frozen=True, slots=True)
class RatingPlan:
    """A likelihood-of-delivery rating by ``username`` of one indicator (of ``unit_code``) or of one priority
    programme (``program_code``), as of ``month``."""

    username: str
    unit_code: str | None
    indicator_code: str | None
    month: int
    rating: str
    reason: str
    program_code: str | None = None


@dataclass(frozen=True, slots=True)
class FollowUpPlan:
    """Steps taken on the register entry a trigger opens: find it by kind, unit and (optional) indicator code.

    ``steps`` are (username, step, note); ``assign`` gives the entry to ``owner``.
    """

    kind: str
    unit_code: str
    indicator_code: str | None
    period_kind: str | None
    period_no: int | None
    owner: str
    steps: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class StoryPlan:
    """The performance year ``year`` of the demo regency as on ``today``."""

    year: int
    today: dt.date
    place: str  # the regency's seat, where PKs are signed
    agreements: tuple[AgreementPlan, ...]
    reports: tuple[ReportPlan, ...]
    ratings: tuple[RatingPlan, ...]
    follow_ups: tuple[FollowUpPlan, ...]
    #: Each unit's address for the PK's letterhead (``settings["agreements"]["unit_addresses"]``).
    addresses: tuple[tuple[str, str], ...] = ()

    def counts(self) -> dict[str, int]:
        """The headline figures of the story (also in the ``demo.seeded`` audit event)."""
        statuses = Counter(a.status for a in self.agreements)
        return {
            "story_year": self.year,
            "agreements": len(self.agreements),
            "agreements_signed": statuses["signed"],
            "agreements_awaiting": statuses["awaiting"],
            "agreement_revisions": sum(1 for a in self.agreements if a.version > 1),
            "reports": len(self.reports),
            "reports_verified": sum(1 for r in self.reports if r.status == "verified"),
            "reports_late": sum(1 for r in self.reports if r.is_late),
            "reports_returned": sum(1 for r in self.reports if r.return_count),
            "reports_waiting": sum(1 for r in self.reports if r.status == "submitted"),
            "reports_missing": sum(1 for r in self.reports if r.is_missing(self.today)),
            "report_values": sum(len(r.values) for r in self.reports),
            "evidence_files": sum(len(r.evidence) for r in self.reports),
        }
