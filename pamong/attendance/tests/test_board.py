"""The today board: classification of a morning (table), the board of an OPD head and of the Sekda read live from
punches, excuses, outages and the unit schedules, its pinned query counts, and the page's permission matrix."""

import datetime as dt
import itertools

import pytest
from django.urls import reverse

from pamong.attendance.choices import ExcuseKind, ExcuseStatus, PunchSource
from pamong.attendance.derive.calendar import schedule_days_rebuild
from pamong.attendance.models import Excuse, Outage, WorkSchedule
from pamong.attendance.selectors.board import (
    ABSENT,
    EXCUSED,
    IN,
    LATE,
    NOT_IN,
    OFF,
    Expected,
    _classify,
    today_board,
)
from pamong.attendance.services.punches import PunchIn, punches_ingest
from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.org.choices import OrgUnitKind
from pamong.org.services import unit_create
from pamong.people.services import employee_create

# Monday 2026-11-23, 10:00 WITA (the cast tenant's zone) = 02:00 UTC.
DAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)
EVENING = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)  # 17:30 WITA, after the 16:00 end
WORKDAY = {"start": "07:30", "end": "16:00", "break_start": "12:00", "break_end": "13:00"}
_seq = itertools.count(500)


def five_day_schedule(cast, day=DAY, every_day=False):
    """The tenant's default schedule (Mon–Fri 07:30–16:00, or every day) materialised for ``day``."""
    week = [WORKDAY] * 7 if every_day else [WORKDAY] * 5 + [None, None]
    WorkSchedule.objects.create(tenant=cast.tenant, code="5HK", name="5 hari kerja", week=week, is_default=True)
    schedule_days_rebuild(tenant_id=cast.tenant.pk, start=day, end=day)


def staff(cast, unit, name):
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    seq = next(_seq)
    return employee_create(
        actor=system,
        org_unit=unit,
        nip=f"19900101201501{1}{seq:03d}",
        name=name,
        kind="pns",
        today=DAY,
        grade="III/a",
    )


def punch(cast, employee, hour, minute, day=DAY, now=NOW):
    at = dt.datetime.combine(day, dt.time(hour, minute))
    punches_ingest(
        actor=SystemActor(tenant_id=cast.tenant.pk, label="test"),
        tenant_id=cast.tenant.pk,
        source=PunchSource.MANUAL,
        punches=[
            PunchIn(punched_at=at, natural_key=f"manual|{employee.pk}|{at:%Y-%m-%d %H:%M}", employee_id=employee.pk)
        ],
        now=now,
    )


def excuse(cast, employee, kind=ExcuseKind.DUTY_TRAVEL, start=None, end=None, status=ExcuseStatus.APPROVED):
    return Excuse.objects.create(
        tenant=cast.tenant,
        employee=employee,
        kind=kind,
        leave_kind="tahunan" if kind == ExcuseKind.LEAVE else "",
        starts_on=DAY,
        ends_on=DAY,
        start_time=start,
        end_time=end,
        reason="uji",
        status=status,
    )


# -- the classification of one employee's morning (pure) -------------------------------------------------------

W = Expected(450, 960)  # 07:30–16:00


