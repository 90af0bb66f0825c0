"""rules.adms (``domain/devices.md`` §4.1): the ZKTeco push protocol's texts, replayed without a device or a DB.

The cases follow devices.md's simulated-device script (handshake, two punches, resend, poll, command, devicecmd,
then unknown serial, malformed line, ATTLOG prefix, extra uid column, empty body, 1 MB body) and its list of
acceptance tests that are protocol-level. Whether a serial is allowed is the view's allow-list, not this module's.
"""

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pamong.attendance.rules.adms import (
    DEFAULT_DRIFT_TOLERANCE,
    MAX_BODY_BYTES,
    AdmsError,
    CommandKind,
    CommandState,
    Endpoint,
    Punch,
    TimeZoneUnit,
    clock_drift,
    decode_body,
    format_attlog_line,
    format_command,
    handshake_options,
    parse_attlog,
    parse_command_result,
    poll_reply,
    punch_key,
    route,
    upload_reply,
)

SN = "TEST0001"
TWO_PUNCHES = "1001\t2025-03-03 07:28:11\t0\t1\t0\t0\t0\n1002\t2025-03-03 07:46:05\t0\t15\t0\t0\t0\n"
T1 = datetime(2025, 3, 3, 7, 28, 11)
T2 = datetime(2025, 3, 3, 7, 46, 5)

# ----------------------------------------------------------------------------------------- routes --


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/iclock/cdata", Endpoint.CDATA),
        ("/iclock/cdata.aspx", Endpoint.CDATA),
        ("/iclock/cdata/", Endpoint.CDATA),
        ("/iclock/cdata?SN=TEST0001&options=all", Endpoint.CDATA),
        ("/iclock/getrequest", Endpoint.GETREQUEST),
        ("/iclock/getrequest.aspx", Endpoint.GETREQUEST),
        ("/iclock/devicecmd", Endpoint.DEVICECMD),
        ("/iclock/devicecmd.aspx", Endpoint.DEVICECMD),
        ("/iclock/ping", Endpoint.PING),
        ("/ICLOCK/CData.ASPX", Endpoint.CDATA),
        ("/iclock/", None),
        ("/iclock/registry", None),
        ("/iclock/cdata.php", None),
        ("/iclock/cdata.aspx.aspx", None),
        ("/api/iclock/cdata", None),
        ("", None),
    ],
)
def test_route(path, expected) -> None:
    assert route(path) is expected


# -------------------------------------------------------------------------------------- handshake --


def test_handshake_lines_and_defaults() -> None:
    body = handshake_options(SN)
    assert body.endswith("\n")
    assert body.splitlines() == [
        "GET OPTION FROM: TEST0001",
        "ATTLOGStamp=0",
        "OPERLOGStamp=0",
        "ATTPHOTOStamp=0",
        "ErrorDelay=60",
        "Delay=10",
        "TransTimes=00:00;14:05",
        "TransInterval=1",
        "TransFlag=TransData AttLog\tOpLog\tEnrollUser\tChgUser",
        "TimeZone=7",
        "Realtime=1",
        "Encrypt=0",
        "ServerVer=2.4.1",
    ]


@pytest.mark.parametrize(
    ("kwargs", "expected_lines"),
    [
        ({"attlog_stamp": 9999, "operlog_stamp": "123"}, {"ATTLOGStamp=9999", "OPERLOGStamp=123"}),
        ({"timezone_hours": 8}, {"TimeZone=8"}),  # WITA
        ({"timezone_hours": 9}, {"TimeZone=9"}),  # WIT
        ({"timezone_hours": 7, "timezone_unit": TimeZoneUnit.MINUTES}, {"TimeZone=420"}),  # some eSSL firmware
        ({"delay": 30, "error_delay": 30, "trans_interval": 0}, {"Delay=30", "ErrorDelay=30", "TransInterval=0"}),
        ({"realtime": False, "encrypt": True}, {"Realtime=0", "Encrypt=1"}),
        ({"trans_flag": "1111000000"}, {"TransFlag=1111000000"}),
    ],
)
def test_handshake_options(kwargs, expected_lines) -> None:
    lines = set(handshake_options(SN, **kwargs).splitlines())
    assert expected_lines <= lines


