"""One spreadsheet row → one frozen dataclass, or the errors of its cells.

Each ``parse_*_row`` looks at one row only (no database, no other rows), reusing
the rules the forms use: ``decode_nip`` and ``normalize_grade`` for employees,
``validate_position_fields`` and the eselon parser for positions. Checks that
need other rows or stored data (duplicates, unknown codes, scope, overlapping
assignments) are in ``planning``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from pamong.org.choices import OrgUnitKind
from pamong.org.rules.echelons import EchelonError, PositionType, parse_echelon
from pamong.org.services import validate_position_fields
from pamong.people.choices import AssignmentKind, EmployeeKindChoice
from pamong.people.rules.nip import PPPK_MARKER, normalize_nip
from pamong.people.services import decode_nip, normalize_grade

from . import cells
from .cells import Cell
from .report import RowError

_LABEL_NOISE = re.compile(r"[^a-z0-9]+")


def _norm(value: str) -> str:
    """``"Sub-Bagian."`` → ``"sub bagian"``: how choice labels are compared."""
    return " ".join(_LABEL_NOISE.sub(" ", value.lower()).split())


UNIT_KINDS: dict[str, str] = {
    "dinas": OrgUnitKind.DINAS,
    "badan": OrgUnitKind.BADAN,
    "kecamatan": OrgUnitKind.KECAMATAN,
    "kelurahan": OrgUnitKind.KELURAHAN,
    "bidang": OrgUnitKind.BIDANG,
    "seksi": OrgUnitKind.SEKSI,
    "bagian": OrgUnitKind.BAGIAN,
    **dict.fromkeys(("subbagian", "sub bagian", "subbag"), OrgUnitKind.SUBBAGIAN),
    **dict.fromkeys(
        ("upt", "uptd", "unit pelaksana teknis", "unit pelaksana teknis daerah", "puskesmas"), OrgUnitKind.UPT
    ),
    **dict.fromkeys(("rsud", "rumah sakit", "rumah sakit umum daerah"), OrgUnitKind.HOSPITAL),
    **dict.fromkeys(("inspektorat", "inspektorat daerah"), OrgUnitKind.INSPECTORATE),
    **dict.fromkeys(("sekretariat daerah", "setda"), OrgUnitKind.SECRETARIAT),
    **dict.fromkeys(("sekretariat dprd", "sekretariat dewan", "setwan"), OrgUnitKind.COUNCIL_SECRETARIAT),
    **dict.fromkeys(
        ("pemerintah daerah", "pemda", "pemerintah kabupaten", "pemkab", "pemerintah kota", "pemkot"),
        OrgUnitKind.REGION,
    ),
    **{_norm(value): value for value in OrgUnitKind.values},
}
UNIT_KIND_NAMES = (
    "Dinas, Badan, Kecamatan, Kelurahan, Bidang, Seksi, Bagian, Subbagian, UPT, Puskesmas, RSUD, Inspektorat, "
    "Sekretariat Daerah, Sekretariat DPRD"
)

POSITION_TYPES: dict[str, str] = {
    **dict.fromkeys(
        ("jpt pratama", "jpt", "pimpinan tinggi pratama", "jabatan pimpinan tinggi pratama"),
        PositionType.JPT_PRATAMA.value,
    ),
    **dict.fromkeys(("administrator",), PositionType.ADMINISTRATOR.value),
    **dict.fromkeys(("pengawas",), PositionType.PENGAWAS.value),
    **dict.fromkeys(("pelaksana", "fungsional umum", "jfu"), PositionType.PELAKSANA.value),
    **dict.fromkeys(("fungsional", "fungsional tertentu", "jft"), PositionType.FUNGSIONAL.value),
    **{_norm(t.value): t.value for t in PositionType},
}
_POSITION_TYPE_PREFIXES = ("struktural ", "jabatan ")
NO_ESELON = frozenset({"", "-", "non eselon", "noneselon", "ne", "0", "tidak ada"})

EMPLOYEE_KINDS: dict[str, str] = {
    "pns": EmployeeKindChoice.PNS,
    "cpns": EmployeeKindChoice.PNS,
    "pppk": EmployeeKindChoice.PPPK,
    "p3k": EmployeeKindChoice.PPPK,
}
ASSIGNMENT_KINDS: dict[str, str] = {
    **dict.fromkeys(("", "definitif", "def", "definitive"), AssignmentKind.DEFINITIVE),
    **dict.fromkeys(("plt", "pelaksana tugas"), AssignmentKind.PLT),
    **dict.fromkeys(("plh", "pelaksana harian"), AssignmentKind.PLH),
}
_PHONE_NOISE = re.compile(r"[\s\-.()/]")


@dataclass
class RowReader:
    """Reads the cells of one row, collecting an error per bad cell."""

    row: int
    values: Mapping[str, Cell]
    label: Callable[[str], str]
    errors: list[RowError] = field(default_factory=list)

    def error(self, key: str, message: str, value: Cell | str = None) -> None:
        shown = cells.display(self.values.get(key) if value is None else value)
        self.errors.append(RowError(self.row, self.label(key), shown, message))

    def text(self, key: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = cells.squeeze(self.values.get(key))
        if required and not value:
            self.error(key, _("%(column)s wajib diisi.") % {"column": self.label(key)})
        elif max_length is not None and len(value) > max_length:
            self.error(
                key, _("Terlalu panjang: %(n)d karakter, paling banyak %(max)d.") % {"n": len(value), "max": max_length}
            )
            return ""
        return value

    def date(self, key: str) -> dt.date | None:
        value, message = cells.date(self.values.get(key))
        if message:
            self.error(key, message)
        return value

    def number(self, key: str) -> int | None:
        value, message = cells.whole_number(self.values.get(key))
        if message:
            self.error(key, message)
        return value

    def flag(self, key: str) -> bool:
        value, message = cells.yes_no(self.values.get(key))
        if message:
            self.error(key, message)
        return bool(value)

    def choice(
        self, key: str, choices: Mapping[str, str], message: Callable[[str], str], *, required: bool = True
    ) -> str:
        """The mapped value of a label; ``message(raw)`` is only built (translated) when the label is unknown."""
        raw = cells.text(self.values.get(key))
        if not raw and required:
            self.error(key, _("%(column)s wajib diisi.") % {"column": self.label(key)})
            return ""
        found = choices.get(_norm(raw))
        if found is None:
            self.error(key, message(raw))
            return ""
        return found


@dataclass(frozen=True)
class UnitRow:
    row: int
    code: str
    name: str
    parent_code: str
    kind: str
    short_name: str
    cluster_code: str
    closed_on: dt.date | None


def parse_unit_row(
    row: int, values: Mapping[str, Cell], label: Callable[[str], str]
) -> tuple[UnitRow | None, list[RowError]]:
    r = RowReader(row, values, label)
    code = r.text("code", required=True, max_length=64)
    parent_code = r.text("parent_code", max_length=64)
    if code and parent_code == code:
        r.error("parent_code", _("Unit tidak boleh menjadi induk dirinya sendiri."))
    unit = UnitRow(
        row=row,
        code=code,
        name=r.text("name", required=True, max_length=255),
        parent_code=parent_code,
        kind=r.choice(
            "kind",
            UNIT_KINDS,
            lambda raw: (
                _('Jenis unor "%(value)s" tidak dikenal. Gunakan salah satu: %(kinds)s.')
                % {"value": raw, "kinds": UNIT_KIND_NAMES}
            ),
        ),
        short_name=r.text("short_name", max_length=80),
        cluster_code=r.text("cluster_code", max_length=32),
        closed_on=r.date("closed_on"),
    )
    return (None if r.errors else unit), r.errors


@dataclass(frozen=True)
class PositionRow:
    row: int
    code: str
    name: str
    unit_code: str
    position_type: str
    eselon: str
    job_class: int | None
    duties: str
    is_head: bool


def parse_position_row(
    row: int, values: Mapping[str, Cell], label: Callable[[str], str]
) -> tuple[PositionRow | None, list[RowError]]:
    r = RowReader(row, values, label)
    raw_type = _norm(cells.text(values.get("position_type")))
    for prefix in _POSITION_TYPE_PREFIXES:
        if raw_type.startswith(prefix) and raw_type[len(prefix) :] in POSITION_TYPES:
            raw_type = raw_type[len(prefix) :]
    position_type = POSITION_TYPES.get(raw_type, "")
    if not raw_type:
        r.error("position_type", _("%(column)s wajib diisi.") % {"column": label("position_type")})
    elif not position_type:
        r.error(
            "position_type",
            _(
                'Jenis jabatan "%(value)s" tidak dikenal. Gunakan JPT Pratama, Administrator, Pengawas, Pelaksana '
                "atau Fungsional."
            )
            % {"value": cells.text(values.get("position_type"))},
        )
    eselon_raw = cells.text(values.get("eselon"))
    if _norm(eselon_raw) in NO_ESELON:
        eselon_raw = ""
    job_class = r.number("job_class")
    eselon = ""
    if position_type:
        problems = validate_position_fields(position_type=position_type, eselon=eselon_raw, job_class=job_class)
        for key, messages in problems.items():
            for message in messages:
                r.error(key, message)
        if eselon_raw and "eselon" not in problems:
            try:
                eselon = parse_echelon(eselon_raw).value
            except EchelonError:  # pragma: no cover - validate_position_fields reported it already
                eselon = ""
    position = PositionRow(
        row=row,
        code=r.text("code", required=True, max_length=64),
        name=r.text("name", required=True, max_length=255),
        unit_code=r.text("unit_code", required=True, max_length=64),
        position_type=position_type,
        eselon=eselon,
        job_class=job_class,
        duties=cells.text(values.get("duties")),
        is_head=r.flag("is_head"),
    )
    return (None if r.errors else position), r.errors


@dataclass(frozen=True)
class EmployeeRow:
    row: int
    nip: str
    nip_lama: str
    name: str
    front_title: str
    back_title: str
    kind: str
    grade: str
    unit_code: str
    position_code: str
    assignment_kind: str
    starts_on: dt.date | None
    email: str
    phone: str
    birth_date: dt.date
    gender: str
    appointment_year: int
    appointment_month: int | None


def _grade_text(raw: str) -> str:
    """``"Penata Muda (III/a)"`` → ``"III/a"``: SIMPEG exports write the pangkat before the code."""
    if "(" in raw and raw.endswith(")"):
        return raw[raw.rindex("(") + 1 : -1]
    return raw


def _phone(r: RowReader) -> str:
    value = r.values.get("phone")
    raw = _PHONE_NOISE.sub("", cells.text(value))
    if not raw:
        return ""
    digits = raw[1:] if raw.startswith("+") else raw
    if isinstance(value, int | float) and digits.startswith("8"):
        raw = digits = "0" + digits  # a number cell dropped the leading zero of 08…
    if not digits.isdigit() or not 8 <= len(digits) <= 15:
        r.error("phone", _("Nomor HP harus 8–15 angka, mis. 081234567890."))
        return ""
    return raw


def parse_employee_row(
    row: int, values: Mapping[str, Cell], label: Callable[[str], str], *, today: dt.date
) -> tuple[EmployeeRow | None, list[RowError]]:
    r = RowReader(row, values, label)
    nip, message = cells.digits_from_number(values.get("nip"))
    nip = normalize_nip(nip)
    if message:
        r.error("nip", message)
    elif not nip:
        r.error("nip", _("%(column)s wajib diisi.") % {"column": label("nip")})
    kind_raw = cells.text(values.get("kind"))
    if _norm(kind_raw).startswith("pppk paruh waktu"):
        r.error("kind", _("PPPK paruh waktu belum didukung."))
        kind = ""
    elif kind_raw:
        kind = r.choice(
            "kind",
            EMPLOYEE_KINDS,
            lambda raw: _('Jenis pegawai "%(value)s" tidak dikenal. Gunakan PNS atau PPPK.') % {"value": raw},
        )
    else:
        kind = EmployeeKindChoice.PPPK if nip[12:14] == PPPK_MARKER else EmployeeKindChoice.PNS
    info = None
    if nip and not message and kind:
        info, nip_errors = decode_nip(nip, kind=kind, today=today)
        for nip_error in nip_errors:
            r.error("nip", nip_error)
    grade = ""
    grade_raw = cells.text(values.get("grade"))
    if kind and grade_raw:
        grade, grade_errors = normalize_grade(_grade_text(grade_raw), kind=kind)
        for grade_error in grade_errors:
            r.error("grade", grade_error)
    nip_lama_value = values.get("nip_lama")
    nip_lama = cells.text(nip_lama_value).replace(" ", "")
    if isinstance(nip_lama_value, int | float) and nip_lama.isdigit():
        nip_lama = nip_lama.zfill(9)  # a number cell dropped the leading zeros
    if nip_lama and not (nip_lama.isdigit() and len(nip_lama) == 9):
        r.error("nip_lama", _("NIP lama harus 9 digit angka."))
    position_code = r.text("position_code", max_length=64)
    starts_on = r.date("starts_on")
    if position_code and starts_on is None and not any(e.column == label("starts_on") for e in r.errors):
        r.error(
            "starts_on",
            _("%(column)s wajib diisi bila %(position)s diisi.")
            % {
                "column": label("starts_on"),
                "position": label("position_code"),
            },
        )
    email = cells.text(values.get("email"))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            r.error("email", _("Alamat surel tidak sah."))
    employee_values = {
        "nip_lama": nip_lama,
        "name": r.text("name", required=True, max_length=200),
        "front_title": r.text("front_title", max_length=40),
        "back_title": r.text("back_title", max_length=60),
        "unit_code": r.text("unit_code", required=True, max_length=64),
        "assignment_kind": r.choice(
            "assignment_kind",
            ASSIGNMENT_KINDS,
            lambda raw: (
                _('Jenis penugasan "%(value)s" tidak dikenal. Gunakan Definitif, Plt atau Plh.') % {"value": raw}
            ),
            required=False,
        ),
        "phone": _phone(r),
    }
    if r.errors or info is None:
        return None, r.errors
    return (
        EmployeeRow(
            row=row,
            nip=info.nip,
            kind=kind,
            grade=grade,
            position_code=position_code,
            starts_on=starts_on,
            email=email,
            birth_date=info.birth_date,
            gender=info.gender.value,
            appointment_year=info.appointment_year,
            appointment_month=info.appointment_month,
            **employee_values,
        ),
        [],
    )


ParsedRow = UnitRow | PositionRow | EmployeeRow
PROGRESS_EVERY = 500


def parse_rows(
    kind: str,
    rows: list[tuple[int, dict[str, Cell]]],
    label: Callable[[str], str],
    *,
    today: dt.date,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Any], list[RowError]]:
    """Parse every row of a file; ``progress(n)`` is called every ``PROGRESS_EVERY`` rows."""
    parsed: list[Any] = []
    errors: list[RowError] = []
    for done, (row, values) in enumerate(rows, start=1):
        if kind == "units":
            item, problems = parse_unit_row(row, values, label)
        elif kind == "positions":
            item, problems = parse_position_row(row, values, label)  # type: ignore[assignment]
        else:
            item, problems = parse_employee_row(row, values, label, today=today)  # type: ignore[assignment]
        if item is not None:
            parsed.append(item)
        errors.extend(problems)
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done)
    return parsed, errors