@pytest.mark.parametrize(
    ("expected", "first", "exc", "window", "outages", "now", "grace", "status", "late"),
    [
        (W, 445, None, None, [], 600, 0, IN, 0),  # 07:25
        (W, 450, None, None, [], 600, 0, IN, 0),  # 07:30 (07:30:59 counts as 07:30)
        (W, 472, None, None, [], 600, 0, LATE, 22),  # 07:52 → 22 minutes (rules.md §2.4)
        (W, 455, None, None, [], 600, 5, IN, 0),  # within a 5-minute grace
        (W, 456, None, None, [], 600, 5, LATE, 6),  # beyond the grace the whole count stands
        (W, None, None, None, [], 600, 0, NOT_IN, 0),  # 10:00, not yet in
        (W, None, None, None, [], 1000, 0, ABSENT, 0),  # 16:40, the day is over
        (W, None, "duty_travel", None, [], 1000, 0, EXCUSED, 0),
        (W, 480, "duty_travel", None, [], 600, 0, EXCUSED, 0),  # a whole-day excuse wins over a punch
        (W, 500, "permit", (420, 510), [], 600, 0, IN, 0),  # permit 07:00–08:30 covers the start
        (W, None, "permit", (420, 630), [], 600, 0, EXCUSED, 0),  # still inside the permit window
        (W, None, "permit", (420, 510), [], 600, 0, NOT_IN, 0),  # the permit is over, not in yet
        (W, 500, None, None, [(420, 495)], 600, 0, LATE, 5),  # outage 07:00–08:15: counted from 08:15
        (Expected(None, None, "Hari Pahlawan"), 470, None, None, [], 600, 0, OFF, 0),
        (None, None, None, None, [], 600, 0, OFF, 0),  # a unit without any schedule
    ],
)
def test_classify(expected, first, exc, window, outages, now, grace, status, late):
    verdict = _classify(
        expected=expected,
        first_min=first,
        exc_kind=exc,
        exc_leave=None,
        exc_window=window,
        on_roster=False,
        shift=(None, None),
        outages=outages,
        now_min=now,
        grace=grace,
    )
    assert (verdict.status, verdict.late) == (status, late)


@pytest.mark.parametrize(
    ("on_roster", "shift", "first", "now", "status", "late"),
    [
        (True, (420, 840), 430, 600, LATE, 10),  # Pagi 07:00–14:00, in at 07:10
        (True, (1260, 420), None, 1300, NOT_IN, 0),  # Malam 21:00–07:00 (tomorrow), 21:40 not yet in
        (True, (None, None), None, 600, OFF, 0),  # rostered off today
        (False, (None, None), None, 600, OFF, 0),  # no roster entry: off
    ],
)
def test_classify_roster(on_roster, shift, first, now, status, late):
    verdict = _classify(
        expected=Expected(None, None, roster=True),
        first_min=first,
        exc_kind=None,
        exc_leave=None,
        exc_window=None,
        on_roster=on_roster,
        shift=shift,
        outages=[],
        now_min=now,
        grace=0,
    )
    assert (verdict.status, verdict.late) == (status, late)


# -- the board, read live ------------------------------------------------------------------------------------


@pytest.fixture
def morning(cast):
    """Dinas Pendidikan on Monday morning: the head late, Citra on time, one on duty travel, one not yet in."""
    five_day_schedule(cast)
    bidang = cast.units["disdik_bidang"]
    cast.extra = {"dinas_luar": staff(cast, bidang, "Hadi Dinas Luar"), "belum": staff(cast, bidang, "Indah Belum")}
    punch(cast, cast.employees["asn"], 7, 25)
    punch(cast, cast.employees["asn"], 7, 40)  # a second punch: the first counts
    punch(cast, cast.employees["kepala_opd"], 7, 52)
    punch(cast, cast.employees["asn_other_opd"], 8, 10)  # Dinas Kesehatan
    excuse(cast, cast.extra["dinas_luar"])
    excuse(cast, cast.extra["belum"], status=ExcuseStatus.REQUESTED)  # not approved: does not count
    return cast


def statuses(board):
    return {row.name: (row.status, row.late_minutes) for row in board.rows}


def test_the_opd_heads_board(morning):
    cast = morning
    board = today_board(actor=cast.users["kepala_opd"], tenant=cast.tenant, now=NOW)
    assert board.unit.pk == cast.units["disdik"].pk and board.today == DAY and board.now_hhmm == "10.00"
    assert statuses(board) == {
        "Budi Kadisdik": (LATE, 22),
        "Citra Staf": (IN, 0),
        "Hadi Dinas Luar": (EXCUSED, 0),
        "Indah Belum": (NOT_IN, 0),
    }
    assert board.counts.as_dict() == {IN: 1, LATE: 1, NOT_IN: 1, ABSENT: 0, EXCUSED: 1, OFF: 0}
    assert [(g.name, g.counts.total) for g in board.groups] == [("Bidang Pembinaan SD", 3)]
    # After the day's end, whoever has not come is absent.
    evening = today_board(actor=cast.users["kepala_opd"], tenant=cast.tenant, now=EVENING)
    assert statuses(evening)["Indah Belum"] == (ABSENT, 0)


