"""Reading one spreadsheet cell as text, a date, a whole number or a yes/no.

Cells come from python-calamine (xlsx: ``str``, ``int``, ``float``, ``bool``,
``date``, ``datetime``, ``time``, ``timedelta``) or the csv module (always
``str``). Each reader returns the value or an Indonesian message saying why not;
nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TypeAlias

from django.utils.translation import gettext as _

Cell: TypeAlias = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

#: Day 0 of Excel's 1900 date system as Excel counts it (it wrongly treats 1900 as a leap year).
EXCEL_EPOCH = dt.date(1899, 12, 30)
_MAX_EXCEL_SERIAL = 2958465  # 31 December 9999
MIN_YEAR, MAX_YEAR = 1900, 2100

# Excel keeps 15 significant digits: a NIP typed into a number cell has lost its last digits.
EXCEL_DIGITS = 15

_MONTHS = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "february", "feb", "pebruari"), 2),
    **dict.fromkeys(("maret", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("agustus", "august", "agu", "agt", "ags", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov", "nop", "nopember"), 11),
    **dict.fromkeys(("desember", "december", "des", "dec"), 12),
}
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NAMED = re.compile(r"^(\d{1,2})[\s\-]+([A-Za-z]+)\.?[\s\-]+(\d{4})$")
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")
_WHITESPACE = re.compile(r"\s+")


def text(value: Cell) -> str:
    """The cell as trimmed text; whole numbers lose Excel's ``.0``, dates read ``dd/mm/yyyy``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time(0) else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).replace("\u00a0", " ").strip()


def squeeze(value: Cell) -> str:
    """Text with inner runs of whitespace collapsed (names typed with double spaces)."""
    return _WHITESPACE.sub(" ", text(value))


def display(value: Cell) -> str:
    """The offending value as the error report shows it (large numbers as Excel shows them)."""
    if isinstance(value, float) and abs(value) >= 10**EXCEL_DIGITS:
        return f"{value:.15G}"
    shown = text(value)
    return shown if len(shown) <= 200 else shown[:199] + "…"


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _checked(day: dt.date, raw: Cell) -> tuple[dt.date | None, str]:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return None, _("Tahun %(year)d pada tanggal ini tidak wajar.") % {"year": day.year}
    return day, ""


def _bad_date(raw: Cell) -> tuple[None, str]:
    return None, _(
        'Tanggal "%(value)s" tidak dikenali. Gunakan format HH/BB/TTTT (mis. 02/01/2024), '
        "TTTT-BB-HH atau sel bertipe tanggal."
    ) % {"value": display(raw)}


def date(value: Cell) -> tuple[dt.date | None, str]:
    """A date from a date cell, an Excel serial number or text (``dd/mm/yyyy``, ``yyyy-mm-dd``, ``2 Januari 2024``).

    Returns ``(None, "")`` for an empty cell and ``(None, message)`` for a bad one.
    Slashes are read day first, as Indonesian spreadsheets write them.
    """
    if is_blank(value):
        return None, ""
    if isinstance(value, dt.datetime):
        return _checked(value.date(), value)
    if isinstance(value, dt.date):
        return _checked(value, value)
    if isinstance(value, bool):
        return _bad_date(value)
    if isinstance(value, int | float):
        if not 1 <= value <= _MAX_EXCEL_SERIAL:
            return _bad_date(value)
        return _checked(EXCEL_EPOCH + dt.timedelta(days=int(value)), value)
    raw = text(value)
    parts: tuple[int, int, int] | None = None
    if match := _DMY.match(raw):
        parts = (int(match[3]), int(match[2]), int(match[1]))
    elif match := _YMD.match(raw) or _COMPACT.match(raw):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif (match := _NAMED.match(raw)) and match[2].lower() in _MONTHS:
        parts = (int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    if parts is None:
        return _bad_date(value)
    try:
        day = dt.date(*parts)
    except ValueError:
        return None, _('Tanggal "%(value)s" tidak ada di kalender (format HH/BB/TTTT).') % {"value": raw}
    return _checked(day, value)


def whole_number(value: Cell) -> tuple[int | None, str]:
    """A whole number from a number cell or text; ``(None, "")`` when empty."""
    if is_blank(value):
        return None, ""
    if isinstance(value, bool):
        return None, _("Harus berupa angka bulat.")
    if isinstance(value, int):
        return value, ""
    if isinstance(value, float):
        return (int(value), "") if value.is_integer() else (None, _("Harus berupa angka bulat."))
    raw = text(value)
    if raw.isascii() and raw.isdigit():
        return int(raw), ""
    return None, _("Harus berupa angka bulat.")


_YES = frozenset({"Y", "YA", "YES", "1", "TRUE", "BENAR"})
_NO = frozenset({"", "N", "TIDAK", "TDK", "NO", "0", "FALSE", "SALAH", "BUKAN"})


def yes_no(value: Cell) -> tuple[bool | None, str]:
    """Y/Ya/1 → True; N/Tidak/0/empty → False."""
    if isinstance(value, bool):
        return value, ""
    raw = text(value).upper()
    if raw in _YES:
        return True, ""
    if raw in _NO:
        return False, ""
    return None, _("Isi Y (ya) atau N (tidak).")


def digits_from_number(value: Cell) -> tuple[str, str]:
    """An identifier that must keep all its digits (NIP): refuse numbers Excel has rounded.

    Returns ``(text, "")`` or ``("", message)``.
    """
    if isinstance(value, float | int) and not isinstance(value, bool):
        digits = str(int(value)) if float(value).is_integer() else ""
        if len(digits) > EXCEL_DIGITS or not digits:
            return "", _(
                "NIP tersimpan sebagai angka sehingga Excel membulatkan digit terakhirnya. "
                "Format kolom NIP sebagai Teks, lalu ketik atau tempel ulang NIP-nya."
            )
        return digits, ""
    raw = text(value)
    if _SCIENTIFIC.match(raw):
        return "", _(
            "NIP tertulis dalam notasi ilmiah (%(value)s): digitnya sudah hilang saat disimpan dari Excel. "
            "Format kolom NIP sebagai Teks, lalu ketik atau tempel ulang NIP-nya."
        ) % {"value": raw}
    return raw, ""