@pytest.mark.parametrize(
    ("serial", "kwargs", "code", "field"),
    [
        ("", {}, "bad_serial", "SN"),
        ("TEST 0001", {}, "bad_serial", "SN"),
        (SN, {"delay": 0}, "option_not_positive", "Delay"),
        (SN, {"error_delay": -5}, "option_not_positive", "ErrorDelay"),
        (SN, {"trans_interval": -1}, "option_negative", "TransInterval"),
        (SN, {"timezone_hours": 15}, "bad_time_zone", "TimeZone"),
        (SN, {"attlog_stamp": "1\nDelay=1"}, "option_line_break", "ATTLOGStamp"),  # no injected option lines
    ],
)
def test_handshake_refuses(serial, kwargs, code, field) -> None:
    with pytest.raises(AdmsError) as caught:
        handshake_options(serial, **kwargs)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert caught.value.message_id and caught.value.message_en


# ----------------------------------------------------------------------------------------- ATTLOG --


def test_two_punches() -> None:
    result = parse_attlog(TWO_PUNCHES, serial=SN)
    assert result.errors == ()
    assert [(p.pin, p.timestamp, p.status, p.verify, p.workcode) for p in result.punches] == [
        ("1001", T1, 0, "1", "0"),
        ("1002", T2, 0, "15", "0"),
    ]
    first = result.punches[0]
    assert first.raw == "1001\t2025-03-03 07:28:11\t0\t1\t0\t0\t0"
    assert (first.serial, first.line_no, first.extra, first.prefix) == (SN, 1, ("0", "0"), ())
    assert upload_reply(result) == "OK: 2"


def test_resend_gives_the_same_keys() -> None:
    first = parse_attlog(TWO_PUNCHES, serial=SN)
    again = parse_attlog(TWO_PUNCHES.replace("\n", "\r\n"), serial=SN)
    assert [p.key for p in first.punches] == [p.key for p in again.punches]
    assert [str(p.key) for p in first.punches] == [
        "TEST0001|1001|2025-03-03 07:28:11|0",
        "TEST0001|1002|2025-03-03 07:46:05|0",
    ]
    assert len({p.key for p in first.punches + again.punches}) == 2
    assert upload_reply(again) == "OK: 2"  # duplicates count as accepted


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ((SN, "1001", T1, 0), (SN, "1001", T1, 0), True),
        ((SN, "1001", T1, 0), (SN, "1001", T1.replace(microsecond=5), 0), True),  # devices send seconds
        ((SN, "1001", T1, 0), (SN, "1001", T1, 1), False),  # in and out in the same second: two punches
        ((SN, "1001", T1, 0), ("TEST0002", "1001", T1, 0), False),  # same PIN on another device
        ((SN, "1001", T1, 0), (SN, "1002", T1, 0), False),
        ((SN, "1001", T1, 0), (SN, "1001", T1 + timedelta(seconds=1), 0), False),
        ((SN, "1001", T1, None), (SN, "1001", T1, None), True),
    ],
)
def test_punch_key(a, b, same) -> None:
    assert (punch_key(*a) == punch_key(*b)) is same
    assert (str(punch_key(*a)) == str(punch_key(*b))) is same


