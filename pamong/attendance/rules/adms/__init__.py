"""ZKTeco push protocol (ADMS/iclock): parse what a fingerprint device sends, build what it expects back.

Source: ``shared/domain/devices.md`` §4.1, which describes the protocol from the open-source receivers
``kittiu/thai_zkt`` (``www/iclock/*``), ``nguyentien4106/ZKTecoADMS`` (``IClockController.cs`` and its
handlers), ``kankrittapon/adms-server`` (``app/native_push/protocol.py``) and ``fedotovaleksandr/iclockhelper``
(parsers and a device request builder). ZKTeco publishes no open specification, so every mark below is about
how consistently those servers agree. Marks: **[H]** all cited servers agree and a throw-away receiver replayed
it (devices.md), **[M]** one or two servers, **[L]** reasoned here, not from a source.

- Paths ``/iclock/cdata``, ``/iclock/getrequest``, ``/iclock/devicecmd`` (and ``/iclock/ping``), each also with
  an ``.aspx`` suffix that some eSSL firmware uses [H]. See ``route``.
- Handshake: ``GET /iclock/cdata?SN=..&options=all`` is answered with ``text/plain`` ``key=value`` lines that
  start with ``GET OPTION FROM: <SN>`` [H]; the keys and their usual values are in ``handshake_options`` [M].
- ATTLOG upload: one punch per line, TAB-separated ``PIN, YYYY-MM-DD HH:MM:SS, status, verify, workcode,
  reserved...`` in the device's local time without a zone [H]. Some firmware prefixes ``ATTLOG`` or adds a uid
  column before the PIN; like ``adms-server`` the parser finds the date-time column and takes the field before
  it as the PIN [M]. Sources disagree on the order of status and verify, so ``parse_attlog`` can swap them per
  device model [M]. Status and verify codes differ by firmware: they are kept raw (status as an integer).
- Idempotency: a device resends a batch on any answer but ``OK``/``OK: n``, so the natural key of a punch is
  (serial, PIN, local date-time, status), the key devices.md proposes [M]. See ``punch_key``.
- Reply to an upload: ``OK: <n>`` with n = every non-blank line handled (good punches, duplicates already held,
  and lines recorded as errors): some firmware clears its buffer by the count, and a count below the lines sent
  would make it resend lines that can never succeed [L, reasoned from devices.md's note on duplicates].
- Body size: 1 MiB (1,048,576 bytes), the ``MaxPostSize`` that Push 3.x devices announce [M]; a larger body is
  refused as a whole (the view answers 413), never cut.
- Commands: ``C:<id>:<command>`` lines in answer to ``getrequest``, ``OK`` when the queue is empty [H]; results
  come back to ``devicecmd`` as form-encoded ``ID=..&Return=..&CMD=..`` lines, ``Return`` >= 0 is success and
  negative values are firmware errors [M].
- Clock drift: devices take the server time from the HTTP ``Date`` header; a device whose clock is off by more
  than a tolerance is flagged [M]. The default tolerance of 2 minutes is a choice [L]: lateness is counted in
  whole minutes, so a larger drift can change a day's status.

Modules: ``attlog`` (paths, serials, ATTLOG parsing, punch keys, the upload answer), ``device`` (handshake
options, command queue text and results, clock drift), ``errors`` (codes and Indonesian/English messages).
Everything public is re-exported here. Pure package: no Django, no clock, no I/O; callers pass the body, the
serial and the server time in.
"""

from pamong.attendance.rules.adms.attlog import (
    MAX_BODY_BYTES,
    Endpoint,
    ParseResult,
    Punch,
    PunchKey,
    clean_serial,
    decode_body,
    format_attlog_line,
    parse_attlog,
    punch_key,
    route,
    upload_reply,
)
from pamong.attendance.rules.adms.device import (
    DEFAULT_DRIFT_TOLERANCE,
    DEFAULT_TRANS_FLAG,
    CommandKind,
    CommandResult,
    CommandResults,
    CommandState,
    Drift,
    TimeZoneUnit,
    clock_drift,
    format_command,
    handshake_options,
    parse_command_result,
    poll_reply,
)
from pamong.attendance.rules.adms.errors import AdmsError, LineError

__all__ = [
    "DEFAULT_DRIFT_TOLERANCE",
    "DEFAULT_TRANS_FLAG",
    "MAX_BODY_BYTES",
    "AdmsError",
    "CommandKind",
    "CommandResult",
    "CommandResults",
    "CommandState",
    "Drift",
    "Endpoint",
    "LineError",
    "ParseResult",
    "Punch",
    "PunchKey",
    "TimeZoneUnit",
    "clean_serial",
    "clock_drift",
    "decode_body",
    "format_attlog_line",
    "format_command",
    "handshake_options",
    "parse_attlog",
    "parse_command_result",
    "poll_reply",
    "punch_key",
    "route",
    "upload_reply",
]
