"""ATTLOG uploads: read punches from a device's body, their idempotency key, the ``OK: n`` answer, the paths.

Sources and confidence marks: the package docstring (``pamong.attendance.rules.adms``).

Pure module: no Django, no clock, no I/O.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pamong.attendance.rules.adms.errors import LineError, error, line_error, too_large

MAX_BODY_BYTES = 1_048_576  # Push 3.x ``MaxPostSize`` (devices.md §4.1) [M]
PIN_RE = re.compile(r"^[A-Za-z0-9_.-]{1,24}$")  # 9 digits on old firmware, alphanumeric up to 24 on newer [L]
_SERIAL_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_DATETIME_SHAPE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{1,2}):(\d{1,2})$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BOM = "\ufeff"
_ATTLOG_PREFIX = re.compile(r"^ATTLOG(?:\s+|$)", re.IGNORECASE)


def body_lines(body: str, *, max_bytes: int) -> list[str]:
    """The physical lines of a body (CRLF, CR or LF), BOM dropped; ``AdmsError`` if over ``max_bytes`` in UTF-8."""
    size = len(body.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise too_large(size, max_bytes)
    return _LINE_BREAK.split(body.removeprefix(_BOM))


# ------------------------------------------------------------------------------------------ routes --


class Endpoint(StrEnum):
    """The device-facing paths a receiver answers."""

    CDATA = "cdata"  # GET: handshake (options=all) or time; POST: data upload (table=ATTLOG, OPERLOG...)
    GETREQUEST = "getrequest"  # GET: command poll / heartbeat
    DEVICECMD = "devicecmd"  # POST: command results
    PING = "ping"  # GET: Push 3.x keep-alive during long uploads; answer OK


_ROUTE_RE = re.compile(r"^/iclock/(cdata|getrequest|devicecmd|ping)(?:\.aspx)?/?$", re.IGNORECASE)


def route(path: str) -> Endpoint | None:
    """The endpoint a device path names, with or without ``.aspx`` and a trailing slash; ``None`` if none.

    A query string, if the caller passes the full path, is ignored.
    """
    match = _ROUTE_RE.match(path.split("?", 1)[0])
    return Endpoint(match.group(1).lower()) if match else None


# ------------------------------------------------------------------------------------------ serial --


def clean_serial(value: str) -> str:
    """The device serial number (``SN``) stripped, or ``AdmsError`` if it is empty or has odd characters.

    Whether the serial is allowed is not decided here: the allow-list per unit is the view's and service's.
    """
    serial = (value or "").strip()
    if not _SERIAL_RE.match(serial):
        raise error("bad_serial", "SN")
    return serial


# ------------------------------------------------------------------------------------------- punches --


@dataclass(frozen=True, slots=True)
class PunchKey:
    """The natural key of a punch: a resent line yields an equal key. ``str()`` is a stable text form."""

    serial: str
    pin: str
    timestamp: datetime  # device local time, naive
    status: int | None

    def __str__(self) -> str:
        status = "" if self.status is None else str(self.status)
        return f"{self.serial}|{self.pin}|{self.timestamp.isoformat(sep=' ')}|{status}"


@dataclass(frozen=True, slots=True)
class Punch:
    """One attendance record read from an ATTLOG line.

    ``timestamp`` is the device's local time with no zone (devices.md: "the time is device local time");
    the caller attaches the device's zone. ``status`` is the keypad state (0 check-in, 1 check-out, 2 break-out,
    3 break-in, 4 OT-in, 5 OT-out) and only a hint: IN/OUT is decided from the schedule. ``verify`` and
    ``workcode`` are kept raw because codes differ by firmware. ``extra`` holds the columns after workcode, and
    ``prefix`` those before the PIN (an ``ATTLOG`` word is dropped, a uid column lands here).
    """

    serial: str
    pin: str
    timestamp: datetime
    status: int | None
    verify: str
    workcode: str
    extra: tuple[str, ...]
    prefix: tuple[str, ...]
    line_no: int
    raw: str

    @property
    def key(self) -> PunchKey:
        return punch_key(self.serial, self.pin, self.timestamp, self.status)


def punch_key(serial: str, pin: str, timestamp: datetime, status: int | None) -> PunchKey:
    """The idempotency key (serial, PIN, local date-time to the second, status) [M, devices.md §4.1].

    Status is part of the key so that a check-in and a check-out recorded in the same second are two punches;
    a resend repeats the same status, so it still collapses. Microseconds are dropped (devices send seconds).
    """
    return PunchKey(serial=serial, pin=pin, timestamp=timestamp.replace(microsecond=0), status=status)


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What ``parse_attlog`` read: the good punches and the bad lines, both in line order."""

    punches: tuple[Punch, ...]
    errors: tuple[LineError, ...]

    @property
    def handled(self) -> int:
        """Non-blank lines handled (punches + recorded errors): the ``n`` of the ``OK: n`` reply."""
        return len(self.punches) + len(self.errors)