@pytest.mark.parametrize(
    ("line", "pin", "timestamp", "status", "verify", "prefix", "extra"),
    [
        # short line: PIN and time only
        ("1001\t2025-03-03 07:28:11", "1001", T1, None, "", (), ()),
        ("1001\t2025-03-03 07:28:11\t1", "1001", T1, 1, "", (), ()),
        # ATTLOG prefix, as its own field or in the same field as the PIN
        ("ATTLOG\t1001\t2025-03-03 07:28:11\t0\t1\t0", "1001", T1, 0, "1", (), ()),
        ("ATTLOG 1001\t2025-03-03 07:28:11\t0\t1\t0", "1001", T1, 0, "1", (), ()),
        ("attlog\t1001\t2025-03-03 07:28:11\t0\t1\t0", "1001", T1, 0, "1", (), ()),
        # extra uid column before the PIN: the field before the time is the PIN
        ("17\t1001\t2025-03-03 07:28:11\t0\t1\t0\t0\t0", "1001", T1, 0, "1", ("17",), ("0", "0")),
        ("ATTLOG\t17\t1001\t2025-03-03 07:28:11\t0\t1\t0", "1001", T1, 0, "1", ("17",), ()),
        # extra trailing columns are kept
        ("1001\t2025-03-03 07:28:11\t0\t1\t0\t0\t0\t255\tX", "1001", T1, 0, "1", (), ("0", "0", "255", "X")),
        # spaces around fields, NUL padding, a T separator and single-digit parts
        (" 1001 \t 2025-03-03 07:28:11 \t 0 \t1\x00", "1001", T1, 0, "1", (), ()),
        ("1001\t2025-03-03T07:28:11\t0", "1001", T1, 0, "", (), ()),
        ("1001\t2025-3-3 7:28:11\t0", "1001", T1, 0, "", (), ()),
        # status and verify as other firmware numbers them
        ("1001\t2025-03-03 07:28:11\t5\t15\t0", "1001", T1, 5, "15", (), ()),
        ("A-77\t2025-03-03 07:28:11\t0\t1\t0", "A-77", T1, 0, "1", (), ()),
    ],
)
def test_tolerant_lines(line, pin, timestamp, status, verify, prefix, extra) -> None:
    result = parse_attlog(line, serial=SN)
    assert result.errors == ()
    (punch,) = result.punches
    assert (punch.pin, punch.timestamp, punch.status, punch.verify, punch.prefix, punch.extra) == (
        pin,
        timestamp,
        status,
        verify,
        prefix,
        extra,
    )
    assert punch.raw == line


def test_swapped_status_and_verify_columns() -> None:
    (punch,) = parse_attlog("1001\t2025-03-03 07:28:11\t15\t1\t0", serial=SN, swap_status_verify=True).punches
    assert (punch.status, punch.verify) == (1, "15")


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("garbage", "no_datetime"),
        ("1001 2025-03-03 07:28:11 0 1 0", "no_datetime"),  # spaces, not TABs
        ("1001\t03/03/2025 07:28\t0", "no_datetime"),
        ("1001\t2025-02-30 07:28:11\t0", "bad_datetime"),
        ("1001\t2025-03-03 25:00:00\t0", "bad_datetime"),
        ("2025-03-03 07:28:11\t0\t1", "no_pin"),
        ("\t2025-03-03 07:28:11\t0\t1", "no_pin"),
        ("ATTLOG\t2025-03-03 07:28:11\t0", "no_pin"),
        ("10 01\t2025-03-03 07:28:11\t0", "bad_pin"),
        ("1001;DROP\t2025-03-03 07:28:11\t0", "bad_pin"),
        ("1001\t2025-03-03 07:28:11\tIN\t1", "bad_status"),
        ("2000-01-01 00:00:00\t1001\t2025-03-03 07:28:11", "no_pin"),  # the first date-time shape wins
    ],
)
def test_malformed_line(line, code) -> None:
    result = parse_attlog(line, serial=SN)
    assert result.punches == ()
    (error,) = result.errors
    assert (error.code, error.line_no, error.raw) == (code, 1, line)
    assert error.message_id and error.message_en and error.message_id != error.message_en


def test_bad_line_does_not_lose_good_lines() -> None:
    body = "\ufeff1001\t2025-03-03 07:28:11\t0\r\n\r\nrusak\r\n   \r\n1002\t2025-03-03 07:46:05\t0\r\n"
    result = parse_attlog(body, serial=SN)
    assert [(p.pin, p.line_no) for p in result.punches] == [("1001", 1), ("1002", 5)]
    assert [(e.code, e.line_no, e.raw) for e in result.errors] == [("no_datetime", 3, "rusak")]
    assert upload_reply(result) == "OK: 3"


def test_out_of_range_date() -> None:
    body = "1001\t2000-01-01 00:00:05\t0\n1001\t2025-03-03 07:28:11\t0\n1001\t2030-01-01 07:00:00\t0"
    result = parse_attlog(body, serial=SN, earliest=datetime(2024, 3, 3), latest=datetime(2025, 3, 4))
    assert [p.timestamp for p in result.punches] == [T1]
    assert [(e.code, e.line_no) for e in result.errors] == [("out_of_range", 1), ("out_of_range", 3)]


