"""checkin_record: device time kept, clock tolerance, age, geofence with accuracy, duty-travel exemption,
resend idempotence, other tenant, offline replay, and the pinned number of queries."""

import datetime as dt
import math
import uuid
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pamong.attendance.choices import ExcuseKind, ExcuseStatus
from pamong.attendance.models import Excuse, Geofence, Punch, ScheduleDay, UnitSchedule, WorkSchedule
from pamong.attendance.services.checkin import checkin_record
from pamong.core.errors import DomainError, Forbidden, ValidationFailed
from pamong.core.scope import forget_scope

pytestmark = pytest.mark.django_db

# 2026-11-20 10:00 WITA (the cast tenant's zone) = 02:00 UTC.
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
OFFICE = (Decimal("-5.005500"), Decimal("119.573300"))
ONE_DEGREE_M = 2 * math.pi * 6_371_008.8 / 360


def north(metres):
    return float(OFFICE[0]) + metres / ONE_DEGREE_M


def fence(cast, unit="disdik", radius=100, tenant=None, **kw):
    return Geofence.objects.create(
        tenant=tenant or cast.tenant,
        org_unit=cast.units[unit],
        name=kw.pop("name", "Kantor Dinas Pendidikan"),
        latitude=kw.pop("latitude", OFFICE[0]),
        longitude=kw.pop("longitude", OFFICE[1]),
        radius_m=radius,
        **kw,
    )


def record(cast, persona="asn", *, at=NOW, sent=None, metres=0.0, accuracy=10, **kw):
    user = cast.users[persona]
    forget_scope(user)
    defaults = {
        "actor": user,
        "client_id": str(uuid.uuid4()),
        "punched_at": at,
        "sent_at": sent or NOW,
        "latitude": north(metres),
        "longitude": float(OFFICE[1]),
        "accuracy_m": accuracy,
        "is_mock": False,
        "client_device": "install-1",
        "now": NOW,
    }
    defaults.update(kw)
    return checkin_record(**defaults)


def code_of(callable_):
    with pytest.raises(DomainError) as info:
        callable_()
    return info.value.code


def test_records_the_device_time_in_the_tenant_zone(cast):
    fence(cast)
    pressed = NOW - dt.timedelta(minutes=31, seconds=12)  # 07:28:48 WITA... pressed at 09:28:48 WITA
    result = record(cast, at=pressed, kind="in")
    assert result.created and result.local_time == "09:28:48"
    punch = Punch.objects.get()
    assert punch.punched_at == pressed  # the phone's time, not the arrival time
    assert punch.received_at == NOW
    assert (punch.source, punch.status, punch.employee_id) == ("mobile", 0, cast.employees["asn"].pk)
    assert punch.natural_key == f"web|{cast.employees['asn'].pk}|{result.client_id}"
    assert punch.latitude == OFFICE[0] and punch.accuracy_m == 10 and punch.client_device == "install-1"
    assert (punch.local_date, punch.local_minute) == (dt.date(2026, 11, 20), 9 * 60 + 28)
    assert result.geofence == "Kantor Dinas Pendidikan" and not result.outside_geofence


def test_resend_of_the_same_uuid_is_already_recorded(cast):
    fence(cast)
    client_id = str(uuid.uuid4())
    first = record(cast, client_id=client_id, at=NOW - dt.timedelta(minutes=5))
    again = record(cast, client_id=client_id, at=NOW - dt.timedelta(minutes=5))
    assert first.created and not again.created
    assert "sudah tercatat" in again.message
    assert Punch.objects.count() == 1


@pytest.mark.parametrize(
    ("skew_s", "ok"),
    [(0, True), (300, True), (-300, True), (301, False), (-301, False), (3600, False)],
)
def test_clock_tolerance_boundaries(cast, skew_s, ok):
    fence(cast)
    call = lambda: record(cast, sent=NOW + dt.timedelta(seconds=skew_s), at=NOW - dt.timedelta(seconds=30))  # noqa: E731
    if ok:
        assert call().created
    else:
        assert code_of(call) == "clock_skew"
        assert not Punch.objects.exists()


def test_clock_tolerance_follows_the_tenant_setting(cast):
    fence(cast)
    cast.tenant.settings = {"attendance": {"checkin_clock_tolerance_seconds": 60}}
    cast.tenant.save()
    cast.users["asn"].tenant.refresh_from_db()
    assert code_of(lambda: record(cast, sent=NOW + dt.timedelta(seconds=61))) == "clock_skew"
    assert record(cast, sent=NOW + dt.timedelta(seconds=60)).created


@pytest.mark.parametrize(
    ("age", "code"),
    [
        (dt.timedelta(hours=72), None),
        (dt.timedelta(hours=72, seconds=1), "too_old"),
        (-dt.timedelta(seconds=300), None),
        (-dt.timedelta(seconds=301), "in_future"),
    ],
)
def test_age_and_future_boundaries(cast, age, code):
    fence(cast)
    call = lambda: record(cast, at=NOW - age)  # noqa: E731
    if code is None:
        assert call().created
    else:
        assert code_of(call) == code


