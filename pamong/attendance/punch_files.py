"""Reading an uploaded punch file: ZKTeco ATTLOG ``.dat``, CSV or Excel ``.xlsx``, told apart by content.

``sniff`` decides the format from the bytes (never the file name) and refuses, with an Indonesian message
naming what was expected, anything that is not one of the three (a PDF, a Word document, an image, an
old ``.xls``, a spreadsheet without the columns). ``parse`` turns the file into ``PunchIn`` rows and one
line error per unreadable line (``services.punches.line_error`` shape), without touching the database.

- ``.dat``: the device's own ATTLOG lines, read by the same tolerant parser as a push
  (``rules.adms.parse_attlog``: prefixed and extra columns, BOM, NUL padding, CR/LF), and keyed like a push
  (``SN|PIN|YYYY-MM-DD HH:MM:SS|status``) with the serial of the device the officer chose, so a file of a
  device that also pushed adds nothing twice.
- CSV / xlsx: columns ``NIP`` or ``PIN``, ``TANGGAL`` (``YYYY-MM-DD`` or ``DD/MM/YYYY``, or a date cell),
  ``JAM`` (``HH:MM[:SS]``, or a time cell), optional ``STATUS`` (0 masuk, 1 pulang, ...). Read with the
  imports app's reader (``pamong.imports.reading``: BOM, ``;``/``,``/TAB separators, header search, Excel
  cells). Keyed ``SN|ident|datetime|status`` when a device is chosen, else ``file|ident|datetime|status``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from pamong.core.errors import ValidationFailed
from pamong.imports import cells
from pamong.imports.columns import Column, Spec, normalize_header
from pamong.imports.reading import FileFormat, Table, decode_csv, detect_delimiter, read_table
from pamong.reports.choices import EvidenceContentType as EvidenceType
from pamong.reports.evidence_files import ZIP_MAGIC
from pamong.reports.evidence_files import sniff as sniff_binary

from .rules.adms import decode_body, parse_attlog, punch_key
from .rules.adms.attlog import PIN_RE
from .rules.adms.errors import AdmsError
from .services.punches import PunchIn, line_error

MAX_BYTES = 20 * 1024 * 1024
SNIFF_LINES = 50
_DATETIME = re.compile(r"\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{1,2}:\d{1,2}")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
_NIP = re.compile(r"^\d{18}$")
_STATUS_WORDS = {
    **dict.fromkeys(("MASUK", "IN", "C/IN", "CHECKIN", "CHECK IN", "DATANG"), 0),
    **dict.fromkeys(("PULANG", "OUT", "C/OUT", "CHECKOUT", "CHECK OUT"), 1),
}

SPEC = Spec(
    "attendance_punches",
    (
        Column("nip", "NIP", _lazy("NIP 18 digit pegawai (format sel Teks di Excel)."), ("NIP_BARU",)),
        Column("pin", "PIN", _lazy("PIN pegawai di mesin presensi, jika NIP tidak diisi."), ("USER_ID", "ID_MESIN")),
        Column(
            "date",
            "TANGGAL",
            _lazy("Tanggal presensi: TTTT-BB-HH atau HH/BB/TTTT, atau sel bertipe tanggal."),
            ("TGL", "DATE"),
            required=True,
        ),
        Column("time", "JAM", _lazy("Jam presensi: JJ:MM atau JJ:MM:DD (waktu setempat)."), ("WAKTU", "TIME"), True),
        Column(
            "status",
            "STATUS",
            _lazy("Opsional: 0 atau MASUK, 1 atau PULANG (kode status mesin ZKTeco)."),
            ("STATUS_ABSEN",),
        ),
    ),
)

EXPECTED = _lazy(
    "Yang diterima: berkas ATTLOG mesin ZKTeco (.dat, kolom dipisah TAB: PIN, tanggal-jam TTTT-BB-HH JJ:MM:DD, "
    "status), CSV dengan kolom NIP atau PIN, TANGGAL, JAM (dan STATUS opsional), atau Excel .xlsx dengan kolom "
    "yang sama."
)


_BINARY_NAMES = {
    EvidenceType.PDF: _lazy("dokumen PDF"),
    EvidenceType.DOCX: _lazy("dokumen Word (.docx)"),
    EvidenceType.JPEG: _lazy("gambar"),
    EvidenceType.PNG: _lazy("gambar"),
}


class PunchFileFormat(StrEnum):
    DAT = "dat"  # ZKTeco ATTLOG lines from a USB stick
    CSV = "csv"
    XLSX = "xlsx"


@dataclass
class ParsedFile:
    """The good punches and the refused lines of one file, in line order; ``notes`` are header remarks."""

    format: PunchFileFormat
    punches: list[PunchIn] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)


def refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={"file": [message]})


def _wrong(kind: str) -> ValidationFailed:
    return refuse(
        _("Berkas ini adalah %(kind)s, bukan berkas presensi. %(expected)s")
        % {
            "kind": kind,
            "expected": EXPECTED,
        }
    )


def _text(content: bytes) -> str:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_csv(content)
    return decode_body(content, max_bytes=MAX_BYTES)


def _looks_binary(text: str) -> bool:
    sample = text[:4096].replace("\x00", "")
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n") + sample.count("\ufffd")
    return bool(sample) and controls > len(sample) // 20


def _header_hits(line: str) -> int:
    lookup = SPEC.lookup
    delimiter = detect_delimiter(line)
    return sum(1 for cell in line.split(delimiter) if normalize_header(cell) in lookup)


def sniff(content: bytes) -> PunchFileFormat:
    """The format of ``content`` by its bytes, or ``ValidationFailed`` (on ``file``) saying what was expected."""
    if not content.strip(b"\x00 \r\n\t"):
        raise refuse(_("Berkas kosong."))
    if len(content) > MAX_BYTES:
        raise refuse(
            _("Ukuran berkas %(size)s MB melebihi batas %(limit)d MB. Pecah berkas per bulan atau per mesin.")
            % {"size": f"{len(content) / 1024 / 1024:.1f}".replace(".", ","), "limit": MAX_BYTES // 1024 // 1024}
        )
    # Binary formats by their magic bytes and zip parts, as evidence files are told apart.
    kind = sniff_binary(content)
    if kind is EvidenceType.XLSX:
        return PunchFileFormat.XLSX
    if kind is not None:
        raise _wrong(str(_BINARY_NAMES[kind]))
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise _wrong(_("berkas Office lama (.xls/.doc) atau dilindungi kata sandi; simpan ulang sebagai .xlsx"))
    if content.startswith((ZIP_MAGIC, b"GIF8")):
        raise _wrong(_("arsip ZIP atau gambar"))
    text = _text(content)
    if _looks_binary(text):
        raise _wrong(_("berkas biner"))
    lines = [line for line in text.replace("\x00", "").splitlines() if line.strip()][:SNIFF_LINES]
    # A header naming at least two known columns among the first rows makes a CSV (a title row may precede it).
    if any(_header_hits(line) >= 2 for line in lines[:10]):
        return PunchFileFormat.CSV
    if any("\t" in line and _DATETIME.search(line) for line in lines):
        return PunchFileFormat.DAT
    raise refuse(_("Format berkas tidak dikenali. %(expected)s") % {"expected": EXPECTED})


# ------------------------------------------------------------------------------------------------ .dat --


def _verify(text: str) -> int | None:
    return int(text) if re.fullmatch(r"\d{1,4}", text) else None


def parse_dat(content: bytes, *, serial: str) -> ParsedFile:
    """ATTLOG lines keyed like a push from ``serial``; no readable line at all refuses the file."""
    try:
        read = parse_attlog(_text(content), serial=serial, max_bytes=MAX_BYTES)
    except AdmsError as exc:
        raise refuse(exc.message_id) from exc
    parsed = ParsedFile(PunchFileFormat.DAT)
    for punch in read.punches:
        parsed.punches.append(
            PunchIn(
                punched_at=punch.timestamp,
                natural_key=str(punch.key),
                pin=punch.pin,
                status=punch.status or 0,
                verify=_verify(punch.verify),
                raw=punch.raw,
                line=punch.line_no,
            )
        )
    for error in read.errors:
        parsed.errors.append(line_error(error.line_no, error.code, error.message_id, error.message_en, error.raw))
    if not parsed.punches:
        raise refuse(
            _("Tidak ada satu baris presensi pun yang terbaca dari berkas .dat ini (%(n)d baris salah). %(expected)s")
            % {"n": len(parsed.errors), "expected": EXPECTED}
        )
    return parsed


# ------------------------------------------------------------------------------------------ CSV / xlsx --


def _time(value: cells.Cell) -> dt.time | None:
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0)
    if isinstance(value, dt.timedelta) and dt.timedelta(0) <= value < dt.timedelta(days=1):
        seconds = round(value.total_seconds())
        return dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
    if isinstance(value, float) and 0 <= value < 1:  # Excel's fraction of a day
        seconds = round(value * 86400)
        return dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60) if seconds < 86400 else None
    match = _TIME.match(cells.text(value))
    if not match:
        return None
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def _status(value: cells.Cell) -> tuple[int | None, str]:
    word = cells.text(value).upper()
    if word in _STATUS_WORDS:
        return _STATUS_WORDS[word], ""
    number, message = cells.whole_number(value)
    if message or (number is not None and not 0 <= number <= 255):
        return None, _("Status harus 0-255, MASUK atau PULANG (isi: %(value)s).") % {"value": cells.display(value)}
    return number, ""


def _identity(values: dict[str, cells.Cell]) -> tuple[str, tuple[str, str, str] | None]:
    """(NIP or PIN, None) or ("", (code, message_id, message_en))."""
    nip, message = cells.digits_from_number(values.get("nip"))
    if message:
        return "", ("bad_nip", message, "The NIP was stored as a number and lost digits; format the column as text.")
    nip = nip.replace(" ", "")
    if nip:
        if not _NIP.match(nip):
            return "", (
                "bad_nip",
                _("NIP harus 18 digit angka (isi: %(value)s).") % {"value": nip[:40]},
                f"The NIP must be 18 digits (value: {nip[:40]}).",
            )
        return nip, None
    pin = cells.text(values.get("pin"))
    if pin:
        if not PIN_RE.match(pin):
            return "", (
                "bad_pin",
                _("PIN pegawai tidak sah: %(value)s.") % {"value": pin[:40]},
                f"The employee PIN is invalid: {pin[:40]}.",
            )
        return pin, None
    return "", ("no_identity", _("NIP dan PIN kosong: isi salah satunya."), "Both NIP and PIN are empty: fill one.")


def _row(line: int, values: dict[str, cells.Cell], *, serial: str | None) -> PunchIn | tuple[str, str, str]:
    ident, problem = _identity(values)
    if problem:
        return problem
    day, message = cells.date(values.get("date"))
    if message:
        return "bad_date", message, f"The date is not recognised: {cells.display(values.get('date'))}."
    if day is None:
        return "no_date", _("Tanggal kosong."), "The date is empty."
    raw_time = values.get("time")
    if cells.is_blank(raw_time) and isinstance(values.get("date"), dt.datetime):
        raw_time = values.get("date")  # one date-time cell under TANGGAL and an empty JAM
    if cells.is_blank(raw_time):
        return "no_time", _("Jam kosong."), "The time is empty."
    at_time = _time(raw_time)
    if at_time is None:
        shown = cells.display(raw_time)
        return (
            "bad_time",
            _('Jam "%(value)s" tidak dikenali; gunakan JJ:MM atau JJ:MM:DD (mis. 07:25).') % {"value": shown},
            f'The time "{shown}" is not recognised; use HH:MM or HH:MM:SS (e.g. 07:25).',
        )
    status, message = _status(values.get("status"))
    if message:
        return (
            "bad_status",
            message,
            f"The status must be 0-255, MASUK or PULANG (value: {cells.display(values.get('status'))}).",
        )
    at = dt.datetime.combine(day, at_time)
    if serial:
        key = str(punch_key(serial, ident, at, status))
    else:
        key = f"file|{ident}|{at.isoformat(sep=' ')}|{'' if status is None else status}"
    raw = ";".join(cells.text(values.get(k)) for k in ("nip", "pin", "date", "time", "status") if k in values)
    return PunchIn(punched_at=at, natural_key=key, pin=ident, status=status or 0, raw=raw, line=line)


def _table(fmt: PunchFileFormat, content: bytes) -> Table:
    read = read_table(FileFormat(fmt.value), content, SPEC)
    if isinstance(read, list):
        noun = _("Berkas Excel") if fmt is PunchFileFormat.XLSX else _("Berkas CSV")
        messages = " ".join(error.message for error in read)
        raise refuse(
            _("%(noun)s tidak dapat diimpor: %(messages)s %(expected)s")
            % {
                "noun": noun,
                "messages": messages,
                "expected": EXPECTED,
            }
        )
    if "nip" not in read.match.indexes and "pin" not in read.match.indexes:
        raise refuse(
            _("Baris judul (baris %(row)d) tidak memuat kolom NIP atau PIN; salah satunya wajib ada. %(expected)s")
            % {"row": read.header_row, "expected": EXPECTED}
        )
    return read


def parse_table(fmt: PunchFileFormat, content: bytes, *, serial: str | None) -> ParsedFile:
    """CSV or xlsx rows under the columns of ``SPEC``; unknown header columns become notes (ignored)."""
    table = _table(fmt, content)
    parsed = ParsedFile(fmt)
    for name in table.match.ignored:
        parsed.notes.append(
            line_error(
                table.header_row,
                "unknown_column",
                _("Kolom %(column)s tidak dikenal dan diabaikan.") % {"column": name},
                f"Column {name} is not known and was ignored.",
            )
        )
    for line, values in table.rows:
        row = _row(line, values, serial=serial)
        if isinstance(row, PunchIn):
            parsed.punches.append(row)
        else:
            code, message_id, message_en = row
            raw = ";".join(cells.text(v) for v in values.values())
            parsed.errors.append(line_error(line, code, message_id, message_en, raw))
    return parsed


def parse(content: bytes, *, serial: str | None) -> ParsedFile:
    """Sniff and read the whole file; ``ValidationFailed`` when it is not a punch file (nothing to import).

    A ``.dat`` file needs the serial of its device (the natural key of a push); the caller checks it.
    """
    fmt = sniff(content)
    if fmt is PunchFileFormat.DAT:
        if not serial:
            raise ValidationFailed(
                _("Berkas .dat mesin ZKTeco membutuhkan mesin asalnya: pilih mesin tempat berkas ini diunduh."),
                field_errors={"device": [_("Pilih mesin asal berkas .dat ini.")]},
            )
        return parse_dat(content, serial=serial)
    return parse_table(fmt, content, serial=serial)