@pytest.mark.parametrize("body", ["", "\n", "\r\n\r\n", "\ufeff", "  \t \n\x00"])
def test_empty_body(body) -> None:
    result = parse_attlog(body, serial=SN)
    assert (result.punches, result.errors, upload_reply(result)) == ((), (), "OK: 0")


def test_any_syntactically_valid_serial_parses() -> None:
    # An unknown serial is refused by the view's allow-list before parsing; the parser does not know the list.
    assert len(parse_attlog(TWO_PUNCHES, serial="UNKNOWN9999").punches) == 2


@pytest.mark.parametrize("serial", ["", "   ", "TEST\t0001", "x" * 65])
def test_bad_serial(serial) -> None:
    with pytest.raises(AdmsError) as caught:
        parse_attlog(TWO_PUNCHES, serial=serial)
    assert caught.value.code == "bad_serial"


def _body_of(size: int) -> str:
    line = format_attlog_line("1001", T1) + "\n"
    count, rest = divmod(size, len(line))
    return line * count + "\n" * rest


def test_one_megabyte_body_is_read_whole() -> None:
    body = _body_of(MAX_BODY_BYTES)
    assert len(body.encode()) == MAX_BODY_BYTES
    result = parse_attlog(body, serial=SN)
    assert result.errors == ()
    assert len(result.punches) == MAX_BODY_BYTES // len(format_attlog_line("1001", T1) + "\n")
    assert len({p.key for p in result.punches}) == 1


@pytest.mark.parametrize(("size", "limit"), [(MAX_BODY_BYTES + 1, MAX_BODY_BYTES), (101, 100)])
def test_body_over_limit(size, limit) -> None:
    with pytest.raises(AdmsError) as caught:
        parse_attlog(_body_of(size), serial=SN, max_bytes=limit)
    assert caught.value.code == "body_too_large"
    assert str(size) in caught.value.message_id and str(limit) in caught.value.message_en


def test_limit_counts_bytes_not_characters() -> None:
    body = "1001\t2025-03-03 07:28:11\t0\t1\t0\tSitï"
    size = len(body.encode())
    assert len(parse_attlog(body, serial=SN, max_bytes=size).punches) == 1
    with pytest.raises(AdmsError):
        parse_attlog(body, serial=SN, max_bytes=size - 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"1001\t2025-03-03 07:28:11", "1001\t2025-03-03 07:28:11"),
        (b"\xef\xbb\xbf1001\tSiti", "1001\tSiti"),  # UTF-8 BOM
        ("Siti Nurhalizä".encode(), "Siti Nurhalizä"),
        ("Siti Nurhalizä".encode("cp1252"), "Siti Nurhalizä"),  # device code page
        (b"", ""),
    ],
)
def test_decode_body(raw, expected) -> None:
    assert decode_body(raw) == expected


def test_decode_body_limit() -> None:
    assert decode_body(b"x" * 10, max_bytes=10) == "x" * 10
    with pytest.raises(AdmsError) as caught:
        decode_body(b"x" * 11, max_bytes=10)
    assert caught.value.code == "body_too_large"


# ---------------------------------------------------------------------------------------- commands --


def test_poll_with_nothing_queued_is_ok() -> None:
    assert poll_reply([]) == "OK"


def test_user_sync_command() -> None:
    line = format_command(101, CommandKind.USER_UPDATE, PIN="1003", Name="Budi")
    assert line == "C:101:DATA UPDATE USERINFO PIN=1003\tName=Budi\tPri=0\tPasswd=\tCard=\tGrp=1\tVerify=0"
    assert poll_reply([line]) == line


