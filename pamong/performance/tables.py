"""The cockpit's and the OPD page's tables as plain rows, for the Excel export and the PDF briefing.

The HTML pages render the selectors' objects with links and badges; an export needs the same rows as
values. Each builder takes what a selector returned, so an export shows exactly what the page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from pamong.performance.choices import Colour, ConsequenceKind, ConsequenceStatus, Likelihood, TrajectoryStatus
from pamong.performance.models import Consequence, IndicatorScore, UnitScore
from pamong.performance.selectors.cockpit import OverdueRow, ProgramRow
from pamong.performance.selectors.units import IndicatorLine
from pamong.planning.choices import period_label
from pamong.reports.models import Report


@dataclass(frozen=True)
class Table:
    """A titled table: column headings, rows of values (``Decimal``, ``int``, ``date``, text or ``None``)."""

    slug: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    #: columns holding percentages (shown with 2 decimals)
    percent: frozenset[int] = frozenset()


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value else "—"


def _colour(value: str) -> str:
    return _label(Colour, value)


def league(slug: str, title: str, rows: Iterable[UnitScore]) -> Table:
    return Table(
        slug,
        title,
        (
            _("Peringkat"),
            _("Unit"),
            _("Indeks"),
            _("Perubahan"),
            _("Predikat"),
            _("Warna"),
            _("Hijau"),
            _("Kuning"),
            _("Merah"),
            _("Belum ada data"),
        ),
        [
            (
                r.rank,
                r.org_unit.name,
                r.index,
                r.index_change,
                r.predicate_label or "—",
                _colour(r.colour),
                r.green,
                r.yellow,
                r.red,
                r.no_data,
            )
            for r in rows
        ],
        percent=frozenset({2, 3}),
    )


def indicators(slug: str, title: str, rows: Iterable[IndicatorScore], *, with_unit: bool = True) -> Table:
    columns = (
        _("Unit"),
        _("Kode"),
        _("Indikator"),
        _("Satuan"),
        _("Periode"),
        _("Target tahunan"),
        _("Target s.d. periode"),
        _("Realisasi s.d. periode"),
        _("Capaian (%)"),
        _("Warna"),
        _("Status lintasan"),
    )
    body = [
        (
            s.org_unit.name,
            s.indicator.code,
            s.indicator.name,
            s.indicator.unit_of_measure,
            s.period_label,
            s.annual_target,
            s.ytd_target,
            s.ytd_actual,
            s.capaian,
            _colour(s.colour) if s.colour else str(s.get_note_display()),
            _label(TrajectoryStatus, s.trajectory_status),
        )
        for s in rows
    ]
    if not with_unit:
        return Table(slug, title, columns[1:], [row[1:] for row in body], percent=frozenset({7}))
    return Table(slug, title, columns, body, percent=frozenset({8}))


def indicator_lines(slug: str, title: str, lines: Iterable[IndicatorLine]) -> Table:
    lines = list(lines)
    base = indicators(slug, title, [line.score for line in lines], with_unit=False)
    rows = [
        (
            *row,
            _label(Likelihood, line.rating.rating) if line.rating else "—",
            line.rating.reason if line.rating else "",
        )
        for row, line in zip(base.rows, lines, strict=True)
    ]
    return Table(slug, title, (*base.columns, _("Kemungkinan tercapai"), _("Alasan")), rows, base.percent)


def overdue(slug: str, title: str, rows: Iterable[OverdueRow]) -> Table:
    return Table(
        slug,
        title,
        (_("Unit"), _("Periode"), _("Batas waktu"), _("Hari terlambat"), _("Status")),
        [(r.org_unit.name, r.period, r.deadline, r.days_late, r.status) for r in rows],
    )


def consequences(slug: str, title: str, rows: Iterable[Consequence]) -> Table:
    return Table(
        slug,
        title,
        (
            _("Nomor"),
            _("Jenis"),
            _("Unit"),
            _("Uraian"),
            _("Status"),
            _("Dibuka"),
            _("Batas tindak lanjut"),
            _("Masa perbaikan mulai"),
            _("Masa perbaikan berakhir"),
            _("Penanggung jawab"),
            _("Catatan terakhir"),
        ),
        [
            (
                c.pk,
                _label(ConsequenceKind, c.kind),
                c.org_unit.name,
                c.title,
                _label(ConsequenceStatus, c.status),
                c.opened_on,
                c.due_on,
                c.improvement_starts_on,
                c.improvement_ends_on,
                str(c.owner_user) if c.owner_user else c.owner_unit.name,
                c.last_note,
            )
            for c in rows
        ],
    )


def programs(slug: str, title: str, rows: Iterable[ProgramRow]) -> Table:
    return Table(
        slug,
        title,
        (
            _("Kode"),
            _("Program"),
            _("OPD penanggung jawab"),
            _("Indeks"),
            _("Warna terhitung"),
            _("Kemungkinan tercapai"),
            _("Alasan"),
            _("Hijau"),
            _("Kuning"),
            _("Merah"),
        ),
        [
            (
                r.score.program.code,
                r.score.program.name,
                r.score.program.owner_unit.name,
                r.score.index,
                _colour(r.score.colour),
                _label(Likelihood, r.rating.rating) if r.rating else "—",
                r.rating.reason if r.rating else "",
                r.score.green,
                r.score.yellow,
                r.score.red,
            )
            for r in rows
        ],
        percent=frozenset({3}),
    )


def reports(slug: str, title: str, rows: Iterable[Report]) -> Table:
    return Table(
        slug,
        title,
        (_("Jenis"), _("Periode"), _("Status"), _("Batas waktu"), _("Pertama diajukan")),
        [
            (
                str(r.get_kind_display()),
                f"{period_label(r.period_kind, r.period_no)} {r.year:d}",
                str(r.get_status_display()),
                r.deadline,
                r.first_submitted_on,
            )
            for r in rows
        ],
    )
