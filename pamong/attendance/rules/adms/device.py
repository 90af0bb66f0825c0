"""What the server tells a device and learns of it: handshake options, command queue text and results, clock drift.

Sources and confidence marks: the package docstring (``pamong.attendance.rules.adms``).

Pure module: no Django, no clock, no I/O.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import parse_qsl

from pamong.attendance.rules.adms.attlog import MAX_BODY_BYTES, PIN_RE, body_lines, clean_serial
from pamong.attendance.rules.adms.errors import AdmsError, LineError, error, line_error

DEFAULT_DRIFT_TOLERANCE = timedelta(minutes=2)  # [L] see the package docstring


# ----------------------------------------------------------------------------------------- handshake --


class TimeZoneUnit(StrEnum):
    """The unit a device firmware expects for ``TimeZone`` (devices.md: hours on most, minutes on some eSSL)."""

    HOURS = "hours"
    MINUTES = "minutes"


DEFAULT_TRANS_FLAG = "TransData AttLog\tOpLog\tEnrollUser\tChgUser"  # punches + user changes, no photos [M]


def _option_value(name: str, value: object) -> str:
    text = str(value)
    if any(char in text for char in "\r\n"):
        raise error("option_line_break", name, name=name)
    return text


def _positive(name: str, value: int, *, allow_zero: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < (0 if allow_zero else 1):
        raise error("option_negative" if allow_zero else "option_not_positive", name, name=name)
    return value


def handshake_options(
    serial: str,
    *,
    attlog_stamp: str | int = 0,
    operlog_stamp: str | int = 0,
    attphoto_stamp: str | int = 0,
    error_delay: int = 60,
    delay: int = 10,
    trans_times: str = "00:00;14:05",
    trans_interval: int = 1,
    trans_flag: str = DEFAULT_TRANS_FLAG,
    timezone_hours: int = 7,
    timezone_unit: TimeZoneUnit = TimeZoneUnit.HOURS,
    realtime: bool = True,
    encrypt: bool = False,
    server_version: str = "2.4.1",
) -> str:
    """The ``text/plain`` answer to ``GET /iclock/cdata?SN=<serial>&options=all``, lines joined by ``\\n``.

    Defaults and why:
    - stamps ``0`` = "send everything" [H]; the caller passes the last stamp stored for the device so a reboot
      does not resend the whole log (ZKTecoADMS does this [M]); a resend is harmless anyway (idempotent key).
    - ``ErrorDelay=60`` (30–60 seen), ``Delay=10`` (5–30 seen) seconds [M]: 10 s keeps a queued user-sync
      command under a minute away without flooding the server with polls from hundreds of devices.
    - ``TransTimes=00:00;14:05`` and ``TransInterval=1`` as in the servers cited [M]: batches catch up whatever
      ``Realtime=1`` missed.
    - ``TransFlag``: punches, operation log and user enrolment/changes, no photos [M].
    - ``TimeZone=7`` (WIB); WITA 8, WIT 9. Some eSSL firmware wants minutes: ``timezone_unit`` [M].
    - ``Realtime=1`` (push each punch at once), ``Encrypt=0``, ``ServerVer=2.4.1`` as seen [M].
    """
    serial = clean_serial(serial)
    if isinstance(timezone_hours, bool) or not isinstance(timezone_hours, int) or not -12 <= timezone_hours <= 14:
        raise error("bad_time_zone", "TimeZone")
    timezone = timezone_hours * 60 if timezone_unit is TimeZoneUnit.MINUTES else timezone_hours
    lines = [
        f"GET OPTION FROM: {serial}",
        f"ATTLOGStamp={_option_value('ATTLOGStamp', attlog_stamp)}",
        f"OPERLOGStamp={_option_value('OPERLOGStamp', operlog_stamp)}",
        f"ATTPHOTOStamp={_option_value('ATTPHOTOStamp', attphoto_stamp)}",
        f"ErrorDelay={_positive('ErrorDelay', error_delay)}",
        f"Delay={_positive('Delay', delay)}",
        f"TransTimes={_option_value('TransTimes', trans_times)}",
        f"TransInterval={_positive('TransInterval', trans_interval, allow_zero=True)}",
        f"TransFlag={_option_value('TransFlag', trans_flag)}",
        f"TimeZone={timezone}",
        f"Realtime={int(realtime)}",
        f"Encrypt={int(encrypt)}",
        f"ServerVer={_option_value('ServerVer', server_version)}",
    ]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------ commands --


class CommandKind(StrEnum):
    """Commands queued for a device. Values are the command text before the fields."""

    USER_UPDATE = "DATA UPDATE USERINFO"  # add or change a user (employee moved in) [H]
    USER_DELETE = "DATA DELETE USERINFO"  # remove a user (employee moved out) [H]
    CHECK = "CHECK"  # ask the device to re-upload per its stamps [M]
    INFO = "INFO"  # ask for device info, answered in devicecmd [M]
    REBOOT = "REBOOT"  # [L] commonly used, unverified in the sources


class CommandState(StrEnum):
    """A queued command's life-cycle (thai_zkt keeps Create → Sent → Done [M]; failure added here)."""

    QUEUED = "queued"  # waiting for the device's next poll
    SENT = "sent"  # delivered in a getrequest answer, no result yet
    DONE = "done"  # result with Return >= 0
    FAILED = "failed"  # result with Return < 0 (firmware error code)


