"""Errors of the ADMS protocol rules, each with a stable code and an Indonesian and English text.

Same shape as ``pamong.performance.rules.errors``: rules cannot use gettext, so every error holds
``message_id`` (Bahasa Indonesia, shown to users) and ``message_en``; ``str()`` is the Indonesian text.
``AdmsError`` refuses a whole request or argument; ``LineError`` records one unreadable line of a batch and is
returned, never raised, so the other lines of the batch are kept.

Pure module: no Django, no clock, no I/O.
"""

from dataclasses import dataclass


class AdmsError(ValueError):
    """A whole request or argument is refused. ``code`` is stable; ``str()`` is the Indonesian text.

    Same shape as ``pamong.performance.rules.errors.PerformanceRuleError``.
    """

    def __init__(self, code: str, message_id: str, message_en: str, field: str | None = None) -> None:
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        self.field = field
        super().__init__(message_id)

    def __reduce__(self) -> tuple[type["AdmsError"], tuple[str, str, str, str | None]]:
        return (type(self), (self.code, self.message_id, self.message_en, self.field))


@dataclass(frozen=True, slots=True)
class LineError:
    """One line of an upload that could not be read. The other lines of the batch are not affected."""

    line_no: int  # 1-based, counting blank lines, so it matches the line in the raw request log
    raw: str
    code: str
    message_id: str
    message_en: str


# Every message by code: (Bahasa Indonesia, English), formatted with the values the caller gives.
_MESSAGES: dict[str, tuple[str, str]] = {
    "bad_serial": (
        "Nomor seri mesin (SN) kosong atau tidak sah.",
        "The device serial number (SN) is empty or invalid.",
    ),
    "body_too_large": (
        "Kiriman mesin terlalu besar ({size} bait, batas {limit} bait).",
        "The device upload is too large ({size} bytes, limit {limit} bytes).",
    ),
    "no_datetime": (
        "Baris tidak berisi tanggal dan jam (format TTTT-BB-HH JJ:MM:DD).",
        "The line has no date and time (format YYYY-MM-DD HH:MM:SS).",
    ),
    "bad_datetime": ("Tanggal atau jam tidak ada di kalender: {value}.", "The date or time does not exist: {value}."),
    "no_pin": ("Baris tidak berisi PIN pegawai.", "The line has no employee PIN."),
    "bad_pin": ("PIN pegawai tidak sah: {value}.", "The employee PIN is invalid: {value}."),
    "out_of_range": (
        "Waktu absen {value} di luar rentang yang diterima (jam mesin salah?).",
        "The punch time {value} is outside the accepted range (wrong device clock?).",
    ),
    "bad_status": ("Status absen bukan angka: {value}.", "The punch status is not a number: {value}."),
    "option_line_break": (
        "Nilai opsi {name} tidak boleh berisi baris baru.",
        "The value of option {name} must not contain a line break.",
    ),
    "option_not_positive": (
        "Nilai opsi {name} harus bilangan bulat positif.",
        "The value of option {name} must be a positive integer.",
    ),
    "option_negative": (
        "Nilai opsi {name} harus bilangan bulat tidak negatif.",
        "The value of option {name} must be a non-negative integer.",
    ),
    "bad_time_zone": (
        "Zona waktu mesin harus antara -12 dan 14 jam.",
        "The device time zone must be between -12 and 14 hours.",
    ),
    "bad_command_id": ("Nomor perintah harus bilangan bulat positif.", "The command id must be a positive integer."),
    "command_field_break": (
        "Isian perintah {name} tidak boleh berisi tab atau baris baru.",
        "The command field {name} must not contain a tab or a line break.",
    ),
    "command_needs_pin": ("Perintah pengguna membutuhkan PIN yang sah.", "A user command needs a valid PIN."),
    "unknown_command_field": (
        "Isian tidak dikenal untuk perintah {kind}: {name}.",
        "Unknown fields for command {kind}: {name}.",
    ),
    "bad_command_result": (
        "Baris hasil perintah tanpa ID dan Return berupa angka.",
        "The command result line lacks a numeric ID and Return.",
    ),
    "mixed_time_zones": (
        "Waktu mesin dan waktu server harus sama-sama dengan atau tanpa zona waktu.",
        "Device and server times must both have a time zone or both have none.",
    ),
    "bad_tolerance": ("Toleransi selisih jam tidak boleh negatif.", "The clock tolerance must not be negative."),
}


def error(code: str, field: str | None = None, **values: object) -> AdmsError:
    message_id, message_en = _MESSAGES[code]
    return AdmsError(code, message_id.format(**values), message_en.format(**values), field=field)


def line_error(line_no: int, raw: str, code: str, **values: object) -> LineError:
    message_id, message_en = _MESSAGES[code]
    return LineError(
        line_no=line_no,
        raw=raw,
        code=code,
        message_id=message_id.format(**values),
        message_en=message_en.format(**values),
    )


def too_large(size: int, max_bytes: int) -> AdmsError:
    """The whole body is over the size limit (the view answers 413)."""
    return error("body_too_large", "body", size=size, limit=max_bytes)
