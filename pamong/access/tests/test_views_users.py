"""Account pages of the BKPSDM admin: list, detail, new account, role assign/end, TOTP reset.

Scope (404 outside, 403 for pages without an object), forms over the services, nothing written on
bad input, and pinned query counts for the list.
"""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from pamong.access.models import RoleAssignment, User
from pamong.access.roles import Role
from pamong.access.services import role_assign
from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.core.views import tenant_today
from pamong.people.services import employee_create

pytestmark = pytest.mark.django_db

ROLE_ROW = re.compile(r'data-testid="role-row">\s*<td>([^<]+?) <span class="badge text-bg-\w+">([^<]+)</span>')
USERNAME_CELL = re.compile(r'<a class="fw-semibold" href="/akun/pengguna/\d+/">([^<]+)</a>')
STRONG_PASSWORD = "Merbabu-Sindoro-2026"
TENANT_USERS = {
    "bupati",
    "sekda",
    "asisten",
    "kepala_opd",
    "camat",
    "verifier",
    "hr_admin",
    "asn",
    "asn_other_opd",
    "planner",
}

# Users are seen only with access.manage: every other persona meets "not found" on an account's page,
# and the other tenant's admin cannot reach this tenant's accounts.
ACCOUNT = expectations(404, hr_admin=200, anonymous=302)
# Pages without an object: 403 for users who may manage accounts nowhere (as people's employee_create).
NO_OBJECT = expectations(403, hr_admin=200, other_tenant=200, anonymous=302)


def usernames(response):
    return USERNAME_CELL.findall(response.content.decode())


def today(cast):
    return tenant_today(cast.users["hr_admin"])


def row_of(html, username):
    start = html.index(f">{username}</a>")
    return html[start:].split("</tr>")[0]


def errors_of(html, field):
    marker = f'data-testid="errors-{field}"'
    return html[html.index(marker) :].split("</ul>")[0] if marker in html else ""


def add_users(cast, count):
    """``count`` accounts with an employee record and two current roles each."""
    system = SystemActor(tenant_id=cast.tenant.pk)
    for i in range(count):
        employee = employee_create(
            actor=system,
            org_unit=cast.units["dinkes"],
            nip=f"19930{(i % 9) + 1}15 2019{(i % 12) + 1:02d} 1 {i + 200:03d}",
            name=f"Akun Uji {i:02d}",
            kind="pns",
            today=today(cast),
            grade="III/a",
        )
        user = User.objects.create_user(username=f"uji{i:02d}", tenant=cast.tenant, employee=employee)
        role_assign(actor=system, user=user, role=Role.ASN, org_unit=cast.units["dinkes"])
        role_assign(actor=system, user=user, role=Role.ASSISTANT, cluster=cast.clusters["asisten_2"])


def new_employee(cast, nip="199201012019032001", name="Hana Bidan"):
    return employee_create(
        actor=SystemActor(tenant_id=cast.tenant.pk),
        org_unit=cast.units["dinkes"],
        nip=nip,
        name=name,
        kind="pns",
        today=today(cast),
        grade="III/a",
    )


# --- list -------------------------------------------------------------------------------------------------


def test_list_matrix(cast):
    check_matrix(cast, "get", reverse("access:user_list"), NO_OBJECT)


def test_list_shows_the_tenants_accounts_with_current_roles_and_2fa(cast):
    response = cast.client_for("hr_admin")
    html = response.get(reverse("access:user_list")).content.decode()
    assert set(USERNAME_CELL.findall(html)) == TENANT_USERS
    kepala = row_of(html, "kepala_opd")
    assert "Budi Kadisdik" in kepala and cast.employees["kepala_opd"].nip_formatted in kepala
    assert "Kepala OPD · Dinas Pendidikan" in kepala and "2FA" not in kepala
    assert "Asisten Sekda · Asisten I" in row_of(html, "asisten")
    admin = row_of(html, "hr_admin")  # the admin has a confirmed authenticator (the cast enrolled it)
    assert "Admin BKPSDM · Pemerintah Kabupaten Uji" in admin and 'data-testid="badge-2fa"' in admin
    assert "aktif" in row_of(html, "bupati") and "—" in row_of(html, "bupati")