# Field order of a USERINFO update as the servers cited send it, with the defaults for a new ordinary user:
# Pri 0 = ordinary user (14 = administrator), Grp 1 = default group, Verify 0 = the device's default mode [M].
_USERINFO_FIELDS: tuple[tuple[str, str], ...] = (
    ("PIN", ""),
    ("Name", ""),
    ("Pri", "0"),
    ("Passwd", ""),
    ("Card", ""),
    ("Grp", "1"),
    ("Verify", "0"),
)


def _command_field(name: str, value: object) -> str:
    text = "" if value is None else str(value)
    if any(char in text for char in "\t\r\n"):
        raise error("command_field_break", name, name=name)
    return text


def format_command(command_id: int, kind: CommandKind, **fields: object) -> str:
    """One command line for a ``getrequest`` answer, e.g. ``C:101:DATA UPDATE USERINFO PIN=1003\\tName=Budi...``.

    USERINFO commands take ``PIN`` (required) and, for an update, ``Name``, ``Pri``, ``Passwd``, ``Card``,
    ``Grp``, ``Verify``; field names are matched case-insensitively (``pin=`` works) and written in the device's
    spelling and order. Other kinds take no fields.
    """
    if isinstance(command_id, bool) or not isinstance(command_id, int) or command_id < 1:
        raise error("bad_command_id", "ID")
    given = {name.lower(): (name, value) for name, value in fields.items()}
    if kind in (CommandKind.USER_UPDATE, CommandKind.USER_DELETE):
        allowed = _USERINFO_FIELDS if kind is CommandKind.USER_UPDATE else _USERINFO_FIELDS[:1]
        known = {name.lower() for name, _ in allowed}
        unknown = sorted(original for key, (original, _) in given.items() if key not in known)
        if unknown:
            raise _unknown_fields(kind, unknown)
        pin = _command_field("PIN", given.get("pin", ("PIN", ""))[1])
        if not PIN_RE.match(pin):
            raise error("command_needs_pin", "PIN")
        parts = [
            f"{name}={_command_field(name, given[name.lower()][1] if name.lower() in given else default)}"
            for name, default in allowed
        ]
        return f"C:{command_id}:{kind.value} " + "\t".join(parts)
    if given:
        raise _unknown_fields(kind, sorted(original for original, _ in given.values()))
    return f"C:{command_id}:{kind.value}"