def test_an_outage_excuses_the_morning(morning):
    cast = morning
    Outage.objects.create(
        tenant=cast.tenant, date=DAY, start_time=dt.time(7, 0), end_time=dt.time(8, 0), reason="server mati"
    )
    board = today_board(actor=cast.users["kepala_opd"], tenant=cast.tenant, now=NOW)
    assert statuses(board)["Budi Kadisdik"] == (IN, 0)


def test_the_sekdas_board_groups_by_opd(morning):
    cast = morning
    board = today_board(actor=cast.users["sekda"], tenant=cast.tenant, now=NOW)
    assert board.unit is None and board.rows is None
    groups = {g.name: g.counts.as_dict() for g in board.groups}
    assert groups["Dinas Pendidikan"] == {IN: 1, LATE: 1, NOT_IN: 1, ABSENT: 0, EXCUSED: 1, OFF: 0}
    assert groups["Dinas Kesehatan"] == {IN: 0, LATE: 1, NOT_IN: 0, ABSENT: 0, EXCUSED: 0, OFF: 0}
    assert board.counts.total == 9  # the cast's seven and the two added
    # Drilling into an OPD gives its rows.
    drill = today_board(actor=cast.users["sekda"], tenant=cast.tenant, now=NOW, unit_id=cast.units["dinkes"].pk)
    assert statuses(drill) == {"Dewi Perawat": (LATE, 40)}


def test_a_weekend_is_off(morning):
    cast = morning
    saturday = dt.date(2026, 11, 28)
    schedule_days_rebuild(tenant_id=cast.tenant.pk, start=saturday, end=saturday)
    board = today_board(actor=cast.users["camat"], tenant=cast.tenant, now=NOW + dt.timedelta(days=5))
    assert board.counts.as_dict()[OFF] == board.counts.total == 1


def test_the_asisten_sees_his_cluster_and_the_asn_no_board(morning):
    from pamong.core.errors import Forbidden

    cast = morning
    board = today_board(actor=cast.users["asisten"], tenant=cast.tenant, now=NOW)
    assert sorted(g.name for g in board.groups) == ["Dinas Pendidikan", "Kecamatan Anggrek"] and board.rows is None
    with pytest.raises(Forbidden):
        today_board(actor=cast.users["asn"], tenant=cast.tenant, now=NOW)


def _more_opds(cast, n):
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    for i in range(n):
        unit = unit_create(
            actor=system, parent=cast.units["root"], code=f"X{i}", name=f"Badan {i}", kind=OrgUnitKind.BADAN
        )
        for j in range(3):
            person = staff(cast, unit, f"Staf {i}-{j}")
            punch(cast, person, 7, 20 + j * 10)


def fresh(cast, persona):
    # A user loaded anew, as in a request: its scope (the roles) and its tenant are counted.
    return type(cast.users[persona]).objects.get(pk=cast.users[persona].pk)


def test_query_counts_do_not_grow_with_opds(morning, django_assert_num_queries):
    # The scope's two, the units, three for the schedule spans, the schedule days, the outages, the employees.
    cast = morning
    user = fresh(cast, "sekda")
    with django_assert_num_queries(10):
        today_board(actor=user, tenant=cast.tenant, now=NOW)
    user = fresh(cast, "kepala_opd")
    with django_assert_num_queries(10):
        today_board(actor=user, tenant=cast.tenant, now=NOW)
    _more_opds(cast, 4)
    user = fresh(cast, "sekda")
    with django_assert_num_queries(10):
        board = today_board(actor=user, tenant=cast.tenant, now=NOW)
    added = next(g for g in board.groups if g.name == "Badan 0")
    assert added.counts.as_dict() == {IN: 2, LATE: 1, NOT_IN: 0, ABSENT: 0, EXCUSED: 0, OFF: 0}
    user = fresh(cast, "kepala_opd")
    with django_assert_num_queries(10):
        today_board(actor=user, tenant=cast.tenant, now=NOW)