def test_list_shows_only_roles_valid_today(cast):
    system = SystemActor(tenant_id=cast.tenant.pk)
    day = today(cast)
    role_assign(
        actor=system,
        user=cast.users["asn"],
        role=Role.VERIFIER,
        org_unit=cast.units["inspektorat"],
        valid_from=day - dt.timedelta(days=30),
        valid_to=day - dt.timedelta(days=1),
    )
    role_assign(
        actor=system,
        user=cast.users["asn"],
        role=Role.CAMAT,
        org_unit=cast.units["kec"],
        valid_from=day + dt.timedelta(days=1),
    )
    role_assign(actor=system, user=cast.users["asn"], role=Role.OPD_HEAD, org_unit=cast.units["disdik_bidang"])
    html = cast.client_for("hr_admin").get(reverse("access:user_list")).content.decode()
    row = row_of(html, "asn")
    assert "ASN · Dinas Pendidikan" in row and "Kepala OPD · Bidang Pembinaan SD" in row
    assert "Verifikator" not in row and "Camat" not in row


def test_other_tenant_admin_sees_only_its_own_accounts(cast):
    response = cast.client_for("other_tenant").get(reverse("access:user_list"))
    assert usernames(response) == ["other_tenant"]


def test_search_by_username_name_or_nip(cast):
    client = cast.client_for("hr_admin")
    url = reverse("access:user_list")
    assert usernames(client.get(url, {"q": "kepala"})) == ["kepala_opd"]
    assert usernames(client.get(url, {"q": "citra"})) == ["asn"]
    assert usernames(client.get(url, {"q": "19910404 201606"})) == ["asn_other_opd"]
    assert usernames(client.get(url, {"q": "zzz"})) == []


def test_role_filter_uses_roles_valid_today(cast):
    client = cast.client_for("hr_admin")
    url = reverse("access:user_list")
    assert usernames(client.get(url, {"role": "opd_head"})) == ["kepala_opd"]
    assert usernames(client.get(url, {"role": "asn"})) == ["asn", "asn_other_opd"]
    ended = RoleAssignment.objects.get(user=cast.users["kepala_opd"])
    RoleAssignment.objects.filter(pk=ended.pk).update(valid_to=today(cast) - dt.timedelta(days=1))
    assert usernames(client.get(url, {"role": "opd_head"})) == []
    html = client.get(url, {"role": "platform_admin"}).content.decode()
    assert 'data-testid="filter-errors"' in html


