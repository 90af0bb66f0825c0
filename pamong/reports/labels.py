"""How a report is named to people: "Dinas Pendidikan · Triwulan III 2026 (realisasi kinerja)"."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .choices import ReportKind


def period_name(report: Any) -> str:
    return str(report.period_label)


def report_title(report: Any) -> str:
    kind = _("realisasi kinerja") if report.kind == ReportKind.REALISATION else _("penyelenggaraan pemerintahan")
    return f"{report.org_unit.name} · {period_name(report)} ({kind})"
