"""The month pages: my days, one employee's month, my team, unit recaps with Excel, month close and recap
corrections: what each shows, their permission matrices and pinned query counts."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pamong.attendance.choices import DayStatusChoice, PunchSource
from pamong.attendance.models import AttendanceDay, MonthClose, MonthRecap, RecapAdjustment
from pamong.attendance.partitions import ensure_month_partitions
from pamong.attendance.services.punches import PunchIn, punches_ingest
from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations

pytestmark = pytest.mark.django_db

YEAR, MONTH = 2026, 10
BULAN = "2026-10"


def day_row(cast, employee, date, status, **kw):
    return AttendanceDay(
        tenant=cast.tenant,
        employee=employee,
        org_unit_id=employee.org_unit_id,
        date=date,
        status=status,
        computed_at=timezone.now(),
        **kw,
    )


def month_days(cast, employee):
    """October 2026 for one employee: present, late 22 minutes (TL1), a missing check-out, duty travel, absent."""
    rows = []
    for day in range(1, 32):
        date = dt.date(YEAR, MONTH, day)
        if date.weekday() >= 5:
            rows.append(day_row(cast, employee, date, DayStatusChoice.OFF))
        elif day == 5:
            rows.append(
                day_row(
                    cast, employee, date, DayStatusChoice.LATE, late_minutes=22, check_in_min=472, check_out_min=965
                )
            )
        elif day == 6:
            rows.append(day_row(cast, employee, date, DayStatusChoice.MISSING_CHECK_OUT, check_in_min=445))
        elif day == 7:
            rows.append(day_row(cast, employee, date, DayStatusChoice.EXCUSED, excuse_kind="duty_travel"))
        elif day == 8:
            rows.append(day_row(cast, employee, date, DayStatusChoice.ABSENT))
        else:
            rows.append(day_row(cast, employee, date, DayStatusChoice.PRESENT, check_in_min=445, check_out_min=965))
    return rows


def recap(cast, key, **kw):
    employee = cast.employees[key]
    values = {"working_days": 22, "present_days": 19, "late_days": 1, "late_minutes": 22, "absent_days": 1}
    values.update(kw)
    return MonthRecap.objects.create(
        tenant=cast.tenant, employee=employee, org_unit_id=employee.org_unit_id, year=YEAR, month=MONTH, **values
    )


def build_october(cast):
    ensure_month_partitions("attendance_attendanceday", [dt.date(YEAR, MONTH, 1)])
    AttendanceDay.objects.bulk_create(
        month_days(cast, cast.employees["asn"]) + month_days(cast, cast.employees["kepala_opd"])
    )
    at = dt.datetime(YEAR, MONTH, 5, 7, 52)
    punches_ingest(
        actor=SystemActor(tenant_id=cast.tenant.pk, label="test"),
        tenant_id=cast.tenant.pk,
        source=PunchSource.MANUAL,
        punches=[PunchIn(punched_at=at, natural_key="manual|asn|1", employee_id=cast.employees["asn"].pk)],
        now=dt.datetime(YEAR, MONTH, 20, tzinfo=dt.UTC),
    )
    cast.recaps = {
        "asn": recap(cast, "asn"),
        "kepala_opd": recap(cast, "kepala_opd", late_minutes=95, late_days=3),
        "asn_other_opd": recap(cast, "asn_other_opd", absent_days=0),
    }
    return cast


@pytest.fixture
def october(cast):
    return build_october(cast)


def test_my_days_show_statuses_bands_punches_and_totals(october):
    cast = october
    response = cast.client_for("asn").get(reverse("attendance:my_days") + f"?bulan={BULAN}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Presensi saya" in html and "Oktober 2026" in html
    data = response.context["data"]
    by_day = {d.date.day: d for d in data.days}
    assert (by_day[5].status_label, by_day[5].tl_band, by_day[5].check_in) == ("Terlambat", "TL1", "07.52")
    assert by_day[6].psw_band == "PSW4" and by_day[7].excuse_label == "Dinas luar"
    assert [(p.time, p.source_label) for p in by_day[5].punches] == [("07.52", "Input manual")]
    assert data.recap.late_minutes == 22 and not data.closed
    assert 'data-testid="total-absent">1<' in html
    assert 'data-testid="adjust-recap"' not in html
    url = reverse("attendance:employee_month", args=[cast.employees["asn"].pk, YEAR, MONTH])
    assert 'data-testid="adjust-recap"' in cast.client_for("hr_admin").get(url).content.decode()


def test_my_days_query_count(october, django_assert_num_queries):
    client = october.client_for("asn")
    url = reverse("attendance:my_days") + f"?bulan={BULAN}"
    client.get(url)
    # session, user, tenant, roles, employee, days, punches, recap, its corrections, the close, bell, menu
    with django_assert_num_queries(12):
        client.get(url)


def test_an_employee_month_is_404_out_of_scope(october):
    cast = october
    url = reverse("attendance:employee_month", args=[cast.employees["asn"].pk, YEAR, MONTH])
    check_matrix(
        cast,
        "get",
        url,
        expectations(200, camat=404, verifier=404, asn_other_opd=404, planner=404, other_tenant=404, anonymous=302),
    )


def test_my_days_matrix(october):
    cast = october
    url = reverse("attendance:my_days") + f"?bulan={BULAN}"
    # Users without an employee record (the Bupati, the Asisten, the planner, other_tenant's admin) have no days.
    check_matrix(
        cast, "get", url, expectations(200, bupati=403, asisten=403, planner=403, other_tenant=403, anonymous=302)
    )


GRANTED = {"bupati": 200, "sekda": 200, "asisten": 200, "kepala_opd": 200, "camat": 200, "hr_admin": 200}


@pytest.mark.parametrize("name", ["attendance:team", "attendance:recap"])
def test_team_and_recap_matrix(october, name):
    cast = october
    url = reverse(name) + f"?bulan={BULAN}"
    check_matrix(cast, "get", url, expectations(403, **GRANTED, other_tenant=200, anonymous=302))
    disdik = f"{reverse(name)}?unit={cast.units['disdik'].pk}&bulan={BULAN}"
    expected = expectations(403, **{**GRANTED, "camat": 404}, other_tenant=404, anonymous=302)
    if name == "attendance:team":
        check_matrix(cast, "get", disdik, expected)


def test_team_shows_the_units_recaps(october, django_assert_num_queries):
    cast = october
    client = cast.client_for("kepala_opd")
    url = reverse("attendance:team") + f"?unit={cast.units['disdik'].pk}&bulan={BULAN}"
    response = client.get(url)
    lines = {line.name: line.recap for line in response.context["lines"]}
    assert set(lines) == {"Budi Kadisdik", "Citra Staf"} and lines["Budi Kadisdik"].late_minutes == 95
    # session, user, tenant, roles, units, employees (count, page), recaps, the notice bell, the menu's employee
    with django_assert_num_queries(10):
        client.get(url)


def test_team_pages_a_large_unit(october, monkeypatch):
    """A Kepala Dinas with a thousand staff gets pages, not one endless table."""
    from pamong.attendance.selectors import days as days_selectors

    monkeypatch.setattr(days_selectors, "TEAM_PAGE_SIZE", 1)
    client = october.client_for("kepala_opd")
    url = reverse("attendance:team") + f"?unit={october.units['disdik'].pk}&bulan={BULAN}"
    first = client.get(url)
    second = client.get(url + "&page=2")
    names = [line.name for response in (first, second) for line in response.context["lines"]]
    assert sorted(names) == ["Budi Kadisdik", "Citra Staf"]
    assert first.context["is_paginated"] and "page=2" in first.content.decode()


def test_recap_groups_per_unit_and_says_open_or_closed(october, django_assert_num_queries):
    cast = october
    client = cast.client_for("sekda")
    url = reverse("attendance:recap") + f"?bulan={BULAN}"
    response = client.get(url)
    rows = {r["org_unit__name"]: r for r in response.context["rows"]}
    assert rows["Dinas Pendidikan"]["late_minutes"] == 95 and rows["Bidang Pembinaan SD"]["employees"] == 1
    assert "Terbuka (sementara)" in response.content.decode()
    MonthClose.objects.create(tenant=cast.tenant, year=YEAR, month=MONTH)
    assert "Ditutup (final)" in client.get(url).content.decode()
    # session, user, tenant, roles, the grouped recaps, the month's close, the notice bell, the menu's employee
    with django_assert_num_queries(8):
        client.get(url)
    # A head sees only his subtree's units.
    head = cast.client_for("kepala_opd").get(url)
    assert {r["org_unit__name"] for r in head.context["rows"]} == {"Dinas Pendidikan", "Bidang Pembinaan SD"}


def test_recap_export_is_the_units_subtree(october):
    cast = october
    url = reverse("attendance:recap_export", args=[cast.units["disdik"].pk, YEAR, MONTH])
    check_matrix(cast, "get", url, expectations(403, **{**GRANTED, "camat": 404}, other_tenant=404, anonymous=302))
    response = cast.client_for("hr_admin").get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert sorted((v[1], v[6]) for v in values) == [("Budi Kadisdik", 95), ("Citra Staf", 22)]
    assert "belum ditutup" in sheet["A2"].value


def test_month_close_page_matrix_and_months(october):
    cast = october
    url = reverse("attendance:month_close")
    check_matrix(cast, "get", url, expectations(403, hr_admin=200, other_tenant=200, anonymous=302))
    MonthClose.objects.create(tenant=cast.tenant, year=YEAR, month=MONTH)
    response = cast.client_for("hr_admin").get(url + f"?bulan={BULAN}")
    states = {(m.year, m.month): m for m in response.context["months"]}
    if (YEAR, MONTH) in states:  # the page lists the twelve months before today's
        assert states[(YEAR, MONTH)].close is not None and states[(YEAR, MONTH)].recaps == 3
    assert response.context["confirm_label"] == "Oktober 2026"


def test_month_close_posts_to_the_service(october):
    cast = october
    url = reverse("attendance:month_close")
    data = {"year": YEAR, "month": MONTH, "note": "Rekap Oktober final"}
    check_matrix(
        cast,
        "post",
        url,
        expectations(403, hr_admin=302, other_tenant=302, anonymous=302),
        data=data,
        content_type=None,
    )
    response = cast.client_for("hr_admin").post(url, data)
    assert response.status_code == 302
    assert MonthClose.objects.filter(tenant=cast.tenant, year=YEAR, month=MONTH).exists()


def test_recap_adjust_page_matrix_and_history(october):
    cast = october
    target = cast.recaps["asn"]
    url = reverse("attendance:recap_adjust", args=[target.pk])
    check_matrix(
        cast,
        "get",
        url,
        expectations(
            403, camat=404, verifier=404, asn_other_opd=404, planner=404, other_tenant=404, hr_admin=200, anonymous=302
        ),
    )
    RecapAdjustment.objects.create(
        tenant=cast.tenant, recap=target, field="absent_days", old_value=1, new_value=0, reason="SPT susulan diterima"
    )
    response = cast.client_for("hr_admin").get(url)
    assert "SPT susulan diterima" in response.content.decode()
    assert 'data-testid="not-closed"' in response.content.decode()


def test_recap_adjust_posts_to_the_service(october):
    cast = october
    MonthClose.objects.create(tenant=cast.tenant, year=YEAR, month=MONTH)
    target = cast.recaps["asn"]
    url = reverse("attendance:recap_adjust", args=[target.pk])
    data = {"field": "absent_days", "new_value": 0, "reason": "SPT susulan diterima"}
    response = cast.client_for("hr_admin").post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    target.refresh_from_db()
    assert target.absent_days == 0 and target.is_adjusted
    assert RecapAdjustment.objects.get(recap=target).reason == "SPT susulan diterima"
    refused = cast.client_for("hr_admin").post(url, {**data, "reason": ""})
    assert refused.status_code == 200 and refused.context["form"].errors