def test_filter_over_htmx_swaps_only_the_results(cast):
    response = cast.client_for("hr_admin").get(
        reverse("access:user_list"), {"q": "citra"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="user-results"
    )
    body = response.content.decode()
    assert "<html" not in body and "<form" not in body and 'data-testid="user-table"' in body
    assert usernames(response) == ["asn"]
    assert "HX-Request" in response["Vary"]


def test_pagination_by_25(cast):
    add_users(cast, 20)
    client = cast.client_for("hr_admin")
    first = client.get(reverse("access:user_list"))
    assert len(usernames(first)) == 25 and "Halaman 1 dari 2" in first.content.decode()
    assert len(usernames(client.get(reverse("access:user_list"), {"page": 2}))) == 30 - 25


def test_list_query_count_does_not_depend_on_the_number_of_accounts(cast, django_assert_num_queries):
    client = cast.client_for("hr_admin")
    url = reverse("access:user_list")
    client.get(url)
    # session, user, its TOTP device, tenant, its role assignments, its employee (the name in the navbar);
    # count; rows; their current roles
    with django_assert_num_queries(10):
        assert usernames(client.get(url, {"q": "citra"})) == ["asn"]
    add_users(cast, 20)
    with django_assert_num_queries(10):
        response = client.get(url, {"q": "akun uji"})
    assert len(usernames(response)) == 20
    assert "Asisten Sekda · Asisten II" in row_of(response.content.decode(), "uji07")


# --- detail -----------------------------------------------------------------------------------------------


def test_detail_matrix(cast):
    check_matrix(cast, "get", reverse("access:user_detail", args=[cast.users["asn"].pk]), ACCOUNT)


def test_detail_of_an_account_without_employee_is_for_tenant_wide_managers(cast):
    check_matrix(cast, "get", reverse("access:user_detail", args=[cast.users["bupati"].pk]), ACCOUNT)
    html = cast.client_for("hr_admin").get(reverse("access:user_detail", args=[cast.users["bupati"].pk]))
    assert "tidak terhubung dengan data pegawai" in html.content.decode()


def test_other_tenant_account_is_not_found(cast):
    response = cast.client_for("hr_admin").get(reverse("access:user_detail", args=[cast.users["other_tenant"].pk]))
    assert response.status_code == 404


def test_detail_shows_identity_employee_and_role_validity(cast):
    system = SystemActor(tenant_id=cast.tenant.pk)
    day = today(cast)
    ended = role_assign(
        actor=system,
        user=cast.users["asn"],
        role=Role.OPD_HEAD,
        org_unit=cast.units["disdik_bidang"],
        include_descendants=False,
        valid_from=day - dt.timedelta(days=60),
        valid_to=day - dt.timedelta(days=1),
        note="Plt 800/12/2026",
    )
    upcoming = role_assign(
        actor=system,
        user=cast.users["asn"],
        role=Role.VERIFIER,
        org_unit=cast.units["inspektorat"],
        valid_from=day + dt.timedelta(days=1),
    )
    current = RoleAssignment.objects.get(user=cast.users["asn"], role=Role.ASN)
    html = cast.client_for("hr_admin").get(reverse("access:user_detail", args=[cast.users["asn"].pk])).content.decode()
    assert reverse("people:employee_detail", args=[cast.employees["asn"].pk]) in html
    assert cast.employees["asn"].nip_formatted in html and "Bidang Pembinaan SD" in html
    # current first, then upcoming, then ended; validity against the tenant's today
    assert ROLE_ROW.findall(html) == [
        ("ASN", "berlaku"),
        ("Verifikator (Bappeda/Inspektorat)", "belum berlaku"),
        ("Kepala OPD", "berakhir"),
    ]
    assert reverse("access:role_end", args=[current.pk]) in html
    assert reverse("access:role_end", args=[upcoming.pk]) in html
    assert reverse("access:role_end", args=[ended.pk]) not in html
    assert "unit ini saja" in html and "Plt 800/12/2026" in html
    # no authenticator: no reset button
    assert reverse("access:totp_reset", args=[cast.users["asn"].pk]) not in html


def test_detail_offers_the_totp_reset_only_with_a_device(cast):
    client = cast.client_for("hr_admin")
    admin = client.get(reverse("access:user_detail", args=[cast.users["hr_admin"].pk])).content.decode()
    assert reverse("access:totp_reset", args=[cast.users["hr_admin"].pk]) in admin
    assert re.search(r'data-testid="totp-state">aktif<', admin)


# --- new account ------------------------------------------------------------------------------------------


def test_create_page_matrix(cast):
    check_matrix(cast, "get", reverse("access:user_create"), NO_OBJECT)


def _create(client, **data):
    values = {"username": "hana", "password": STRONG_PASSWORD, "password_confirm": STRONG_PASSWORD, "employee": ""}
    values.update(data)
    return client.post(reverse("access:user_create"), values)


def test_create_an_account_for_an_employee_found_by_nip(cast):
    employee = new_employee(cast)
    response = _create(cast.client_for("hr_admin"), username="Hana.Bidan", employee="19920101 201903 2 001")
    user = User.objects.get(username="hana.bidan")
    assert response.status_code == 302 and response["Location"] == reverse("access:user_detail", args=[user.pk])
    assert user.employee == employee and user.tenant == cast.tenant and user.check_password(STRONG_PASSWORD)
    assert AuditEvent.objects.filter(action="access.user.created", target_id=str(user.pk)).exists()
    page = cast.client_for("hr_admin").get(response["Location"]).content.decode()
    assert "Hana Bidan" in page and "belum memiliki peran" in page


def test_create_an_account_without_employee(cast):
    response = _create(cast.client_for("hr_admin"), username="wakil")
    assert response.status_code == 302 and User.objects.get(username="wakil").employee is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"password": "pendek", "password_confirm": "pendek"}, "password", "terlalu pendek"),
        ({"password": "password123", "password_confirm": "password123"}, "password", "terlalu umum"),
        ({"password_confirm": "Merbabu-Sindoro-2027"}, "password_confirm", "Kedua kata sandi tidak sama."),
        ({"username": "kepala_opd"}, "username", "Nama pengguna sudah dipakai."),
        ({"username": "budi santoso"}, "username", "Masukkan nama pengguna valid."),
        (
            {"employee": "19990101 202001 1 999"},
            "employee",
            "Pegawai dengan NIP 19990101 202001 1 999 tidak ditemukan.",
        ),
        ({"employee": "19720202 199704 1 002"}, "employee", "Pegawai ini sudah memiliki akun."),
    ],
)
def test_create_refuses_bad_input_and_writes_nothing(cast, data, field, message):
    users, events = User.objects.count(), AuditEvent.objects.count()
    response = _create(cast.client_for("hr_admin"), **data)
    assert response.status_code == 200
    assert message in errors_of(response.content.decode(), field)
    assert User.objects.count() == users and AuditEvent.objects.count() == events


