"""The workflow of a periodic report: which step is allowed from which status, and when a report is complete.

Sources: issue 3 (draft → submitted → verified, or returned with reasons → resubmitted; the verifier is
never the submitter); the monitoring practice of PermenPANRB 53/2014 (a realisation per indicator per
period, with the problems met and their follow-up) [M]; the choices left open are ADR 0017.

- A report is filled while it is a draft or has been returned; submitted and verified reports are frozen.
- Submitting needs every indicator's realisation, **or** a note saying why the figure is not available
  yet (e.g. a BPS figure published later) [ADR 0017]; the missing indicators are named.
- A governance report needs the summary of every section.
- Returning needs a reason; verifying and returning are only possible for a submitted report, and never by
  someone who submitted it.

Pure module: no Django, no clock, no I/O.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pamong.performance.rules.errors import PerformanceRuleError


class Status(StrEnum):
    """The statuses of ``pamong.reports.choices.ReportStatus``."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    VERIFIED = "verified"


class Step(StrEnum):
    """The steps of ``pamong.reports.choices.StepKind`` that move a report."""

    SUBMIT = "submit"
    RESUBMIT = "resubmit"
    RETURN = "return"
    VERIFY = "verify"


EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


class WorkflowError(PerformanceRuleError):
    """A step refused by the workflow. ``code`` is stable; ``str()`` is the Indonesian text."""


@dataclass(frozen=True)
class ValueState:
    """What submission needs to know of one indicator's value."""

    indicator: str  # "IK1 Angka partisipasi murni SD": how the message names it
    actual: Decimal | None
    note: str


def check_editable(status: Status | str) -> None:
    """Refuse changes to a submitted or verified report."""
    if Status(status) not in EDITABLE:
        raise WorkflowError(
            "not_editable",
            "Laporan yang sudah diajukan atau diverifikasi tidak dapat diubah.",
            "A report that has been submitted or verified cannot be changed.",
        )


def submit_step(status: Status | str) -> Step:
    """SUBMIT from a draft, RESUBMIT from a returned report; anything else is refused."""
    status = Status(status)
    if status is Status.DRAFT:
        return Step.SUBMIT
    if status is Status.RETURNED:
        return Step.RESUBMIT
    raise WorkflowError(
        "already_submitted",
        "Laporan ini sudah diajukan.",
        "This report has already been submitted.",
    )


def check_decision(status: Status | str, *, by_submitter: bool) -> None:
    """Whether a verifier may verify or return a report in ``status`` (``by_submitter``: they submitted it)."""
    status = Status(status)
    if status is not Status.SUBMITTED:
        texts = {
            Status.DRAFT: ("Laporan masih draf dan belum diajukan.", "The report is still a draft."),
            Status.RETURNED: ("Laporan sedang dikembalikan ke unit.", "The report has been returned to the unit."),
            Status.VERIFIED: ("Laporan sudah diverifikasi.", "The report has already been verified."),
        }
        message_id, message_en = texts[status]
        raise WorkflowError("not_submitted", message_id, message_en)
    if by_submitter:
        raise WorkflowError(
            "own_submission",
            "Anda tidak dapat memverifikasi laporan yang Anda ajukan sendiri; verifikasi dilakukan oleh "
            "verifikator lain.",
            "You cannot verify a report you submitted yourself; another verifier must do it.",
        )


def check_return_reason(reason: str) -> str:
    """The stripped reason; a return without one is refused."""
    text = reason.strip()
    if not text:
        raise WorkflowError(
            "reason_required",
            "Alasan pengembalian wajib diisi agar unit tahu apa yang harus diperbaiki.",
            "A reason is required so that the unit knows what to correct.",
            "reason",
        )
    return text


def missing_values(values: Sequence[ValueState]) -> tuple[str, ...]:
    """The indicators with neither a realisation nor a note explaining why it is not available."""
    return tuple(v.indicator for v in values if v.actual is None and not v.note.strip())


def check_complete(values: Sequence[ValueState], *, missing_sections: Sequence[str] = ()) -> None:
    """Refuse submission while a value (without a note) or a governance section's summary is missing."""
    missing = missing_values(values)
    if missing:
        raise WorkflowError(
            "values_missing",
            "Realisasi belum diisi untuk: " + "; ".join(missing) + ". Isi angkanya, atau tulis keterangan "
            "mengapa data belum tersedia.",
            "No realisation has been entered for: " + "; ".join(missing) + ". Enter the figure, or a note "
            "explaining why it is not available yet.",
            "values",
        )
    if missing_sections:
        raise WorkflowError(
            "sections_missing",
            "Uraian pelaksanaan belum diisi untuk bagian: " + "; ".join(missing_sections) + ".",
            "The summary has not been written for these sections: " + "; ".join(missing_sections) + ".",
            "sections",
        )
