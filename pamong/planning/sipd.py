"""Reading SIPD-shaped planning payloads (``push_rpjmd`` / ``push_renstra``) into dataclasses.

The whole payload is checked before anything is written: a JSON syntax error is
reported with its line and column, a missing or empty field with its JSON path
(``misi[0].tujuan[1].sasaran[0].sasaran_teks``), a target that is not a number
with its path too. The accepted fields are documented in docs/planning-import.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

TARGET_YEARS = 5
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Problems:
    items: dict[str, list[str]] = field(default_factory=dict)

    def add(self, path: str, message: str) -> None:
        self.items.setdefault(path or "$", []).append(message)


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name: str
    unit_of_measure: str
    baseline: Decimal | None
    targets: tuple[Decimal | None, ...]  # target_1..target_5: years start_year+1 .. start_year+5
    polarity: str = "maximize"


@dataclass(frozen=True)
class TargetRow:
    code: str
    text: str
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class GoalRow:
    code: str
    text: str
    targets: tuple[TargetRow, ...]


@dataclass(frozen=True)
class MissionRow:
    number: int
    text: str
    goals: tuple[GoalRow, ...]


@dataclass(frozen=True)
class RpjmdPayload:
    start_year: int
    end_year: int
    name: str
    vision: str
    missions: tuple[MissionRow, ...]


@dataclass(frozen=True)
class StrategicRow:
    code: str
    text: str
    regional_target_code: str
    program_code: str
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class RenstraUnit:
    unit_code: str
    targets: tuple[StrategicRow, ...]


@dataclass(frozen=True)
class RenstraPayload:
    start_year: int
    units: tuple[RenstraUnit, ...]


POLARITY_ALIASES = {
    "maximize": "maximize",
    "positif": "maximize",
    "minimize": "minimize",
    "negatif": "minimize",
    "stabilize": "stabilize",
    "stabil": "stabilize",
}


def parse_number(value: Any) -> Decimal:
    """A number from JSON: a JSON number, or a string in Indonesian ("1.234,5") or plain ("1234.5") form."""
    if isinstance(value, bool):
        raise InvalidOperation
    if isinstance(value, int | float):
        number = Decimal(str(value))
    elif isinstance(value, str):
        text = value.strip().replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        number = Decimal(text)
    else:
        raise InvalidOperation
    if not number.is_finite():
        raise InvalidOperation
    return number


def load_json(payload: bytes) -> Any:
    if len(payload) > MAX_BYTES:
        raise ValueError(_("Berkas terlalu besar (paling besar 5 MB)."))
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(_("Berkas bukan teks UTF-8.")) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            _("Berkas bukan JSON yang sah: %(error)s pada baris %(line)d kolom %(col)d.")
            % {"error": exc.msg, "line": exc.lineno, "col": exc.colno}
        ) from exc


class _Reader:
    def __init__(self) -> None:
        self.problems = Problems()

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problems.add(path, _("Harus berupa objek JSON."))
            return {}
        return value

    def items(self, data: dict[str, Any], key: str, path: str, *, required: bool = True) -> list[tuple[str, Any]]:
        value = data.get(key)
        where = f"{path}.{key}" if path else key
        if value is None:
            if required:
                self.problems.add(where, _("Kolom wajib tidak ada."))
            return []
        if not isinstance(value, list):
            self.problems.add(where, _("Harus berupa daftar (array)."))
            return []
        return [(f"{where}[{i}]", item) for i, item in enumerate(value)]

    def text(self, data: dict[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = data.get(key)
        where = f"{path}.{key}" if path else key
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problems.add(where, _("Kolom wajib tidak ada atau kosong."))
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problems.add(where, _("Harus berupa teks."))
            return ""
        return str(value).strip()

    def number(self, data: dict[str, Any], key: str, path: str) -> Decimal | None:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_number(value)
        except (InvalidOperation, ValueError):
            where = f"{path}.{key}" if path else key
            self.problems.add(where, _("Harus berupa angka, bukan %(value)s.") % {"value": json.dumps(value)[:40]})
            return None

    def year(self, data: dict[str, Any], key: str) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
            self.problems.add(key, _("Tahun wajib diisi dengan angka, mis. 2025."))
            return 0
        return int(value)

    def indicator(self, data: dict[str, Any], path: str, fallback_code: str) -> IndicatorRow:
        name = self.text(data, "indikator_teks", path)
        unit = self.text(data, "satuan", path)
        code = self.text(data, "id_indikator", path, required=False) or fallback_code
        polarity_text = self.text(data, "polaritas", path, required=False).lower() or "maximize"
        polarity = POLARITY_ALIASES.get(polarity_text, "")
        if not polarity:
            self.problems.add(f"{path}.polaritas", _("Polaritas harus positif, negatif atau stabil."))
        targets = tuple(self.number(data, f"target_{n}", path) for n in range(1, TARGET_YEARS + 1))
        return IndicatorRow(code, name, unit, self.number(data, "baseline", path), targets, polarity or "maximize")


def read_rpjmd(data: Any) -> tuple[RpjmdPayload | None, dict[str, list[str]]]:
    """The RPJMD of a ``push_rpjmd``-shaped object, or the problems found (every one, not only the first)."""
    r = _Reader()
    root = r.obj(data, "")
    start, end = r.year(root, "tahun_awal"), r.year(root, "tahun_akhir")
    vision = r.text(root, "visi", "")
    name = r.text(root, "nama", "", required=False) or f"RPJMD {start}–{end}"
    missions = []
    for m_index, (m_path, m_value) in enumerate(r.items(root, "misi", "")):
        m = r.obj(m_value, m_path)
        number_text = r.text(m, "no_misi", m_path, required=False) or r.text(m, "id_misi", m_path)
        number = int(number_text) if number_text.isdigit() else m_index + 1
        goals = []
        for g_path, g_value in r.items(m, "tujuan", m_path, required=False):
            g = r.obj(g_value, g_path)
            targets = []
            for t_path, t_value in r.items(g, "sasaran", g_path, required=False):
                t = r.obj(t_value, t_path)
                code = r.text(t, "id_sasaran", t_path)
                indicators = tuple(
                    r.indicator(r.obj(i_value, i_path), i_path, f"IKU-{code}-{i_index + 1}")
                    for i_index, (i_path, i_value) in enumerate(r.items(t, "indikator", t_path, required=False))
                )
                targets.append(TargetRow(code, r.text(t, "sasaran_teks", t_path), indicators))
            goals.append(GoalRow(r.text(g, "id_tujuan", g_path), r.text(g, "tujuan_teks", g_path), tuple(targets)))
        missions.append(MissionRow(number, r.text(m, "misi_teks", m_path), tuple(goals)))
    if r.problems.items:
        return None, r.problems.items
    return RpjmdPayload(start, end, name, vision, tuple(missions)), {}


def read_renstra(data: Any) -> tuple[RenstraPayload | None, dict[str, list[str]]]:
    """The Renstra of one or more OPDs from a ``push_renstra``-shaped object."""
    r = _Reader()
    root = r.obj(data, "")
    start = r.year(root, "tahun_awal")
    units = []
    for u_path, u_value in r.items(root, "renstra", ""):
        u = r.obj(u_value, u_path)
        unit_code = r.text(u, "kode_skpd", u_path)
        targets = []
        for s_path, s_value in r.items(u, "sasaran", u_path):
            s = r.obj(s_value, s_path)
            code = r.text(s, "id_sasaran", s_path)
            indicators = tuple(
                r.indicator(r.obj(i_value, i_path), i_path, f"{code}-{i_index + 1}")
                for i_index, (i_path, i_value) in enumerate(r.items(s, "indikator", s_path, required=False))
            )
            targets.append(
                StrategicRow(
                    code,
                    r.text(s, "sasaran_teks", s_path),
                    r.text(s, "id_sasaran_rpjmd", s_path, required=False),
                    r.text(s, "kode_program_prioritas", s_path, required=False),
                    indicators,
                )
            )
        units.append(RenstraUnit(unit_code, tuple(targets)))
    if r.problems.items:
        return None, r.problems.items
    return RenstraPayload(start, tuple(units)), {}