def test_other_tenant_admin_cannot_attach_this_tenants_employee(cast):
    new_employee(cast)
    response = _create(cast.client_for("other_tenant"), employee="199201012019032001")
    assert "tidak ditemukan" in errors_of(response.content.decode(), "employee")
    assert not User.objects.filter(username="hana").exists()


def test_create_form_is_prefilled_from_the_employee_profile(cast):
    html = cast.client_for("hr_admin").get(reverse("access:user_create"), {"nip": "199201012019032001"})
    html = html.content.decode()
    assert 'name="employee" value="199201012019032001"' in html and 'name="username" value="199201012019032001"' in html


def test_profile_offers_an_account_only_to_access_managers_and_only_without_one(cast):
    employee = new_employee(cast)
    link = f"{reverse('access:user_create')}?nip={employee.nip}"
    admin = cast.client_for("hr_admin")
    assert link in admin.get(reverse("people:employee_detail", args=[employee.pk])).content.decode()
    with_account = admin.get(reverse("people:employee_detail", args=[cast.employees["asn"].pk])).content.decode()
    assert 'data-testid="create-account"' not in with_account
    bupati = cast.client_for("bupati").get(reverse("people:employee_detail", args=[employee.pk])).content.decode()
    assert 'data-testid="create-account"' not in bupati


# --- role assign ------------------------------------------------------------------------------------------


def test_role_assign_matrix(cast):
    check_matrix(cast, "get", reverse("access:role_assign", args=[cast.users["asn"].pk]), ACCOUNT)


def test_role_assign_post_matrix(cast):
    check_matrix(
        cast,
        "post",
        reverse("access:role_assign", args=[cast.users["asn"].pk]),
        {**ACCOUNT, "hr_admin": 302},
        data={"role": "verifier", "org_unit": cast.units["inspektorat"].pk, "include_descendants": "on"},
        content_type=None,
    )


def test_role_assign_form_offers_tenant_units_and_clusters_but_not_platform_admin(cast):
    html = cast.client_for("hr_admin").get(reverse("access:role_assign", args=[cast.users["asn"].pk])).content.decode()
    roles = html[html.index('name="role"') :].split("</select>")[0]
    assert "Admin BKPSDM" in roles and "Admin platform" not in roles
    units = html[html.index('name="org_unit"') :].split("</select>")[0]
    assert "Dinas Kesehatan" in units and "Pemerintah Kota Lain" not in units
    clusters = html[html.index('name="cluster"') :].split("</select>")[0]
    assert "Asisten I" in clusters and "Asisten II" in clusters


def _assign(client, user, **data):
    return client.post(reverse("access:role_assign", args=[user.pk]), data)


def test_assign_a_role_over_a_unit_and_over_a_cluster(cast):
    client, user = cast.client_for("hr_admin"), cast.users["asn"]
    response = _assign(
        client,
        user,
        role="opd_head",
        org_unit=cast.units["disdik_bidang"].pk,
        valid_from="2026-11-01",
        valid_to="2027-01-31",
        note="Plt Kabid SD",
    )
    assert response.status_code == 302 and response["Location"] == reverse("access:user_detail", args=[user.pk])
    assignment = RoleAssignment.objects.get(user=user, role=Role.OPD_HEAD)
    assert assignment.org_unit == cast.units["disdik_bidang"] and not assignment.include_descendants
    assert (assignment.valid_from, assignment.valid_to) == (dt.date(2026, 11, 1), dt.date(2027, 1, 31))
    assert assignment.note == "Plt Kabid SD"
    assert AuditEvent.objects.filter(action="access.role.assigned", target_id=str(assignment.pk)).exists()
    response = _assign(client, user, role="assistant", cluster=cast.clusters["asisten_2"].pk)
    assert response.status_code == 302
    assert RoleAssignment.objects.get(user=user, role=Role.ASSISTANT).cluster == cast.clusters["asisten_2"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"org_unit": "disdik", "cluster": "asisten_1"}, "org_unit", "Pilih unit atau klaster, tidak keduanya."),
        ({}, "org_unit", "Pilih unit atau klaster."),
        (
            {"org_unit": "disdik", "valid_from": "2026-12-01", "valid_to": "2026-11-30"},
            "valid_to",
            "Tidak boleh sebelum tanggal mulai.",
        ),
        ({"org_unit": "disdik", "role": "platform_admin"}, "role", "Masukkan pilihan yang valid."),
        ({"org_unit": "disdik", "role": ""}, "role", "Bidang ini harus diisi."),
    ],
)
def test_assign_refuses_bad_input_and_writes_nothing(cast, data, field, message):
    values = {"role": "verifier", "include_descendants": "on"}
    for key, value in data.items():
        if key == "org_unit":
            value = cast.units[value].pk
        elif key == "cluster":
            value = cast.clusters[value].pk
        values[key] = value
    before, events = RoleAssignment.objects.count(), AuditEvent.objects.count()
    response = _assign(cast.client_for("hr_admin"), cast.users["asn"], **values)
    assert response.status_code == 200
    assert message in errors_of(response.content.decode(), field)
    assert RoleAssignment.objects.count() == before and AuditEvent.objects.count() == events


