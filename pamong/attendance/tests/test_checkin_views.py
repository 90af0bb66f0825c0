"""Pages and endpoints of the check-in, geofences and anomalies: permission matrices, answers, query counts."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from pamong.attendance.models import Anomaly, Geofence, Punch
from pamong.core.models import AuditEvent
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations

pytestmark = pytest.mark.django_db

EMPLOYEES = ("sekda", "kepala_opd", "camat", "verifier", "hr_admin", "asn", "asn_other_opd")
LAT, LON = Decimal("-5.005500"), Decimal("119.573300")


def employees(status, **overrides):
    return expectations(403, anonymous=302, **dict.fromkeys(EMPLOYEES, status), **overrides)


@pytest.fixture
def root_fence(cast):
    return Geofence.objects.create(
        tenant=cast.tenant, org_unit=cast.units["root"], name="Kompleks Kantor Bupati", latitude=LAT, longitude=LON
    )


@pytest.fixture
def disdik_fence(cast):
    return Geofence.objects.create(
        tenant=cast.tenant, org_unit=cast.units["disdik"], name="Kantor Disdik", latitude=LAT, longitude=LON
    )


@pytest.fixture
def anomaly(cast):
    return Anomaly.objects.create(
        tenant=cast.tenant,
        kind="mock_location",
        employee=cast.employees["asn"],
        org_unit=cast.units["disdik_bidang"],
        date=dt.date(2026, 11, 19),
        key=str(cast.employees["asn"].pk),
        details={"punches": 1},
    )


def body(**kw):
    now = timezone.now()
    data = {
        "client_id": str(uuid.uuid4()),
        "punched_at": (now - dt.timedelta(minutes=3)).isoformat(),
        "sent_at": now.isoformat(),
        "latitude": float(LAT),
        "longitude": float(LON),
        "accuracy_m": 12.5,
        "is_mock": False,
        "client_device": "install-abc",
        "kind": "in",
    }
    data.update(kw)
    return data


# -- the check-in page and its endpoint ---------------------------------------------------------------


def test_checkin_page_matrix(cast):
    check_matrix(cast, "get", reverse("attendance:checkin"), employees(200))


def test_checkin_page_has_no_inline_script_and_names_its_worker(cast):
    response = cast.client_for("asn").get(reverse("attendance:checkin"))
    html = response.content.decode()
    assert 'data-testid="checkin-in"' in html and 'data-sw-url="/presensi/absen/sw.js"' in html
    assert "<script>" not in html and " style=" not in html and "onclick" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_page_posts_to_the_api_with_its_session_and_csrf_token(cast, root_fence):
    """One endpoint for phones and the page: the page's script sends the session cookie and the CSRF token."""
    page = cast.client_for("asn").get(reverse("attendance:checkin")).content.decode()
    assert 'data-submit-url="/api/attendance/checkins/"' in page
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["asn"])
    refused = client.post("/api/attendance/checkins/", body(), content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    client.get(reverse("attendance:checkin"))  # sets the CSRF cookie, as the page does
    token = client.cookies["csrftoken"].value
    accepted = client.post("/api/attendance/checkins/", body(), content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201
    assert Punch.objects.filter(tenant=cast.tenant).count() == 1


def test_a_resent_check_in_answers_already_recorded(cast, root_fence):
    client = cast.client_for("asn")
    data = body()
    first = client.post("/api/attendance/checkins/", data, content_type="application/json")
    again = client.post("/api/attendance/checkins/", data, content_type="application/json")
    assert (first.status_code, first.json()["status"]) == (201, "recorded")
    assert (again.status_code, again.json()["status"]) == (200, "duplicate")
    assert Punch.objects.filter(tenant=cast.tenant).count() == 1


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"sent_at": (timezone.now() + dt.timedelta(minutes=20)).isoformat()}, "clock_skew"),
        ({"latitude": float(LAT) + 0.05}, "outside_geofence"),
        ({"punched_at": (timezone.now() - dt.timedelta(days=4)).isoformat()}, "too_old"),
        ({"punched_at": (timezone.now() + dt.timedelta(hours=1)).isoformat()}, "in_future"),
        ({"client_id": "x"}, "validation_failed"),
        ({"punched_at": "2026-11-23T07:29:00"}, "validation_failed"),
    ],
)
def test_structured_errors_with_a_session_and_with_a_token(cast, root_fence, change, code):
    data = body(**change)
    page = cast.client_for("asn").post("/api/attendance/checkins/", data, content_type="application/json")
    api = token_client(cast, "asn").post("/api/attendance/checkins/", data, format="json")
    assert (page.status_code, page.json()["code"]) == (400, code)
    assert (api.status_code, api.json()["code"]) == (400, code)
    assert page.json()["detail"]
    assert not Punch.objects.exists()


