"""People API: employees and assignments over every persona, NIP errors per part, conflicts, query counts."""

from __future__ import annotations

import datetime as dt

import pytest

from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix, session_client, token_client
from pamong.core.testing.personas import expectations
from pamong.people.choices import AssignmentKind
from pamong.people.models import Assignment, Employee
from pamong.people.services import assignment_start, employee_create

pytestmark = pytest.mark.django_db

#: Who may see the plain ASN of Dinas Pendidikan (people.view over it, or the person themself).
SEES_ASN = ("bupati", "sekda", "asisten", "kepala_opd", "hr_admin", "asn")
READ = expectations(404, anonymous=401, **dict.fromkeys(SEES_ASN, 200))
WRITE = expectations(404, anonymous=401, **{**dict.fromkeys(SEES_ASN, 403), "hr_admin": 200})
APPOINT = expectations(404, anonymous=401, **{**dict.fromkeys(SEES_ASN, 403), "hr_admin": 201})
#: Registering someone in a unit: who sees the unit (org.view) but may not manage people gets 403;
#: a unit the caller cannot see is "not found" in the body (400), exactly like a unit that does not exist.
SEES_BIDANG = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "hr_admin", "asn", "planner")
CREATE = expectations(400, anonymous=401, **{**dict.fromkeys(SEES_BIDANG, 403), "hr_admin": 201})

#: GET /api/employees/?org_unit=... with token auth: token+user, role assignments, tenant, the filter's unit,
#: count, rows (unit and post joined).
EMPLOYEE_LIST_QUERIES = 6
#: GET /api/employees/{id}/assignments/: auth (3), the employee, count, rows (post and unit joined).
ASSIGNMENT_LIST_QUERIES = 6

VALID_NIP = "199505052020011001"


def _system(cast):
    return SystemActor(tenant_id=cast.tenant.pk, label="test")


def _extra_employees(cast, n):
    return [
        employee_create(
            actor=_system(cast),
            org_unit=cast.units["disdik_bidang"],
            nip=f"19920101201801{1 + i % 2}{100 + i:03d}",
            name=f"Pegawai {i:02d}",
            kind="pns",
            today=dt.date(2026, 11, 2),
        )
        for i in range(n)
    ]


def _employee_url(cast, persona="asn", suffix=""):
    return f"/api/employees/{cast.employees[persona].pk}/{suffix}"


# -- permission matrix -------------------------------------------------------------------------


def test_list_shows_each_persona_only_whom_they_may_see(cast):
    responses = check_matrix(cast, "get", "/api/employees/", expectations(200, anonymous=401), client_for=token_client)
    names = {p: {e["name"] for e in r.json()["results"]} for p, r in responses.items() if r.status_code == 200}
    assert names["kepala_opd"] == {"Budi Kadisdik", "Citra Staf"}
    assert names["asn"] == {"Citra Staf"}
    assert names["verifier"] == {"Fajar Inspektur"}
    assert names["camat"] == {"Eko Camat"}
    assert names["other_tenant"] == set()
    assert len(names["bupati"]) == 7


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_retrieve_follows_scope(cast, client_for):
    responses = check_matrix(cast, "get", _employee_url(cast), READ, client_for=client_for)
    detail = responses["asn"].json()
    assert (detail["nip"], detail["birth_date"], detail["gender"]) == (cast.employees["asn"].nip, "1990-03-03", "male")


def test_create_only_hr_admin(cast):
    body = {"org_unit": cast.units["disdik_bidang"].pk, "nip": VALID_NIP, "name": "Hasan", "kind": "pns"}
    check_matrix(cast, "post", "/api/employees/", CREATE, data=body, client_for=token_client)


@pytest.mark.parametrize("client_for", [token_client, session_client], ids=["token", "session"])
def test_partial_update_only_hr_admin(cast, client_for):
    check_matrix(cast, "patch", _employee_url(cast), WRITE, data={"phone": "0811"}, client_for=client_for)


