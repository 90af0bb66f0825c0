"""Employee pages and the home overview: scope, forms over the services, HTMX fragments, query counts."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.core.views import tenant_today
from pamong.people.choices import AssignmentKind
from pamong.people.models import Assignment, Employee
from pamong.people.services import assignment_start, employee_create

pytestmark = pytest.mark.django_db

NIP_CELL = re.compile(r'<td class="nip[^"]*">([^<]+)</td>')


def nips(response):
    return NIP_CELL.findall(response.content.decode())


def today(cast):
    return tenant_today(cast.users["bupati"])


def add_employees(cast, count, unit="disdik_bidang", kind="pns", grade="II/c"):
    system = SystemActor(tenant_id=cast.tenant.pk)
    for i in range(count):
        employee_create(
            actor=system,
            org_unit=cast.units[unit],
            nip=f"19950{(i % 9) + 1}10 2020{(i % 12) + 1:02d} 2 {i + 100:03d}",
            name=f"Pegawai Uji {i:02d}",
            kind=kind,
            today=today(cast),
            grade=grade if kind == "pns" else "VII",
        )


# --- list -------------------------------------------------------------------------------------------------


def test_list_matrix(cast):
    check_matrix(cast, "get", reverse("people:employee_list"), expectations(200, anonymous=302))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("bupati", {"sekda", "kepala_opd", "asn", "asn_other_opd", "camat", "verifier", "hr_admin"}),
        ("asisten", {"kepala_opd", "asn", "camat"}),
        ("kepala_opd", {"kepala_opd", "asn"}),
        ("asn", {"asn"}),
        ("verifier", {"verifier"}),
        ("other_tenant", set()),
    ],
)
def test_list_shows_the_users_scope(cast, persona, expected):
    response = cast.client_for(persona).get(reverse("people:employee_list"))
    assert set(nips(response)) == {cast.employees[key].nip_formatted for key in expected}


def test_list_row_shows_formatted_nip_titles_grade_position_and_unit(cast):
    budi = cast.employees["kepala_opd"]
    Employee.objects.filter(pk=budi.pk).update(front_title="Drs.", back_title="M.Pd.")
    html = cast.client_for("kepala_opd").get(reverse("people:employee_list")).content.decode()
    row = html[html.index(budi.nip_formatted) - 60 :].split("</tr>")[0]
    assert f'<td class="nip text-nowrap small">{budi.nip_formatted}</td>' in row
    assert re.fullmatch(r"19720202 199704 1 \d{3}", budi.nip_formatted)
    assert "Drs. Budi Kadisdik, M.Pd." in row and "III/a" in row
    assert "Kepala Dinas Pendidikan" in row and "Dinas Pendidikan" in row


def test_search_by_name_or_nip_with_spaces(cast):
    client = cast.client_for("bupati")
    url = reverse("people:employee_list")
    assert nips(client.get(url, {"q": "citra"})) == [cast.employees["asn"].nip_formatted]
    assert nips(client.get(url, {"q": "19900303 201505"})) == [cast.employees["asn"].nip_formatted]
    assert nips(client.get(url, {"q": "zzz"})) == []


def test_unit_filter_includes_sub_units_and_offers_opd_level_units(cast):
    client = cast.client_for("bupati")
    url = reverse("people:employee_list")
    response = client.get(url, {"unit": cast.units["disdik"].pk})
    assert set(nips(response)) == {cast.employees["kepala_opd"].nip_formatted, cast.employees["asn"].nip_formatted}
    html = response.content.decode()
    select = html[html.index('name="unit"') :].split("</select>")[0]
    assert "Dinas Kesehatan" in select and "Bidang Pembinaan SD" not in select and "Pemerintah" not in select
    # a sub-unit linked from its page is accepted (and offered so the select shows it)
    sub = client.get(url, {"unit": cast.units["disdik_bidang"].pk})
    assert nips(sub) == [cast.employees["asn"].nip_formatted]
    # a unit out of the user's sight is refused, not used
    kepala = cast.client_for("kepala_opd").get(url, {"unit": cast.units["dinkes"].pk}).content.decode()
    assert "pilihan yang valid" in kepala[kepala.index('data-testid="filter-errors"') :]
    assert "Dinas Kesehatan" not in kepala


def test_kind_filter(cast):
    add_employees(cast, 2, kind="pppk")
    client = cast.client_for("bupati")
    assert len(nips(client.get(reverse("people:employee_list"), {"kind": "pppk"}))) == 2
    assert len(nips(client.get(reverse("people:employee_list"), {"kind": "pns"}))) == 7


def test_filter_over_htmx_swaps_only_the_results_table(cast):
    response = cast.client_for("bupati").get(
        reverse("people:employee_list"), {"q": "citra"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="employee-results"
    )
    body = response.content.decode()
    assert "<html" not in body and "<form" not in body and 'data-testid="employee-table"' in body
    assert nips(response) == [cast.employees["asn"].nip_formatted]
    assert "HX-Request" in response["Vary"]
    full = cast.client_for("bupati").get(reverse("people:employee_list"), {"q": "citra"}).content.decode()
    assert 'hx-target="#employee-results"' in full and 'hx-push-url="true"' in full


def test_pagination_by_25(cast):
    add_employees(cast, 30)
    client = cast.client_for("hr_admin")
    first = client.get(reverse("people:employee_list"))
    assert len(nips(first)) == 25 and "Halaman 1 dari 2" in first.content.decode()
    second = client.get(reverse("people:employee_list"), {"page": 2})
    assert len(nips(second)) == 37 - 25


def test_list_query_count_does_not_depend_on_page_size(cast, django_assert_num_queries):
    client = cast.client_for("bupati")
    url = reverse("people:employee_list")
    client.get(url)
    # session, user, tenant, role assignments; units of the filter; count; rows
    with django_assert_num_queries(8):
        assert len(nips(client.get(url))) == 7
    add_employees(cast, 30)
    with django_assert_num_queries(8):
        assert len(nips(client.get(url, {"q": "pegawai", "kind": "pns", "unit": cast.units["disdik"].pk}))) == 25


# --- profile ----------------------------------------------------------------------------------------------


def test_detail_matrix_for_the_asn_of_dinas_pendidikan(cast):
    check_matrix(
        cast,
        "get",
        reverse("people:employee_detail", args=[cast.employees["asn"].pk]),
        expectations(404, kepala_opd=200, asisten=200, sekda=200, bupati=200, hr_admin=200, asn=200, anonymous=302),
    )


def test_profile_shows_identity_from_the_nip_grade_and_post(cast):
    html = cast.client_for("kepala_opd").get(reverse("people:employee_detail", args=[cast.employees["asn"].pk]))
    html = html.content.decode()
    identity = html[html.index('data-testid="identity"') :].split("</dl>")[0]
    assert "3 Maret 1990" in identity and "Mei 2015" in identity and "Laki-laki" in identity
    assert "III/a — Penata Muda" in html
    assert cast.employees["asn"].nip_formatted in html and "Pengelola Data" in html and "Bidang Pembinaan SD" in html
    # kepala_opd sees but may not change
    assert reverse("people:employee_update", args=[cast.employees["asn"].pk]) not in html


def test_profile_history_with_acting_duration_and_current_badge(cast):
    system = SystemActor(tenant_id=cast.tenant.pk)
    start = today(cast) - dt.timedelta(days=29)
    assignment_start(
        actor=system,
        employee=cast.employees["asn"],
        position=cast.positions["kabid_sd"],
        kind=AssignmentKind.PLT,
        starts_on=start,
        decree_number="821/7/2026",
    )
    html = cast.client_for("hr_admin").get(reverse("people:employee_detail", args=[cast.employees["asn"].pk]))
    table = html.content.decode()
    table = table[table.index('data-testid="assignment-history"') :].split("</table>")[0]
    rows = table.split("<tr>")[2:]
    plt = next(r for r in rows if "Kepala Bidang Pembinaan SD" in r)
    assert ">Plt<" in plt and ">aktif<" in plt and "30 hari" in plt and "821/7/2026" in plt
    definitive = next(r for r in rows if "Pengelola Data" in r)
    assert "Definitif" in definitive and "hari" not in definitive and ">aktif<" in definitive
    assert reverse("people:assignment_end", args=[Assignment.objects.get(decree_number="821/7/2026").pk]) in plt


def test_pppk_profile_shows_golongan_without_pangkat(cast):
    add_employees(cast, 1, kind="pppk")
    employee = Employee.objects.get(name="Pegawai Uji 00")
    Employee.objects.filter(pk=employee.pk).update(grade="IX")
    html = cast.client_for("hr_admin").get(reverse("people:employee_detail", args=[employee.pk])).content.decode()
    assert "Golongan IX" in html and "PPPK" in html


# --- create -----------------------------------------------------------------------------------------------

# Pages without an object: 403 for users who may manage employees nowhere. The other tenant's admin
# manages its own tenant, so the (empty) form opens for it; it can only pick its own units.
CREATE = expectations(403, hr_admin=200, other_tenant=200, anonymous=302)


def test_create_page_matrix(cast):
    check_matrix(cast, "get", reverse("people:employee_create"), CREATE)


def test_nip_check_matrix(cast):
    check_matrix(cast, "get", reverse("people:nip_check") + "?nip=198701312009121006", CREATE)


def _create_data(cast, **overrides):
    data = {
        "org_unit": cast.units["disdik_bidang"].pk,
        "kind": "pns",
        "nip": "19870131 200912 2 006",
        "name": "Hana Guru",
        "front_title": "",
        "back_title": "S.Pd.",
        "grade": "iii b",
        "email": "hana@example.go.id",
        "phone": "0812 3456 7890",
    }
    data.update(overrides)
    return data


def test_create_employee(cast):
    client = cast.client_for("hr_admin")
    response = client.post(reverse("people:employee_create"), _create_data(cast))
    employee = Employee.objects.get(nip="198701312009122006")
    assert response.status_code == 302 and response["Location"] == reverse("people:employee_detail", args=[employee.pk])
    assert employee.birth_date == dt.date(1987, 1, 31) and employee.gender == "female" and employee.grade == "III/b"
    assert AuditEvent.objects.filter(action="people.employee.created", target_id=str(employee.pk)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Hana Guru, S.Pd." in page and "III/b — Penata Muda Tingkat I" in page and "Desember 2009" in page


def test_create_with_an_impossible_birth_date_explains_the_part_and_writes_nothing(cast):
    before = Employee.objects.count()
    response = cast.client_for("hr_admin").post(
        reverse("people:employee_create"), _create_data(cast, nip="197502302001031002")
    )
    assert response.status_code == 200
    html = response.content.decode()
    errors = html[html.index('data-testid="errors-nip"') :].split("</ul>")[0]
    assert "Tanggal lahir pada digit 1–8 (19750230) bukan tanggal yang sah." in errors
    assert Employee.objects.count() == before


def test_create_lists_every_wrong_part_of_the_nip(cast):
    response = cast.client_for("hr_admin").post(
        reverse("people:employee_create"), _create_data(cast, nip="19870131 200913 3 000", grade="V/z")
    )
    html = response.content.decode()
    nip_errors = html[html.index('data-testid="errors-nip"') :].split("</ul>")[0]
    assert "digit 13–14 (13) harus 01–12" in nip_errors
    assert "Digit 15 (jenis kelamin)" in nip_errors and "digit 16–18" in nip_errors
    assert "Golongan/ruang" in html[html.index('data-testid="errors-grade"') :]
    assert not Employee.objects.filter(name="Hana Guru").exists()


def test_create_refuses_a_duplicate_nip(cast):
    response = cast.client_for("hr_admin").post(
        reverse("people:employee_create"), _create_data(cast, nip=cast.employees["asn"].nip)
    )
    assert "NIP sudah terdaftar." in response.content.decode()


def test_create_form_units_are_those_the_user_manages(cast):
    html = cast.client_for("other_tenant").get(reverse("people:employee_create")).content.decode()
    select = html[html.index('name="org_unit"') :].split("</select>")[0]
    assert "Pemerintah Kota Lain" in select and "Dinas Pendidikan" not in select
    response = cast.client_for("other_tenant").post(reverse("people:employee_create"), _create_data(cast))
    assert response.status_code == 200 and not Employee.objects.filter(name="Hana Guru").exists()


def test_nip_check_decodes_or_explains(cast):
    client = cast.client_for("hr_admin")
    url = reverse("people:nip_check")
    good = client.get(url, {"nip": "19870131 200912 1 006", "kind": "pns"}).content.decode()
    assert "31 Januari 1987" in good and "Desember 2009" in good and "Laki-laki" in good and "<html" not in good
    bad = client.get(url, {"nip": "197502302001031002", "kind": "pns"}).content.decode()
    assert "bukan tanggal yang sah" in bad
    pppk = client.get(url, {"nip": "199001012021211001", "kind": "pppk"}).content.decode()
    assert "penanda PPPK" in pppk
    assert client.get(url, {"nip": ""}).content.decode().strip() == ""


def test_create_page_wires_the_live_nip_check(cast):
    html = cast.client_for("hr_admin").get(reverse("people:employee_create")).content.decode()
    nip_input = html[html.index('name="nip"') - 200 :].split(">")[0]
    assert f'hx-get="{reverse("people:nip_check")}"' in html and 'hx-target="#nip-check"' in html
    assert 'id="nip-check"' in html and "inputmode" in html and nip_input


# --- update, assign, end ----------------------------------------------------------------------------------

# The ASN of Dinas Pendidikan is in sight of kepala_opd, asisten, sekda, bupati, hr_admin and himself;
# only hr_admin may change the record.
MANAGE_ASN = expectations(404, hr_admin=200, kepala_opd=403, asisten=403, sekda=403, bupati=403, asn=403, anonymous=302)


@pytest.mark.parametrize("name", ["people:employee_update", "people:assignment_start"])
def test_employee_management_matrix(cast, name):
    check_matrix(cast, "get", reverse(name, args=[cast.employees["asn"].pk]), MANAGE_ASN)


def test_assignment_end_matrix(cast):
    assignment = Assignment.objects.get(employee=cast.employees["asn"])
    check_matrix(cast, "get", reverse("people:assignment_end", args=[assignment.pk]), MANAGE_ASN)


def test_update_post_matrix(cast):
    check_matrix(
        cast,
        "post",
        reverse("people:employee_update", args=[cast.employees["asn"].pk]),
        {**MANAGE_ASN, "hr_admin": 302},
        data={"name": "Citra Staf", "grade": "III/b"},
        content_type=None,
    )


def test_update_employee_and_refuse_an_unknown_grade(cast):
    client = cast.client_for("hr_admin")
    employee = cast.employees["asn"]
    url = reverse("people:employee_update", args=[employee.pk])
    assert 'value="Citra Staf"' in client.get(url).content.decode()
    bad = client.post(url, {"name": "Citra Staf", "grade": "V/a"})
    assert bad.status_code == 200 and "tidak dikenal" in bad.content.decode()
    good = client.post(
        url, {"name": "Citra Staf", "back_title": "S.Kom.", "grade": "3b", "reason": "SK kenaikan pangkat"}
    )
    assert good.status_code == 302
    employee.refresh_from_db()
    assert employee.grade == "III/b" and employee.back_title == "S.Kom."


def test_assign_as_plt_and_refuse_a_taken_post(cast):
    client = cast.client_for("hr_admin")
    employee = cast.employees["asn"]
    url = reverse("people:assignment_start", args=[employee.pk])
    taken = client.post(
        url,
        {
            "unit": cast.units["disdik"].pk,
            "position": cast.positions["kadisdik"].pk,
            "kind": "definitive",
            "starts_on": "2026-01-05",
        },
    )
    assert taken.status_code == 200 and "dijabat definitif oleh Budi Kadisdik" in taken.content.decode()
    good = client.post(
        url,
        {
            "unit": cast.units["disdik"].pk,
            "position": cast.positions["kabid_sd"].pk,
            "kind": "plt",
            "starts_on": "2026-01-05",
            "decree_number": "800/1/2026",
        },
    )
    assert good.status_code == 302 and good["Location"] == reverse("people:employee_detail", args=[employee.pk])
    plt = Assignment.objects.get(employee=employee, kind=AssignmentKind.PLT)
    assert plt.position == cast.positions["kabid_sd"] and plt.decree_number == "800/1/2026"


def test_assign_form_lists_the_positions_of_the_chosen_opd(cast):
    client = cast.client_for("hr_admin")
    url = reverse("people:assignment_start", args=[cast.employees["asn"].pk])
    default = client.get(url).content.decode()
    positions = default[default.index('name="position"') :].split("</select>")[0]
    assert "Kepala Bidang Pembinaan SD" in positions and "Kepala Dinas Kesehatan" not in positions
    swapped = client.get(url, {"unit": cast.units["dinkes"].pk}).content.decode()
    positions = swapped[swapped.index('id="position-field"') :].split("</select>")[0]
    assert "Kepala Dinas Kesehatan" in positions and "Kepala Bidang Pembinaan SD" not in positions
    # a position outside the chosen OPD is not accepted by the form
    mismatch = client.post(
        url,
        {
            "unit": cast.units["dinkes"].pk,
            "position": cast.positions["kabid_sd"].pk,
            "kind": "plt",
            "starts_on": "2026-01-05",
        },
    )
    assert mismatch.status_code == 200 and not Assignment.objects.filter(kind=AssignmentKind.PLT).exists()


def test_end_assignment(cast):
    client = cast.client_for("hr_admin")
    assignment = Assignment.objects.get(employee=cast.employees["asn"])
    url = reverse("people:assignment_end", args=[assignment.pk])
    bad = client.post(url, {"ends_on": "2023-12-31"})
    assert bad.status_code == 200 and "tidak boleh sebelum tanggal mulai" in bad.content.decode()
    good = client.post(url, {"ends_on": "2026-06-30", "reason": "pensiun"})
    assert good.status_code == 302
    assignment.refresh_from_db()
    assert assignment.ends_on == dt.date(2026, 6, 30)
    assert AuditEvent.objects.get(action="people.assignment.ended", target_id=str(assignment.pk)).reason == "pensiun"


# --- home -------------------------------------------------------------------------------------------------


def test_home_matrix(cast):
    check_matrix(cast, "get", reverse("core:home"), expectations(200, anonymous=302))


def _plt_head_of_dinkes(cast, days=45):
    return assignment_start(
        actor=SystemActor(tenant_id=cast.tenant.pk),
        employee=cast.employees["asn_other_opd"],
        position=cast.positions["kadinkes"],
        kind=AssignmentKind.PLT,
        starts_on=today(cast) - dt.timedelta(days=days - 1),
    )


def test_home_overview_for_the_bupati(cast):
    _plt_head_of_dinkes(cast, days=45)
    html = cast.client_for("bupati").get(reverse("core:home")).content.decode()
    assert re.search(r'data-testid="stat-units">8<', html)
    assert re.search(r'data-testid="stat-employees">7<', html) and "PNS 7 · PPPK 0" in html
    # Kepala Bidang Pembinaan SD and Kepala Dinas Kesehatan have no definitive holder
    assert re.search(r'data-testid="stat-vacant">2<', html) and re.search(r'data-testid="stat-acting">1<', html)
    acting = html[html.index('data-testid="acting-heads"') :].split("</table>")[0]
    assert "Kepala Dinas Kesehatan" in acting and "Dewi Perawat" in acting and ">Plt<" in acting and "45 hari" in acting
    vacant = html[html.index('data-testid="vacant-heads"') :].split("</ul>")[0]
    assert "Kepala Bidang Pembinaan SD" in vacant and "(ada Plt/Plh)" in vacant


def test_home_overview_is_scoped(cast):
    _plt_head_of_dinkes(cast)
    kepala = cast.client_for("kepala_opd").get(reverse("core:home")).content.decode()
    assert re.search(r'data-testid="stat-units">2<', kepala) and re.search(r'data-testid="stat-employees">2<', kepala)
    assert "Dewi Perawat" not in kepala and "Kepala Dinas Kesehatan" not in kepala
    asn = cast.client_for("asn").get(reverse("core:home")).content.decode()
    assert 'data-testid="stat-employees"' not in asn
    assert reverse("people:employee_detail", args=[cast.employees["asn"].pk]) in asn
    other = cast.client_for("other_tenant").get(reverse("core:home")).content.decode()
    assert re.search(r'data-testid="stat-employees">0<', other)


def test_home_query_count(cast, django_assert_num_queries):
    _plt_head_of_dinkes(cast)
    client = cast.client_for("bupati")
    client.get(reverse("core:home"))
    # session, user, tenant, role assignments; units; employee counts; vacant heads; acting heads; the
    # performance panel (agreements to sign, follow-ups, score runs, active consequences); the attendance
    # panel (the today board's counts: 8); the notice bell
    with django_assert_num_queries(21):
        client.get(reverse("core:home"))
    add_employees(cast, 10)
    with django_assert_num_queries(21):
        client.get(reverse("core:home"))


def test_years_and_ids_are_never_printed_with_thousand_separators(cast):
    """USE_THOUSAND_SEPARATOR would print 2023 as 2.023; identifiers and years must stay plain."""
    from pamong.people.services import employee_create

    pppk = employee_create(
        actor=cast.users["hr_admin"],
        org_unit=cast.units["disdik_bidang"],
        nip="199601292023211010",
        name="Pegawai PPPK",
        kind="pppk",
        grade="IX",
        today=dt.date(2026, 11, 22),
    )
    html = cast.client_for("hr_admin").get(reverse("people:employee_detail", args=[pppk.pk])).content.decode()
    assert "2023" in html and "2.023" not in html