def test_a_malformed_body_names_each_field(cast, root_fence):
    data = body(latitude="utara", accuracy_m=-3, kind="siang")
    del data["sent_at"]
    response = token_client(cast, "asn").post("/api/attendance/checkins/", data, format="json")
    assert response.status_code == 400
    answer = response.json()
    assert answer["code"] == "validation_failed"
    assert set(answer["fields"]) == {"latitude", "accuracy_m", "kind", "sent_at"}
    assert not Punch.objects.exists()


def test_an_unknown_or_inactive_users_token_is_refused(cast, root_fence):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.post("/api/attendance/checkins/", body(), format="json").status_code == 401
    client = token_client(cast, "asn")
    cast.users["asn"].is_active = False
    cast.users["asn"].save(update_fields=["is_active"])
    assert client.post("/api/attendance/checkins/", body(), format="json").status_code == 401
    assert not Punch.objects.exists()


def test_an_inactive_employee_record_cannot_check_in_with_a_token(cast, root_fence):
    """The employee comes with the token (one query): its own state still decides."""
    employee = cast.employees["asn"]
    employee.is_active = False
    employee.save(update_fields=["is_active"])
    response = token_client(cast, "asn").post("/api/attendance/checkins/", body(), format="json")
    assert (response.status_code, response.json()["code"]) == (403, "no_employee")
    assert not Punch.objects.exists()


def test_no_employee_code(cast, root_fence):
    response = token_client(cast, "bupati").post("/api/attendance/checkins/", body(), format="json")
    assert (response.status_code, response.json()["code"]) == (403, "no_employee")


def test_api_checkin_matrix(cast, root_fence):
    check_matrix(
        cast,
        "post",
        "/api/attendance/checkins/",
        expectations(403, anonymous=401, **dict.fromkeys(EMPLOYEES, 201)),
        data=body(),
        client_for=token_client,
    )
    check_matrix(
        cast,
        "post",
        "/api/attendance/checkins/",
        expectations(403, anonymous=401, **dict.fromkeys(EMPLOYEES, 201)),
        data=body(),
        client_for=session_client,
    )


def test_pinned_query_count_of_the_api_check_in(cast, root_fence, django_capture_on_commit_callbacks):
    """The token with its user, employee and unit path (one query) and the insert: checking in is a self
    action (no role grants to resolve), and the tenant, the unit's fences and today's window come from the
    process cache after the first check-in (savepoints of the test transaction not counted)."""
    client = token_client(cast, "asn")
    with django_capture_on_commit_callbacks(execute=True):  # the month's partition exists and is remembered
        client.post("/api/attendance/checkins/", body(), format="json")
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/attendance/checkins/", body(), format="json")
    assert response.status_code == 201
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 2, "\n".join(statements)


def test_service_worker_and_manifest(cast):
    for url in (reverse("attendance:checkin_sw"), reverse("attendance:checkin_manifest")):
        check_matrix(cast, "get", url, expectations(200, anonymous=200))
    worker = cast.client_for("anonymous").get(reverse("attendance:checkin_sw"))
    assert worker["Service-Worker-Allowed"] == "/presensi/absen/"
    assert worker["Content-Type"].startswith("text/javascript")
    assert b'var PAGE = "/presensi/absen/"' in worker.content and b"attendance/checkin.js" in worker.content
    manifest = cast.client_for("anonymous").get(reverse("attendance:checkin_manifest"))
    assert manifest.json()["scope"] == "/presensi/absen/" and manifest["Content-Type"] == "application/manifest+json"


# -- geofences -----------------------------------------------------------------------------------------

MANAGERS_LIST = expectations(403, anonymous=302, hr_admin=200, kepala_opd=200, camat=200, other_tenant=200)


def test_geofence_list_matrix_and_queries(cast, disdik_fence, django_assert_num_queries):
    Geofence.objects.create(
        tenant=cast.tenant, org_unit=cast.units["kec"], name="Kantor Camat", latitude=LAT, longitude=LON
    )
    responses = check_matrix(cast, "get", reverse("attendance:geofence_list"), MANAGERS_LIST)
    assert "Kantor Disdik" in responses["kepala_opd"].content.decode()
    assert "Kantor Camat" not in responses["kepala_opd"].content.decode()
    assert "Kantor Camat" in responses["hr_admin"].content.decode()
    client = cast.client_for("hr_admin")
    client.get(reverse("attendance:geofence_list"))
    # session, user, TOTP device, scope (tenant, assignments), COUNT, notice bell, the user's name, rows.
    with django_assert_num_queries(9):
        client.get(reverse("attendance:geofence_list"))