@pytest.mark.parametrize(
    ("command_id", "kind", "fields", "expected"),
    [
        (
            7,
            CommandKind.USER_UPDATE,
            {"pin": "1003", "name": "Budi Santoso", "card": "12345", "grp": 2},
            "C:7:DATA UPDATE USERINFO PIN=1003\tName=Budi Santoso\tPri=0\tPasswd=\tCard=12345\tGrp=2\tVerify=0",
        ),
        (102, CommandKind.USER_DELETE, {"PIN": "1003"}, "C:102:DATA DELETE USERINFO PIN=1003"),
        (103, CommandKind.CHECK, {}, "C:103:CHECK"),
        (104, CommandKind.INFO, {}, "C:104:INFO"),
        (105, CommandKind.REBOOT, {}, "C:105:REBOOT"),
    ],
)
def test_format_command(command_id, kind, fields, expected) -> None:
    assert format_command(command_id, kind, **fields) == expected


def test_several_commands_in_one_poll() -> None:
    lines = [format_command(101, CommandKind.USER_DELETE, PIN="1003"), format_command(102, CommandKind.CHECK)]
    assert poll_reply(lines) == "C:101:DATA DELETE USERINFO PIN=1003\nC:102:CHECK"


@pytest.mark.parametrize(
    ("command_id", "kind", "fields", "code", "field"),
    [
        (0, CommandKind.CHECK, {}, "bad_command_id", "ID"),
        (True, CommandKind.CHECK, {}, "bad_command_id", "ID"),
        (101, CommandKind.USER_UPDATE, {"Name": "Budi"}, "command_needs_pin", "PIN"),
        (101, CommandKind.USER_UPDATE, {"PIN": "1003", "Name": "Budi\tPri=14"}, "command_field_break", "Name"),
        (101, CommandKind.USER_UPDATE, {"PIN": "1003", "Photo": "x"}, "unknown_command_field", "Photo"),
        (101, CommandKind.USER_DELETE, {"PIN": "1003", "Name": "Budi"}, "unknown_command_field", "Name"),
        (101, CommandKind.REBOOT, {"PIN": "1003"}, "unknown_command_field", "PIN"),
    ],
)
def test_format_command_refuses(command_id, kind, fields, code, field) -> None:
    with pytest.raises(AdmsError) as caught:
        format_command(command_id, kind, **fields)
    assert (caught.value.code, caught.value.field) == (code, field)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("ID=101&Return=0&CMD=DATA", [(101, 0, "DATA", CommandState.DONE, ())]),
        ("ID=102&Return=-1002&CMD=DATA\n", [(102, -1002, "DATA", CommandState.FAILED, ())]),
        ("ID=103&Return=5&CMD=DATA", [(103, 5, "DATA", CommandState.DONE, ())]),  # a count is success
        (
            "ID=101&Return=0&CMD=DATA\r\nID=102&Return=0&CMD=CHECK\r\n",
            [(101, 0, "DATA", CommandState.DONE, ()), (102, 0, "CHECK", CommandState.DONE, ())],
        ),
        (
            "ID=104&Return=0&CMD=INFO\n~DeviceName=MB20\nFWVersion=Ver 6.60\nUserCount=120\n",
            [
                (
                    104,
                    0,
                    "INFO",
                    CommandState.DONE,
                    (("~DeviceName", "MB20"), ("FWVersion", "Ver 6.60"), ("UserCount", "120")),
                )
            ],
        ),
        ("id=105&return=0&cmd=REBOOT", [(105, 0, "REBOOT", CommandState.DONE, ())]),
        ("ID=106&Return=0", [(106, 0, "", CommandState.DONE, ())]),
        ("", []),
    ],
)
def test_parse_command_result(body, expected) -> None:
    parsed = parse_command_result(body)
    assert parsed.errors == ()
    assert [(r.command_id, r.return_code, r.cmd, r.state, r.extra) for r in parsed.results] == expected


@pytest.mark.parametrize(
    ("body", "good", "bad_lines"),
    [
        ("ID=abc&Return=0&CMD=DATA", 0, [1]),
        ("ID=101&CMD=DATA", 0, [1]),
        ("UserCount=120\nID=101&Return=0&CMD=DATA", 1, [1]),  # extras before any result
        ("ID=101&Return=0&CMD=DATA\nrubbish", 1, [2]),
    ],
)
def test_parse_command_result_bad_lines(body, good, bad_lines) -> None:
    parsed = parse_command_result(body)
    assert len(parsed.results) == good
    assert [e.line_no for e in parsed.errors] == bad_lines
    assert {e.code for e in parsed.errors} == {"bad_command_result"}