def test_assignment_history_follows_scope(cast):
    responses = check_matrix(cast, "get", _employee_url(cast, suffix="assignments/"), READ, client_for=token_client)
    rows = responses["asn"].json()["results"]
    assert [(r["position"]["code"], r["kind"], r["org_unit"]["code"]) for r in rows] == [
        ("GURU", "definitive", "DISDIK-SD")
    ]


def test_appointing_only_hr_admin(cast):
    body = {"position": cast.positions["kabid_sd"].pk, "kind": "plt", "starts_on": "2026-01-05"}
    check_matrix(cast, "post", _employee_url(cast, suffix="assignments/"), APPOINT, data=body, client_for=token_client)


def test_assignment_retrieve_follows_scope(cast):
    assignment = cast.employees["asn"].assignments.get()
    check_matrix(cast, "get", f"/api/assignments/{assignment.pk}/", READ, client_for=token_client)


def test_ending_an_assignment_only_hr_admin(cast):
    assignment = cast.employees["asn"].assignments.get()
    url = f"/api/assignments/{assignment.pk}/end/"
    check_matrix(cast, "post", url, WRITE, data={"ends_on": "2026-06-30", "reason": "Mutasi"}, client_for=token_client)


# -- behaviour -----------------------------------------------------------------------------------


def test_create_decodes_the_nip_and_records_the_audit_event(cast):
    body = {
        "org_unit": cast.units["disdik_bidang"].pk,
        "nip": "19950505 202001 1 001",
        "name": "Hasan",
        "kind": "pns",
        "grade": "iii/b",
    }
    response = token_client(cast, "hr_admin").post("/api/employees/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["nip"], data["birth_date"], data["appointment_year"], data["grade"]) == (
        VALID_NIP,
        "1995-05-05",
        2020,
        "III/b",
    )
    employee = Employee.objects.get(nip=VALID_NIP)
    assert employee.tenant_id == cast.tenant.pk
    assert AuditEvent.objects.filter(action="people.employee.created", target_id=str(employee.pk)).exists()


def test_invalid_nip_names_each_faulty_part_and_writes_nothing(cast):
    before = (Employee.objects.count(), AuditEvent.objects.count())
    body = {
        "org_unit": cast.units["disdik_bidang"].pk,
        "nip": "199013322015131000",  # day 32, month 13, sequence 000
        "name": "Hasan",
        "kind": "pns",
    }
    response = token_client(cast, "hr_admin").post("/api/employees/", body, format="json")
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "validation_failed"
    assert set(data) == {"code", "detail", "fields"}
    messages = data["fields"]["nip"]
    assert len(messages) == 3
    assert "digit 1–8" in messages[0]
    assert any("digit 13–14" in m for m in messages)
    assert any("digit 16–18" in m for m in messages)
    assert (Employee.objects.count(), AuditEvent.objects.count()) == before