def _unknown_fields(kind: CommandKind, names: Sequence[str]) -> AdmsError:
    return error("unknown_command_field", names[0], kind=kind.value, name=", ".join(names))


def poll_reply(commands: Iterable[str]) -> str:
    """The answer to ``getrequest``: the command lines joined by ``\\n``, or ``OK`` when there are none [H]."""
    lines = list(commands)
    return "\n".join(lines) if lines else "OK"


@dataclass(frozen=True, slots=True)
class CommandResult:
    """One ``ID=..&Return=..&CMD=..`` line of a ``devicecmd`` post, with any ``key=value`` lines after it."""

    command_id: int
    return_code: int
    cmd: str
    extra: tuple[tuple[str, str], ...]
    line_no: int

    @property
    def state(self) -> CommandState:
        """DONE when ``Return`` >= 0 (some commands return a count), FAILED when negative [M]."""
        return CommandState.DONE if self.return_code >= 0 else CommandState.FAILED


@dataclass(frozen=True, slots=True)
class CommandResults:
    """What ``parse_command_result`` read: the results and the lines it could not use."""

    results: tuple[CommandResult, ...]
    errors: tuple[LineError, ...]


def parse_command_result(body: str, *, max_bytes: int = MAX_BODY_BYTES) -> CommandResults:
    """Read a ``POST /iclock/devicecmd`` body: one result per ``ID=`` line, following lines as its extras.

    Lines are form-encoded (``ID=101&Return=0&CMD=DATA``). A ``key=value`` line without ``ID`` (e.g. the
    answer to ``INFO``) is attached to the result before it; before any result it is a line error.
    """
    # (command_id, return_code, cmd, line_no, extras) per ID line, in order; extras grow as lines follow.
    entries: list[tuple[int, int, str, int, list[tuple[str, str]]]] = []
    errors: list[LineError] = []
    for line_no, raw in enumerate(body_lines(body, max_bytes=max_bytes), start=1):
        line = raw.strip()
        if not line:
            continue
        pairs = [(key.strip(), value.strip()) for key, value in parse_qsl(line, keep_blank_values=True)]
        upper = {key.upper(): value for key, value in pairs}
        if "ID" in upper:
            id_text, return_text = upper["ID"], upper.get("RETURN", "")
            if re.fullmatch(r"\d{1,18}", id_text) and re.fullmatch(r"-?\d{1,9}", return_text):
                entries.append((int(id_text), int(return_text), upper.get("CMD", ""), line_no, []))
                continue
        elif entries and "=" in line:
            entries[-1][4].extend(pairs)
            continue
        errors.append(line_error(line_no, raw, "bad_command_result"))
    results = tuple(
        CommandResult(command_id=cid, return_code=code, cmd=cmd, extra=tuple(extra), line_no=no)
        for cid, code, cmd, no, extra in entries
    )
    return CommandResults(results=results, errors=tuple(errors))


# --------------------------------------------------------------------------------------- clock drift --


@dataclass(frozen=True, slots=True)
class Drift:
    """A device clock's offset from the server's: positive when the device is ahead."""

    seconds: int
    flagged: bool


def clock_drift(
    device_time: datetime, server_time: datetime, *, tolerance: timedelta = DEFAULT_DRIFT_TOLERANCE
) -> Drift:
    """How far the device clock is from the server's, and whether that is more than ``tolerance`` (2 min [L]).

    Both times must be naive local times in the same zone, or both aware. Compare only a punch pushed in real
    time with the server's local time when it arrived (or the device's ``type=time``/``Date`` exchange): a batch
    of old punches says nothing about the clock.
    """
    if (device_time.tzinfo is None) != (server_time.tzinfo is None):
        raise error("mixed_time_zones")
    if tolerance < timedelta(0):
        raise error("bad_tolerance", "tolerance")
    delta = device_time - server_time
    seconds = round(delta.total_seconds())
    return Drift(seconds=seconds, flagged=abs(delta) > tolerance)