def test_command_result_limit() -> None:
    with pytest.raises(AdmsError):
        parse_command_result("ID=1&Return=0&CMD=DATA", max_bytes=5)


# ------------------------------------------------------------------------------------- clock drift --


@pytest.mark.parametrize(
    ("device", "server", "tolerance", "seconds", "flagged"),
    [
        (T1, T1, DEFAULT_DRIFT_TOLERANCE, 0, False),
        (T1 + timedelta(minutes=2), T1, DEFAULT_DRIFT_TOLERANCE, 120, False),  # at the tolerance: fine
        (T1 + timedelta(minutes=2, seconds=1), T1, DEFAULT_DRIFT_TOLERANCE, 121, True),
        (T1 - timedelta(minutes=3), T1, DEFAULT_DRIFT_TOLERANCE, -180, True),  # device behind
        (T1 - timedelta(minutes=3), T1, timedelta(minutes=5), -180, False),
        (T1 + timedelta(milliseconds=400), T1, timedelta(0), 0, True),
        (T1, T1, timedelta(0), 0, False),
    ],
)
def test_clock_drift(device, server, tolerance, seconds, flagged) -> None:
    drift = clock_drift(device, server, tolerance=tolerance)
    assert (drift.seconds, drift.flagged) == (seconds, flagged)


def test_default_drift_tolerance_is_two_minutes() -> None:
    assert timedelta(minutes=2) == DEFAULT_DRIFT_TOLERANCE
    assert clock_drift(T1 + timedelta(minutes=3), T1).flagged


def test_clock_drift_refuses() -> None:
    from datetime import UTC

    with pytest.raises(AdmsError) as caught:
        clock_drift(T1, T1.replace(tzinfo=UTC))
    assert caught.value.code == "mixed_time_zones"
    with pytest.raises(AdmsError) as caught:
        clock_drift(T1, T1, tolerance=timedelta(seconds=-1))
    assert caught.value.code == "bad_tolerance"


def test_error_pickles() -> None:
    import pickle

    error = AdmsError("bad_serial", "id", "en", field="SN")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.message_id, copy.message_en, copy.field, str(copy)) == (
        "bad_serial",
        "id",
        "en",
        "SN",
        "id",
    )


# -------------------------------------------------------------------------------------- properties --

pins = st.from_regex(r"[A-Za-z0-9_.-]{1,24}", fullmatch=True)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0)
)
statuses = st.one_of(st.none(), st.integers(min_value=0, max_value=255))
verifies = st.sampled_from(["0", "1", "2", "10", "15"])
records = st.tuples(pins, moments, statuses, verifies)


@given(
    rows=st.lists(records, max_size=30),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    prefix=st.sampled_from(["", "ATTLOG\t", "ATTLOG ", "17\t"]),
)
def test_format_then_parse_round_trip(rows, newline, prefix) -> None:
    body = newline.join(prefix + format_attlog_line(pin, at, status, verify) for pin, at, status, verify in rows)
    result = parse_attlog(body, serial=SN)
    assert result.errors == ()
    assert [(p.pin, p.timestamp, p.status, p.verify) for p in result.punches] == rows
    assert [p.key for p in result.punches] == [punch_key(SN, pin, at, status) for pin, at, status, _ in rows]
    resent = parse_attlog(body + newline, serial=SN)
    assert [p.key for p in resent.punches] == [p.key for p in result.punches]


@given(body=st.text(max_size=400))
def test_any_text_gives_one_outcome_per_non_blank_line(body) -> None:
    result = parse_attlog(body, serial=SN)
    outcomes = sorted([p.line_no for p in result.punches] + [e.line_no for e in result.errors])
    assert len(outcomes) == len(set(outcomes))
    assert all(isinstance(p, Punch) and p.serial == SN for p in result.punches)
    assert upload_reply(result) == f"OK: {len(outcomes)}"


@given(body=st.text(max_size=300))
def test_command_results_never_raise(body) -> None:
    parsed = parse_command_result(body)
    assert all(r.state in (CommandState.DONE, CommandState.FAILED) for r in parsed.results)