def test_nip_of_the_wrong_length_is_refused_by_the_rule_not_the_serializer(cast):
    body = {"org_unit": cast.units["disdik_bidang"].pk, "nip": "1990", "name": "Hasan", "kind": "pns"}
    response = token_client(cast, "hr_admin").post("/api/employees/", body, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["nip"] and "18" in response.json()["fields"]["nip"][0]


def test_duplicate_nip_is_a_field_error(cast):
    body = {"org_unit": cast.units["disdik_bidang"].pk, "nip": cast.employees["asn"].nip, "name": "X", "kind": "pns"}
    response = token_client(cast, "hr_admin").post("/api/employees/", body, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"nip": ["NIP sudah terdaftar."]}


def test_patch_changes_only_what_it_sends_and_never_the_nip(cast):
    asn = cast.employees["asn"]
    nip = asn.nip
    response = token_client(cast, "hr_admin").patch(
        _employee_url(cast), {"back_title": "S.Pd.", "nip": "199505052020011001"}, format="json"
    )
    assert response.status_code == 200
    asn.refresh_from_db()
    assert (asn.full_name, asn.nip, asn.grade) == ("Citra Staf, S.Pd.", nip, "III/a")


def test_overlapping_definitive_appointment_is_a_conflict(cast):
    gita = cast.employees["hr_admin"]
    before = Assignment.objects.count()
    body = {"position": cast.positions["kadisdik"].pk, "kind": "definitive", "starts_on": "2026-01-05"}
    response = token_client(cast, "hr_admin").post(f"/api/employees/{gita.pk}/assignments/", body, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "Budi Kadisdik" in response.json()["detail"]
    assert Assignment.objects.count() == before
    gita.refresh_from_db()
    assert gita.position_id == cast.positions["analis_sdm"].pk


def test_appointing_and_ending_through_the_api(cast):
    client = token_client(cast, "hr_admin")
    body = {
        "position": cast.positions["kabid_sd"].pk,
        "kind": "plt",
        "starts_on": "2026-01-05",
        "decree_number": "1/SK",
    }
    created = client.post(_employee_url(cast, suffix="assignments/"), body, format="json")
    assert created.status_code == 201, created.content
    assignment_id = created.json()["id"]
    ended = client.post(f"/api/assignments/{assignment_id}/end/", {"ends_on": "2026-03-31"}, format="json")
    assert ended.status_code == 200
    assert ended.json()["ends_on"] == "2026-03-31"
    again = client.post(f"/api/assignments/{assignment_id}/end/", {"ends_on": "2026-04-30"}, format="json")
    assert again.status_code == 409


def test_plt_on_a_shared_post_is_a_field_error(cast):
    body = {"position": cast.positions["perawat"].pk, "kind": "plt", "starts_on": "2026-01-05"}
    response = token_client(cast, "hr_admin").post(_employee_url(cast, suffix="assignments/"), body, format="json")
    assert response.status_code == 400
    assert "kind" in response.json()["fields"]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("q=citra", {"Citra Staf"}),
        ("q=19900303", {"Citra Staf"}),
        ("q=1990 0303", {"Citra Staf"}),
        ("org_unit={disdik}", {"Budi Kadisdik", "Citra Staf"}),
        ("org_unit={disdik}&q=budi", {"Budi Kadisdik"}),
        ("kind=pppk", set()),
    ],
)
def test_list_filters(cast, query, names):
    query = query.format(disdik=cast.units["disdik"].pk)
    response = token_client(cast, "hr_admin").get(f"/api/employees/?{query}")
    assert response.status_code == 200
    assert {e["name"] for e in response.json()["results"]} == names


# -- query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("page_size", [1, 20])
def test_list_runs_a_fixed_number_of_queries(cast, django_assert_num_queries, page_size):
    _extra_employees(cast, 20)
    client = token_client(cast, "hr_admin")
    with django_assert_num_queries(EMPLOYEE_LIST_QUERIES):
        response = client.get(f"/api/employees/?page_size={page_size}&org_unit={cast.units['disdik'].pk}")
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize("page_size", [1, 20])
def test_assignment_history_runs_a_fixed_number_of_queries(cast, django_assert_num_queries, page_size):
    for day in range(1, 21):  # twenty one-day Plt stints in the (vacant) head post of the Bidang
        assignment_start(
            actor=_system(cast),
            employee=cast.employees["asn"],
            position=cast.positions["kabid_sd"],
            kind=AssignmentKind.PLT,
            starts_on=dt.date(2025, 3, day),
            ends_on=dt.date(2025, 3, day),
        )
    client = token_client(cast, "hr_admin")
    with django_assert_num_queries(ASSIGNMENT_LIST_QUERIES):
        response = client.get(_employee_url(cast, suffix=f"assignments/?page_size={page_size}"))
    assert len(response.json()["results"]) == page_size
