"""State changes of periodic reports: one atomic, audited function per use case."""

from .evidence import evidence_remove, evidence_upload
from .filling import Narrative, SectionEntry, ValueEntry, parse_decimal, report_fill
from .opening import OpenResult, reports_open_due
from .reminders import reports_remind
from .workflow import report_return, report_submit, report_verify

__all__ = [
    "Narrative",
    "OpenResult",
    "SectionEntry",
    "ValueEntry",
    "evidence_remove",
    "evidence_upload",
    "parse_decimal",
    "report_fill",
    "report_return",
    "report_submit",
    "report_verify",
    "reports_open_due",
    "reports_remind",
]