# --- role end ---------------------------------------------------------------------------------------------


def test_role_end_matrix(cast):
    assignment = RoleAssignment.objects.get(user=cast.users["asn"])
    check_matrix(cast, "get", reverse("access:role_end", args=[assignment.pk]), ACCOUNT)


def test_cluster_role_end_matrix(cast):
    assignment = RoleAssignment.objects.get(user=cast.users["asisten"])
    check_matrix(cast, "get", reverse("access:role_end", args=[assignment.pk]), ACCOUNT)


def test_end_a_role(cast):
    client = cast.client_for("hr_admin")
    assignment = RoleAssignment.objects.get(user=cast.users["asn"])
    url = reverse("access:role_end", args=[assignment.pk])
    page = client.get(url).content.decode()
    assert f'value="{today(cast).isoformat()}"' in page and "Dinas Pendidikan" in page
    response = client.post(url, {"valid_to": "2026-12-31", "reason": "mutasi ke Dinas Kesehatan"})
    assert response.status_code == 302
    assert response["Location"] == reverse("access:user_detail", args=[cast.users["asn"].pk])
    assignment.refresh_from_db()
    assert assignment.valid_to == dt.date(2026, 12, 31)
    event = AuditEvent.objects.get(action="access.role.ended", target_id=str(assignment.pk))
    assert event.reason == "mutasi ke Dinas Kesehatan"


def test_end_refuses_a_missing_reason_or_an_end_before_the_start(cast):
    client = cast.client_for("hr_admin")
    assignment = role_assign(
        actor=SystemActor(tenant_id=cast.tenant.pk),
        user=cast.users["asn"],
        role=Role.VERIFIER,
        org_unit=cast.units["inspektorat"],
        valid_from=dt.date(2026, 11, 1),
    )
    url = reverse("access:role_end", args=[assignment.pk])
    events = AuditEvent.objects.count()
    no_reason = client.post(url, {"valid_to": "2026-12-31", "reason": ""}).content.decode()
    assert errors_of(no_reason, "reason")
    too_early = client.post(url, {"valid_to": "2026-10-31", "reason": "salah input"}).content.decode()
    assert "Tidak boleh sebelum tanggal mulai." in errors_of(too_early, "valid_to")
    assignment.refresh_from_db()
    assert assignment.valid_to is None and AuditEvent.objects.count() == events


# --- TOTP reset -------------------------------------------------------------------------------------------


def test_totp_reset_matrix(cast):
    check_matrix(cast, "get", reverse("access:totp_reset", args=[cast.users["asn"].pk]), ACCOUNT)


def test_totp_reset_removes_the_devices(cast):
    TOTPDevice.objects.create(user=cast.users["kepala_opd"], name="ponsel", confirmed=True)
    client = cast.client_for("hr_admin")
    detail = reverse("access:user_detail", args=[cast.users["kepala_opd"].pk])
    url = reverse("access:totp_reset", args=[cast.users["kepala_opd"].pk])
    assert url in client.get(detail).content.decode()
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and errors_of(refused.content.decode(), "reason")
    assert TOTPDevice.objects.filter(user=cast.users["kepala_opd"]).exists()
    response = client.post(url, {"reason": "ponsel hilang, identitas diperiksa"})
    assert response.status_code == 302 and response["Location"] == detail
    assert not TOTPDevice.objects.filter(user=cast.users["kepala_opd"]).exists()
    event = AuditEvent.objects.get(action="access.totp.reset", target_id=str(cast.users["kepala_opd"].pk))
    assert event.reason == "ponsel hilang, identitas diperiksa"


# --- navigation -------------------------------------------------------------------------------------------


def test_menu_entry_only_for_access_managers(cast):
    link = f'href="{reverse("access:user_list")}"'
    assert link in cast.client_for("hr_admin").get(reverse("core:home")).content.decode()
    assert link not in cast.client_for("bupati").get(reverse("core:home")).content.decode()


def test_a_new_account_can_log_in_with_its_password(cast):
    _create(cast.client_for("hr_admin"), username="hana")
    response = Client().post(reverse("access:login"), {"username": "hana", "password": STRONG_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