@pytest.mark.parametrize(
    ("metres", "accuracy", "ok"),
    [(95, 0, True), (100, 0, True), (104, 0, False), (130, 40, True), (145, 40, False), (199, 5000, True)],
)
def test_geofence_boundary_with_accuracy(cast, metres, accuracy, ok):
    fence(cast, radius=100)
    call = lambda: record(cast, metres=metres, accuracy=accuracy)  # noqa: E731
    if ok:
        assert call().created
    else:
        with pytest.raises(ValidationFailed) as info:
            call()
        assert info.value.code == "outside_geofence"
        assert "m dari Kantor Dinas Pendidikan" in info.value.message


def test_outside_names_the_distance_to_the_nearest_fence(cast):
    fence(cast, radius=100)
    fence(cast, unit="root", radius=50, name="Kantor Bupati", latitude=Decimal(str(round(north(2000), 6))))
    with pytest.raises(ValidationFailed) as info:
        record(cast, metres=1500)
    assert "500 m dari Kantor Bupati" in info.value.message


def test_fences_of_other_units_inactive_or_other_tenants_do_not_count(cast):
    fence(cast, unit="dinkes")
    fence(cast, unit="disdik", is_active=False)
    Geofence.objects.create(
        tenant=cast.other_tenant,
        org_unit=cast.units["other_root"],
        name="Lain",
        latitude=OFFICE[0],
        longitude=OFFICE[1],
        radius_m=100,
    )
    assert code_of(lambda: record(cast)) == "outside_geofence"
    # The other OPD's employee is inside her own unit's fence.
    assert record(cast, "asn_other_opd").created


def test_duty_travel_lets_a_punch_outside_in_and_flags_it(cast):
    fence(cast)
    Excuse.objects.create(
        tenant=cast.tenant,
        employee=cast.employees["asn"],
        kind=ExcuseKind.DUTY_TRAVEL,
        starts_on=dt.date(2026, 11, 19),
        ends_on=dt.date(2026, 11, 21),
        reason="SPT ke Makassar",
        status=ExcuseStatus.APPROVED,
    )
    result = record(cast, metres=25_000)
    assert result.created and result.outside_geofence and result.away_excuse == "duty_travel"
    assert result.geofence == ""


def test_a_requested_not_approved_excuse_does_not_exempt(cast):
    fence(cast)
    Excuse.objects.create(
        tenant=cast.tenant,
        employee=cast.employees["asn"],
        kind=ExcuseKind.WFH,
        starts_on=dt.date(2026, 11, 20),
        ends_on=dt.date(2026, 11, 20),
        reason="WFH",
        status=ExcuseStatus.REQUESTED,
    )
    assert code_of(lambda: record(cast, metres=25_000)) == "outside_geofence"


def test_only_employee_users_check_in(cast):
    fence(cast, unit="root")
    for persona in ("bupati", "planner", "other_tenant"):
        with pytest.raises(Forbidden) as info:
            record(cast, persona)
        assert info.value.code == "no_employee"


def test_mock_location_is_kept_and_reported(cast):
    fence(cast)
    result = record(cast, is_mock=True)
    assert result.created and result.is_mock and Punch.objects.get().is_mock


def test_the_answer_says_how_the_punch_counts_against_the_window(cast):
    fence(cast)
    schedule = WorkSchedule.objects.create(tenant=cast.tenant, code="5HK", name="5 hari", is_default=True)
    ScheduleDay.objects.create(
        tenant=cast.tenant, schedule=schedule, date=dt.date(2026, 11, 20), start_min=450, end_min=990
    )
    special = WorkSchedule.objects.create(tenant=cast.tenant, code="SD", name="Sekolah")
    ScheduleDay.objects.create(
        tenant=cast.tenant, schedule=special, date=dt.date(2026, 11, 20), start_min=420, end_min=780
    )
    assert record(cast, at=NOW - dt.timedelta(hours=2, minutes=35)).counts_as == "check_in"  # 07:25
    result = record(cast)  # 10:00, before the middle of 07.30-16.30 (12.00)
    assert (result.counts_as, result.window) == ("check_in", ("07.30", "16.30"))
    UnitSchedule.objects.create(
        tenant=cast.tenant, org_unit=cast.units["disdik"], schedule=special, valid_from=dt.date(2026, 1, 1)
    )
    result = record(cast)  # within READ_CACHE_SECONDS a process still answers with the window it read
    assert result.window == ("07.30", "16.30")
    cache.clear()  # a minute later
    result = record(cast)  # the unit's own schedule (07.00-13.00): 10:00 is past its middle
    assert (result.counts_as, result.window) == ("check_out", ("07.00", "13.00"))