def test_the_page_and_its_live_fragment(morning, django_assert_num_queries):
    cast = morning
    client = cast.client_for("kepala_opd")
    url = reverse("attendance:board")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="board-live"' in html and 'hx-trigger="every 60s"' in html and "Budi Kadisdik" in html
    fragment = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="board-live")
    body = fragment.content.decode()
    assert body.lstrip().startswith('<div id="board-live"') and "<html" not in body
    with django_assert_num_queries(12):  # session, user, and the board's ten
        client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="board-live")
    sekda = cast.client_for("sekda")
    with django_assert_num_queries(14):  # a full page: +1 for the notice bell, +1 the menu's
        sekda.get(url)


def test_board_matrix(morning):
    cast = morning
    url = reverse("attendance:board")
    check_matrix(
        cast,
        "get",
        url,
        expectations(200, asn=403, asn_other_opd=403, verifier=403, planner=403, anonymous=302),
    )
    drill = f"{url}?unit={cast.units['disdik'].pk}"
    check_matrix(
        cast,
        "get",
        drill,
        expectations(
            404,
            bupati=200,
            sekda=200,
            asisten=200,
            kepala_opd=200,
            hr_admin=200,
            asn=403,
            asn_other_opd=403,
            verifier=403,
            planner=403,
            anonymous=302,
        ),
    )


def test_home_panel_own_day_and_head_counts(cast, settings):
    from django.utils import timezone

    panel = "pamong.attendance.views.home.home_panels"
    if panel not in settings.PAMONG_HOME_PANELS:
        settings.PAMONG_HOME_PANELS = [*settings.PAMONG_HOME_PANELS, panel]

    today = cast.tenant.today()
    five_day_schedule(cast, day=today, every_day=True)
    asn = cast.client_for("asn").get(reverse("core:home")).content.decode()
    assert 'data-testid="home-own-today"' in asn and "belum presensi" in asn and 'data-testid="home-board"' not in asn
    now = timezone.now()
    local = timezone.localtime(now, cast.tenant.zone) - dt.timedelta(minutes=1)
    punch(cast, cast.employees["asn"], local.hour, local.minute, day=local.date(), now=now)
    asn = cast.client_for("asn").get(reverse("core:home")).content.decode()
    assert f"masuk {local:%H.%M}" in asn
    head = cast.client_for("kepala_opd").get(reverse("core:home")).content.decode()
    assert 'data-testid="home-board"' in head and 'data-testid="home-own-today"' in head
    assert 'data-testid="home-attendance"' not in cast.client_for("planner").get(reverse("core:home")).content.decode()


def test_the_page_filters_rows_by_status_and_caps_a_large_unit(morning, monkeypatch):
    """A Kepala Dinas with a thousand staff: the status cards filter the rows, and at most ROWS_SHOWN are listed."""
    import re

    from pamong.attendance.views import board as board_views

    client = morning.client_for("kepala_opd")
    url = reverse("attendance:board")
    statuses_seen = re.findall(r'data-status="([a-z_]+)"', client.get(url).content.decode())
    assert len(statuses_seen) == 4
    chosen = statuses_seen[0]
    filtered = client.get(url, {"status": chosen}).content.decode()
    assert set(re.findall(r'data-status="([a-z_]+)"', filtered)) == {chosen}
    assert f'hx-get="{url}?status={chosen}"' in filtered  # the live refresh keeps the filter
    assert client.get(url, {"status": "nonsense"}).status_code == 200  # an unknown status is ignored
    monkeypatch.setattr(board_views, "ROWS_SHOWN", 1)
    capped = client.get(url).content.decode()
    assert len(re.findall(r'data-status="', capped)) == 1 and 'data-testid="rows-more"' in capped
