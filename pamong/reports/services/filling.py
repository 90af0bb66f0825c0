"""Filling a report: the values per indicator with their notes, the narrative, the governance sections.

``report_fill`` saves whatever the form or the API sends in one transaction: every number is
parsed here (Indonesian "12,5" or "12.5"), and one text where a number belongs refuses the whole
save with a message naming the indicator (or the section and figure), so nothing is half-saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.errors import ValidationFailed
from pamong.planning.sipd import parse_number

from ..authz import authorize_edit
from ..choices import ReportKind
from ..governance import figures_of
from ..models import GovernanceSection, Report, ReportValue
from ..rules.workflow import WorkflowError, check_editable
from .common import as_conflict, locked

#: The largest absolute value a realisation may hold (the column's 16 integer digits).
MAX_VALUE = Decimal("1e15")
NARRATIVE_FIELDS = ("problems", "causes", "solutions", "follow_up")
SECTION_FIELDS = ("summary", "problems", "follow_up")


@dataclass(frozen=True)
class ValueEntry:
    """One indicator's realisation as typed (text or number; blank is "not filled") and its note."""

    indicator_id: int
    actual: str | Decimal | int | float | None
    note: str = ""


@dataclass(frozen=True)
class Narrative:
    problems: str = ""
    causes: str = ""
    solutions: str = ""
    follow_up: str = ""


@dataclass(frozen=True)
class SectionEntry:
    """One governance section as typed; ``figures`` by code, blank for "not given"."""

    topic: str
    summary: str = ""
    problems: str = ""
    follow_up: str = ""
    figures: Mapping[str, Any] = field(default_factory=dict)


def parse_decimal(raw: Any) -> Decimal | None:
    """A number as typed, blank as None; ``ValueError`` for a text that is not a number."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, Decimal):
        number = raw
    else:
        try:
            number = parse_number(raw)
        except (InvalidOperation, ValueError) as exc:
            raise ValueError(str(raw)) from exc
    if not number.is_finite() or abs(number) >= MAX_VALUE:
        raise ValueError(str(raw))
    return number


def _normal(number: Decimal | None) -> Decimal | None:
    return None if number is None else number.quantize(Decimal("0.0001"))


@transaction.atomic
def report_fill(
    *,
    actor: Any,
    report: Report,
    values: Sequence[ValueEntry] = (),
    narrative: Narrative | None = None,
    sections: Sequence[SectionEntry] = (),
) -> Report:
    """Save values, narrative and sections of a draft or returned report; all or nothing."""
    authorize_edit(actor, report)
    report = locked(report)
    try:
        check_editable(report.status)
    except WorkflowError as exc:
        raise as_conflict(exc) from exc
    errors: dict[str, list[str]] = {}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}

    changed_values = _values(report, values, errors, before, after)
    changed_sections = _sections(report, sections, errors, before, after)
    if errors:
        first = next(iter(errors.values()))[0]
        raise ValidationFailed(
            _("Laporan belum disimpan: %(first)s") % {"first": first}
            if len(errors) == 1
            else _("Laporan belum disimpan: %(count)d isian salah, mis. %(first)s")
            % {"count": len(errors), "first": first},
            field_errors=errors,
        )
    if narrative is not None:
        for name in NARRATIVE_FIELDS:
            new = getattr(narrative, name).strip()
            if getattr(report, name) != new:
                before[name], after[name] = getattr(report, name), new
                setattr(report, name, new)
    if not before and not after:
        return report
    ReportValue.objects.bulk_update(changed_values, ["actual", "note", "updated_at"])
    GovernanceSection.objects.bulk_update(
        changed_sections, ["summary", "problems", "follow_up", "figures", "updated_at"]
    )
    report.save(update_fields=[*NARRATIVE_FIELDS, "updated_at"])
    audit.record(
        actor=actor,
        tenant_id=report.tenant_id,
        action="reports.report.fill",
        target=report,
        org_unit_path=report.org_unit.path,
        before=before,
        after=after,
    )
    return report


def _values(
    report: Report,
    entries: Sequence[ValueEntry],
    errors: dict[str, list[str]],
    before: dict[str, Any],
    after: dict[str, Any],
) -> list[ReportValue]:
    if not entries:
        return []
    if report.kind != ReportKind.REALISATION:
        raise ValidationFailed(_("Laporan penyelenggaraan pemerintahan tidak memiliki nilai indikator."))
    rows = {v.indicator_id: v for v in report.values.select_related("indicator")}
    changed: list[ReportValue] = []
    for entry in entries:
        row = rows.get(entry.indicator_id)
        key = f"value_{entry.indicator_id}"
        if row is None:
            errors[key] = [_("Indikator %(id)s bukan bagian dari laporan ini.") % {"id": entry.indicator_id}]
            continue
        try:
            actual = _normal(parse_decimal(entry.actual))
        except ValueError:
            errors[key] = [
                _("Realisasi “%(indicator)s” harus berupa angka, mis. 12,5 (tertulis: “%(text)s”).")
                % {"indicator": f"{row.indicator.code} {row.indicator.name}", "text": str(entry.actual)[:40]}
            ]
            continue
        note = (entry.note or "").strip()
        if row.actual != actual or row.note != note:
            code = row.indicator.code
            before[f"value:{code}"] = {"actual": row.actual, "note": row.note}
            after[f"value:{code}"] = {"actual": actual, "note": note}
            row.actual, row.note = actual, note
            changed.append(row)
    return changed


def _sections(
    report: Report,
    entries: Sequence[SectionEntry],
    errors: dict[str, list[str]],
    before: dict[str, Any],
    after: dict[str, Any],
) -> list[GovernanceSection]:
    if not entries:
        return []
    if report.kind != ReportKind.GOVERNANCE:
        raise ValidationFailed(_("Hanya laporan penyelenggaraan pemerintahan kecamatan yang memiliki bagian."))
    rows = {s.topic: s for s in report.sections.all()}
    changed: list[GovernanceSection] = []
    for entry in entries:
        row = rows.get(entry.topic)
        if row is None:
            errors[f"section_{entry.topic}"] = [_("Bagian %(topic)s tidak dikenal.") % {"topic": entry.topic}]
            continue
        figures: dict[str, str] = {}
        known = {f.code: f for f in figures_of(row.topic)}
        for code, raw in entry.figures.items():
            key = f"figure_{row.topic}_{code}"
            if code not in known:
                errors[key] = [_("Angka %(code)s tidak dikenal pada bagian ini.") % {"code": code}]
                continue
            try:
                number = parse_decimal(raw)
            except ValueError:
                errors[key] = [
                    _("“%(figure)s” pada bagian “%(section)s” harus berupa angka (tertulis: “%(text)s”).")
                    % {"figure": known[code].label, "section": row.get_topic_display(), "text": str(raw)[:40]}
                ]
                continue
            if number is not None:
                figures[code] = format(number.normalize(), "f")
        texts = {name: (getattr(entry, name) or "").strip() for name in SECTION_FIELDS}
        if figures != row.figures or any(getattr(row, n) != t for n, t in texts.items()):
            before[f"section:{row.topic}"] = {**{n: getattr(row, n) for n in SECTION_FIELDS}, "figures": row.figures}
            after[f"section:{row.topic}"] = {**texts, "figures": figures}
            for name, text in texts.items():
                setattr(row, name, text)
            row.figures = figures
            changed.append(row)
    return changed