def test_geofence_create_matrix_and_audit(cast):
    data = {
        "org_unit": cast.units["disdik"].pk,
        "name": "Kantor Disdik",
        "latitude": "-5.005500",
        "longitude": "119.573300",
        "radius_m": "150",
    }
    check_matrix(
        cast,
        "post",
        reverse("attendance:geofence_create"),
        expectations(403, anonymous=302, hr_admin=302, kepala_opd=302, camat=200, other_tenant=200),
        data=data,
        content_type=None,
    )
    cast.client_for("kepala_opd").post(reverse("attendance:geofence_create"), data)
    fence = Geofence.objects.get()
    assert (fence.org_unit, fence.radius_m) == (cast.units["disdik"], 150)
    assert AuditEvent.objects.filter(action="attendance.geofence.create").count() == 1
    bad = cast.client_for("hr_admin").post(reverse("attendance:geofence_create"), data | {"radius_m": "5001"})
    assert bad.status_code == 200 and "5000" in bad.content.decode().replace(".", "")


def test_geofence_update_and_toggle_matrix(cast, disdik_fence):
    object_matrix = expectations(404, anonymous=302, hr_admin=200, kepala_opd=200, bupati=403, sekda=403, asisten=403)
    check_matrix(cast, "get", reverse("attendance:geofence_update", args=[disdik_fence.pk]), object_matrix)
    check_matrix(cast, "get", reverse("attendance:geofence_toggle", args=[disdik_fence.pk]), object_matrix)
    check_matrix(
        cast,
        "post",
        reverse("attendance:geofence_toggle", args=[disdik_fence.pk]),
        object_matrix | {"hr_admin": 302, "kepala_opd": 302},
        data={"reason": "Kantor pindah"},
        content_type=None,
    )
    cast.client_for("kepala_opd").post(
        reverse("attendance:geofence_update", args=[disdik_fence.pk]),
        {
            "org_unit": cast.units["disdik"].pk,
            "name": "Kantor Baru",
            "latitude": "-5.1",
            "longitude": "119.5",
            "radius_m": "80",
        },
    )
    cast.client_for("hr_admin").post(
        reverse("attendance:geofence_toggle", args=[disdik_fence.pk]), {"reason": "Kantor pindah"}
    )
    disdik_fence.refresh_from_db()
    assert (disdik_fence.name, disdik_fence.radius_m, disdik_fence.is_active) == ("Kantor Baru", 80, False)
    assert AuditEvent.objects.get(action="attendance.geofence.deactivate").reason == "Kantor pindah"


# -- anomalies -----------------------------------------------------------------------------------------


def test_anomaly_list_matrix_and_queries(cast, anomaly, django_assert_num_queries):
    check_matrix(
        cast,
        "get",
        reverse("attendance:anomaly_list"),
        expectations(200, anonymous=302, verifier=403, asn=403, asn_other_opd=403, planner=403),
    )
    for i in range(3):
        Anomaly.objects.create(
            tenant=cast.tenant,
            kind="shared_device",
            employee=cast.employees["asn_other_opd"],
            org_unit=cast.units["dinkes"],
            date=dt.date(2026, 11, 10 + i),
            key=f"k{i}",
        )
    head = cast.client_for("kepala_opd")
    page = head.get(reverse("attendance:anomaly_list")).content.decode()
    assert "Citra Staf" in page and "Dewi Perawat" not in page and "Tinjau" not in page
    client = cast.client_for("hr_admin")
    client.get(reverse("attendance:anomaly_list"))
    # session, user, TOTP device, scope (tenant, assignments), COUNT, notice bell, the user's name, rows.
    with django_assert_num_queries(9):
        client.get(reverse("attendance:anomaly_list") + "?status=open")


def test_anomaly_review_page_matrix(cast, anomaly):
    url = reverse("attendance:anomaly_review", args=[anomaly.pk])
    visible = expectations(404, anonymous=302, hr_admin=200, bupati=403, sekda=403, asisten=403, kepala_opd=403)
    check_matrix(cast, "get", url, visible)
    check_matrix(
        cast,
        "post",
        url,
        visible | {"hr_admin": 302},
        data={"verdict": "dismissed", "note": "Wajar"},
        content_type=None,
    )