def upload_reply(result: ParseResult) -> str:
    """The answer to an ATTLOG upload: ``OK: <lines handled>`` (see the package docstring of ``rules.adms`` for why)."""
    return f"OK: {result.handled}"


def decode_body(raw: bytes, *, max_bytes: int = MAX_BODY_BYTES) -> str:
    """Decode a raw request body: size limit first, then UTF-8 (BOM dropped), else Windows-1252.

    Devices send names in their own code page (devices.md: "decode defensively"); cp1252 cannot fail on the
    bytes that matter here, and undecodable bytes become U+FFFD rather than an exception.
    """
    if len(raw) > max_bytes:
        raise too_large(len(raw), max_bytes)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _parse_line(
    line_no: int,
    raw: str,
    *,
    serial: str,
    swap_status_verify: bool,
    earliest: datetime | None,
    latest: datetime | None,
) -> Punch | LineError:
    fields = [field.strip() for field in raw.replace("\x00", "").split("\t")]
    prefixed = _ATTLOG_PREFIX.match(fields[0])
    if prefixed:
        # "ATTLOG\t1001\t..." or "ATTLOG 1001\t...": drop the word, keep what follows it in the same field.
        rest = fields[0][prefixed.end() :]
        fields = ([rest] if rest else []) + fields[1:]
    at, shape = None, None
    for index, field in enumerate(fields):
        shape = _DATETIME_SHAPE.match(field)
        if shape:
            at = index
            break
    if at is None or shape is None:
        return line_error(line_no, raw, "no_datetime")
    try:
        year, month, day, hour, minute, second = (int(part) for part in shape.groups())
        timestamp = datetime(year, month, day, hour, minute, second)  # device local time, naive on purpose
    except ValueError:
        return line_error(line_no, raw, "bad_datetime", value=fields[at])
    if at == 0 or not fields[at - 1]:
        return line_error(line_no, raw, "no_pin")
    pin = fields[at - 1]
    if not PIN_RE.match(pin):
        return line_error(line_no, raw, "bad_pin", value=pin[:40])
    if (earliest is not None and timestamp < earliest) or (latest is not None and timestamp > latest):
        return line_error(line_no, raw, "out_of_range", value=fields[at])
    after = fields[at + 1 :] + ["", "", ""]
    status_text, verify = (after[1], after[0]) if swap_status_verify else (after[0], after[1])
    status: int | None = None
    if status_text:
        if not re.fullmatch(r"-?\d{1,4}", status_text):
            return line_error(line_no, raw, "bad_status", value=status_text[:40])
        status = int(status_text)
    return Punch(
        serial=serial,
        pin=pin,
        timestamp=timestamp,
        status=status,
        verify=verify,
        workcode=after[2],
        extra=tuple(fields[at + 4 :]),
        prefix=tuple(fields[: at - 1]),
        line_no=line_no,
        raw=raw,
    )


def parse_attlog(
    body: str,
    *,
    serial: str,
    max_bytes: int = MAX_BODY_BYTES,
    swap_status_verify: bool = False,
    earliest: datetime | None = None,
    latest: datetime | None = None,
) -> ParseResult:
    """Read an ATTLOG upload body into punches and line errors; one bad line never stops the others.

    Tolerates CRLF/CR line ends, blank lines, a BOM, NUL padding, an ``ATTLOG`` prefix, a uid column before the
    PIN and extra trailing columns. ``swap_status_verify`` reads column 3 as verify and 4 as status for firmware
    that orders them so. ``earliest``/``latest`` (naive local times the caller picks, e.g. a year back and a day
    ahead of the server's local time) turn a punch from a reset device clock into a line error.

    Raises ``AdmsError`` for the whole body only: ``bad_serial`` or ``body_too_large`` (over ``max_bytes`` in
    UTF-8).
    """
    serial = clean_serial(serial)
    punches: list[Punch] = []
    errors: list[LineError] = []
    for line_no, raw in enumerate(body_lines(body, max_bytes=max_bytes), start=1):
        if not raw.replace("\x00", "").strip():
            continue
        parsed = _parse_line(
            line_no, raw, serial=serial, swap_status_verify=swap_status_verify, earliest=earliest, latest=latest
        )
        if isinstance(parsed, Punch):
            punches.append(parsed)
        else:
            errors.append(parsed)
    return ParseResult(punches=tuple(punches), errors=tuple(errors))


def format_attlog_line(
    pin: str, timestamp: datetime, status: int | None = 0, verify: str = "1", workcode: str = "0"
) -> str:
    """One ATTLOG line as a device sends it (for tests, the benchmark's simulated devices and file exports)."""
    status_text = "" if status is None else str(status)
    return "\t".join([pin, timestamp.strftime("%Y-%m-%d %H:%M:%S"), status_text, verify, workcode, "0", "0"])
