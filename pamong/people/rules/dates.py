"""Long dates in the messages that rules carry: ``2 Januari 2024`` and ``2 January 2024``.

Rules cannot use Django's localisation (no Django here), yet their messages name
dates; this is the one place that spells them, in the Indonesian ``j F Y`` format
the user interface uses and in English.

Pure module: no Django, no clock, no I/O.
"""

from datetime import date

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_id(d: date) -> str:
    """``2 Januari 2024``."""
    return f"{d.day} {MONTHS_ID[d.month - 1]} {d.year}"


def date_en(d: date) -> str:
    """``2 January 2024``."""
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