def test_anomaly_api_matrix_and_queries(cast, anomaly, django_assert_num_queries):
    check_matrix(cast, "get", "/api/attendance/anomalies/", expectations(200, anonymous=401), client_for=token_client)
    visible = expectations(404, anonymous=401, hr_admin=200, bupati=200, sekda=200, asisten=200, kepala_opd=200)
    check_matrix(cast, "get", f"/api/attendance/anomalies/{anomaly.pk}/", visible, client_for=token_client)
    check_matrix(
        cast,
        "post",
        f"/api/attendance/anomalies/{anomaly.pk}/review/",
        visible | {"bupati": 403, "sekda": 403, "asisten": 403, "kepala_opd": 403},
        data={"verdict": "confirmed", "note": "Aplikasi fake GPS"},
        client_for=token_client,
    )
    listing = token_client(cast, "kepala_opd").get("/api/attendance/anomalies/?status=open").json()
    assert [row["id"] for row in listing["results"]] == [anomaly.pk]
    assert token_client(cast, "asn").get("/api/attendance/anomalies/").json()["count"] == 0
    client = token_client(cast, "hr_admin")
    with django_assert_num_queries(5):  # token+user, tenant, assignments, COUNT, rows
        client.get("/api/attendance/anomalies/")


# -- geofences API -------------------------------------------------------------------------------------

GEOFENCE_MANAGERS_API = expectations(403, anonymous=401, hr_admin=200, kepala_opd=200, camat=200, other_tenant=200)


def test_geofence_api_list_matrix_scope_and_queries(cast, disdik_fence, django_assert_num_queries):
    Geofence.objects.create(
        tenant=cast.tenant, org_unit=cast.units["kec"], name="Kantor Camat", latitude=LAT, longitude=LON
    )
    responses = check_matrix(cast, "get", "/api/attendance/geofences/", GEOFENCE_MANAGERS_API, client_for=token_client)
    names = {
        persona: [row["name"] for row in r.json()["results"]]
        for persona, r in responses.items()
        if r.status_code == 200
    }
    assert names["kepala_opd"] == ["Kantor Disdik"]
    assert names["camat"] == ["Kantor Camat"]
    assert sorted(names["hr_admin"]) == ["Kantor Camat", "Kantor Disdik"]
    assert names["other_tenant"] == []
    client = token_client(cast, "hr_admin")
    client.get("/api/attendance/geofences/")
    # token + user, scope (tenant, assignments), COUNT, the page of rows with their units.
    with django_assert_num_queries(5):
        assert client.get("/api/attendance/geofences/?is_active=true").json()["count"] == 2


def test_geofence_api_create_matrix_validation_and_audit(cast):
    data = {
        "org_unit": cast.units["disdik"].pk,
        "name": "Kantor Disdik",
        "latitude": "-5.005500",
        "longitude": "119.573300",
        "radius_m": 150,
    }
    check_matrix(
        cast,
        "post",
        "/api/attendance/geofences/",
        expectations(403, anonymous=401, hr_admin=201, kepala_opd=201, camat=400, other_tenant=400),
        data=data,
        client_for=token_client,
    )
    client = token_client(cast, "kepala_opd")
    created = client.post("/api/attendance/geofences/", data, format="json")
    assert created.status_code == 201 and created.json()["org_unit_name"] == cast.units["disdik"].name
    assert AuditEvent.objects.filter(action="attendance.geofence.create").count() == 1
    bad = client.post("/api/attendance/geofences/", data | {"radius_m": 5001}, format="json")
    assert (bad.status_code, list(bad.json()["fields"])) == (400, ["radius_m"])
    assert "5.000" in bad.json()["fields"]["radius_m"][0]
    assert Geofence.objects.count() == 1


def test_geofence_api_update_deactivate_activate_matrix(cast, disdik_fence):
    url = f"/api/attendance/geofences/{disdik_fence.pk}/"
    managers = expectations(403, anonymous=401, hr_admin=200, kepala_opd=200, camat=404, other_tenant=404)
    check_matrix(cast, "get", url, managers, client_for=token_client)
    check_matrix(cast, "patch", url, managers, data={"radius_m": 90}, client_for=token_client)
    check_matrix(cast, "post", url + "deactivate/", managers, data={"reason": "Kantor pindah"}, client_for=token_client)
    client = token_client(cast, "kepala_opd")
    moved = client.patch(url, {"name": "Kantor Baru", "radius_m": 80}, format="json").json()
    assert (moved["name"], moved["radius_m"], moved["latitude"]) == ("Kantor Baru", 80, "-5.005500")
    assert client.post(url + "deactivate/", {}, format="json").status_code == 400  # the reason is required
    assert client.post(url + "deactivate/", {"reason": "Kantor pindah"}, format="json").json()["is_active"] is False
    assert AuditEvent.objects.get(action="attendance.geofence.deactivate").reason == "Kantor pindah"
    assert client.post(url + "activate/", format="json").json()["is_active"] is True
    assert AuditEvent.objects.filter(action="attendance.geofence.activate").count() == 1