def test_offline_replay_keeps_every_punch_at_its_device_time(cast):
    """Punches pressed while offline (two days, in and out) arrive together hours later: all recorded at
    their device times, a second replay of the same queue adds nothing, and nothing is lost."""
    fence(cast)
    pressed = [
        NOW - dt.timedelta(days=2, hours=2, minutes=33),  # 18 Nov 07:27 WITA
        NOW - dt.timedelta(days=2, hours=-6, minutes=-4),  # 18 Nov 16:04
        NOW - dt.timedelta(days=1, hours=2, minutes=41),  # 19 Nov 07:19
        NOW - dt.timedelta(days=1, hours=-6, minutes=-31),  # 19 Nov 16:31
        NOW - dt.timedelta(hours=2, minutes=29),  # 20 Nov 07:31
    ]
    queue = [(str(uuid.uuid4()), at, "in" if i % 2 == 0 else "out") for i, at in enumerate(pressed)]
    sent = NOW + dt.timedelta(seconds=40)  # the phone runs 40 s fast, within tolerance
    first = [record(cast, client_id=c, at=at, kind=k, sent=sent) for c, at, k in queue]
    replay = [record(cast, client_id=c, at=at, kind=k, sent=sent) for c, at, k in queue]
    assert [r.created for r in first] == [True] * 5 and [r.created for r in replay] == [False] * 5
    stored = list(Punch.objects.order_by("punched_at").values_list("punched_at", "local_date", "local_minute"))
    assert [s[0] for s in stored] == pressed
    assert [(s[1].day, s[2]) for s in stored] == [
        (18, 7 * 60 + 27),
        (18, 16 * 60 + 4),
        (19, 7 * 60 + 19),
        (19, 16 * 60 + 31),
        (20, 7 * 60 + 31),
    ]


def test_bad_input_is_refused(cast):
    fence(cast)
    assert code_of(lambda: record(cast, client_id="not-a-uuid")) == "validation_failed"
    assert code_of(lambda: record(cast, latitude=95.0)) == "validation_failed"
    assert code_of(lambda: record(cast, accuracy=-1)) == "validation_failed"
    assert code_of(lambda: record(cast, kind="lunch")) == "validation_failed"
    assert code_of(lambda: record(cast, at=dt.datetime(2026, 11, 20, 9, 0))) == "validation_failed"


def test_pinned_query_count_of_a_check_in(cast, django_capture_on_commit_callbacks):
    """Employee + unit path, fences, window, then punches_ingest: tenant, closed months, insert.

    The scope (role assignments) is computed once per request by the middleware or authentication and
    counted apart; here it is computed before measuring."""
    fence(cast)
    user = cast.users["asn"]
    forget_scope(user)
    from pamong.core.scope import scope_of

    scope_of(user)
    record_kwargs = {
        "actor": user,
        "punched_at": NOW,
        "sent_at": NOW,
        "latitude": float(OFFICE[0]),
        "longitude": float(OFFICE[1]),
        "accuracy_m": 5,
        "is_mock": False,
        "client_device": "x",
        "now": NOW,
    }
    # The month's partition exists now and, as after any committed request, is remembered by the process.
    with django_capture_on_commit_callbacks(execute=True):
        checkin_record(client_id=str(uuid.uuid4()), **record_kwargs)
    with CaptureQueriesContext(connection) as queries:
        checkin_record(client_id=str(uuid.uuid4()), **record_kwargs)
    # Savepoints exist only because the test runs inside a transaction (a request runs in autocommit).
    statements = [
        q["sql"] for q in queries.captured_queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))
    ]
    # Only the INSERT (a single punch takes the plain INSERT on both databases): this month cannot be closed,
    # and the tenant, the employee with its unit path, the unit's fences and today's window are in the process
    # cache since the first check-in (READ_CACHE_SECONDS); with a cold cache they cost one query each.
    assert len(statements) == 1, statements
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        checkin_record(client_id=str(uuid.uuid4()), **record_kwargs)
    cold = [q["sql"] for q in queries.captured_queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))]
    assert len(cold) == 5, cold


def test_the_token_user_comes_with_its_employee_and_unit_as_the_orm_reads_them(cast):
    """``checkin_token_user`` builds the instances from one plain statement: every loaded field must hold what
    the ORM reads, and nothing else may be loaded (a deferred field is read on access, not wrong)."""
    from rest_framework.authtoken.models import Token

    from pamong.attendance.selectors.checkin import _TOKEN_USER_ATTNAMES, checkin_token_user

    user = cast.users["asn"]
    token, _created = Token.objects.get_or_create(user=user)
    with CaptureQueriesContext(connection) as queries:
        loaded = checkin_token_user(token.key)
        employee, unit = loaded.employee, loaded.employee.org_unit
    assert len(queries.captured_queries) == 1
    for instance, (model, attnames) in zip((loaded, employee, unit), _TOKEN_USER_ATTNAMES, strict=True):
        fresh = model.objects.get(pk=instance.pk)
        assert {a: getattr(instance, a) for a in attnames} == {a: getattr(fresh, a) for a in attnames}
        assert set(instance.get_deferred_fields()) == {
            f.attname for f in model._meta.concrete_fields if f.attname not in attnames
        }
    assert (employee.is_active, unit.path) == (True, cast.units["disdik_bidang"].path)
    assert checkin_token_user("0" * 40) is None
    bupati = Token.objects.create(user=cast.users["bupati"])
    assert checkin_token_user(bupati.key).employee is None
