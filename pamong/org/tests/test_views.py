"""Organisation pages: the tree, a unit, the management forms; scope, HTMX fragments, query counts."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from pamong.access.roles import Role
from pamong.access.services import role_assign
from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import _mark_verified, expectations
from pamong.core.views import tenant_today
from pamong.org.choices import OrgUnitKind
from pamong.org.models import Cluster, OrgUnit, Position
from pamong.org.services import position_create, unit_close, unit_create
from pamong.people.choices import AssignmentKind
from pamong.people.services import assignment_start

pytestmark = pytest.mark.django_db

CODES = re.compile(r'data-code="([^"]+)"')


def codes(response):
    return set(CODES.findall(response.content.decode()))


def htmx(client, url, target="x", **extra):
    return client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET=target, **extra)


# --- tree -------------------------------------------------------------------------------------------------


def test_tree_matrix(cast):
    check_matrix(cast, "get", reverse("org:tree"), expectations(200, anonymous=302))


def test_anonymous_is_sent_to_login(cast, client):
    response = client.get(reverse("org:tree"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("access:login"))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        # the regency root is opened at once, so a leader sees the OPDs; deeper levels load lazily
        ("bupati", {"ROOT", "SETDA", "DISDIK", "DINKES", "KEC-A", "INSP", "BKPSDM"}),
        ("verifier", {"ROOT", "SETDA", "DISDIK", "DINKES", "KEC-A", "INSP", "BKPSDM"}),
        ("asisten", {"DISDIK", "KEC-A"}),
        ("kepala_opd", {"DISDIK"}),
        ("asn", {"DISDIK"}),
        ("asn_other_opd", {"DINKES"}),
        ("camat", {"KEC-A"}),
        ("other_tenant", {"ROOT"}),
    ],
)
def test_tree_shows_only_the_users_scope(cast, persona, expected):
    response = cast.client_for(persona).get(reverse("org:tree"))
    assert response.status_code == 200
    assert codes(response) == expected


def test_tree_names_per_persona(cast):
    kepala = cast.client_for("kepala_opd").get(reverse("org:tree")).content.decode()
    assert "Dinas Pendidikan" in kepala and "Dinas Kesehatan" not in kepala and "Pemerintah Kabupaten Uji" not in kepala
    other = cast.client_for("asn_other_opd").get(reverse("org:tree")).content.decode()
    assert "Dinas Kesehatan" in other and "Dinas Pendidikan" not in other
    bupati = cast.client_for("bupati").get(reverse("org:tree")).content.decode()
    assert all(name in bupati for name in ("Dinas Pendidikan", "Dinas Kesehatan", "Kecamatan Anggrek", "BKPSDM"))


def test_tree_node_shows_kind_cluster_and_subtree_employee_count(cast):
    html = cast.client_for("bupati").get(reverse("org:tree")).content.decode()
    node = html[html.index('data-code="DISDIK"') :]
    node = node[: node.index("</summary>")]
    assert "Dinas" in node and "Asisten I" in node
    # Budi (Dinas Pendidikan) and Citra (its Bidang): the count covers the subtree
    assert re.search(r"bi-people[^>]*></i> 2<", node)
    assert f'hx-get="{reverse("org:children", args=[cast.units["disdik"].pk])}"' in node


def test_children_are_an_htmx_fragment_or_a_page(cast):
    client = cast.client_for("kepala_opd")
    url = reverse("org:children", args=[cast.units["disdik"].pk])
    fragment = htmx(client, url, target="")
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert codes(fragment) == {"DISDIK-SD"}
    assert "HX-Request" in fragment["Vary"]
    page = client.get(url)
    assert "<html" in page.content.decode() and codes(page) == {"DISDIK-SD"}


def test_children_matrix(cast):
    check_matrix(
        cast,
        "get",
        reverse("org:children", args=[cast.units["disdik"].pk]),
        expectations(200, camat=404, asn_other_opd=404, other_tenant=404, anonymous=302),
    )


def test_search_filters_by_name_or_code_within_scope(cast):
    bupati = cast.client_for("bupati")
    assert codes(bupati.get(reverse("org:tree"), {"q": "kesehatan"})) == {"DINKES"}
    assert codes(bupati.get(reverse("org:tree"), {"q": "disdik"})) == {"DISDIK", "DISDIK-SD"}
    kepala = cast.client_for("kepala_opd")
    assert codes(kepala.get(reverse("org:tree"), {"q": "dinas"})) == {"DISDIK"}


def test_search_over_htmx_swaps_only_the_results(cast):
    response = htmx(cast.client_for("bupati"), reverse("org:tree") + "?q=dinas", target="tree-results")
    body = response.content.decode()
    assert "<html" not in body and "<form" not in body
    assert codes(response) == {"DISDIK", "DINKES"}
    # an HTMX request aimed elsewhere (or a history restore) gets the whole page
    assert "<html" in htmx(cast.client_for("bupati"), reverse("org:tree"), target="main").content.decode()
    restore = cast.client_for("bupati").get(
        reverse("org:tree"),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="tree-results",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in restore.content.decode()


def test_closed_units_are_hidden_unless_asked_for_and_then_greyed(cast):
    system = SystemActor(tenant_id=cast.tenant.pk)
    unit_close(actor=system, unit=cast.units["disdik_bidang"], closed_on=dt.date(2025, 1, 1), reason="digabung")
    client = cast.client_for("kepala_opd")
    url = reverse("org:children", args=[cast.units["disdik"].pk])
    assert codes(htmx(client, url)) == set()
    # the parent no longer offers to expand
    tree = client.get(reverse("org:tree")).content.decode()
    assert "hx-get" not in tree[tree.index('data-code="DISDIK"') :].split("</li>")[0]
    with_closed = htmx(client, url + "?tutup=1").content.decode()
    assert 'class="closed"' in with_closed and "ditutup 1 Januari 2025" in with_closed
    expandable = client.get(reverse("org:tree"), {"tutup": "on"}).content.decode()
    assert "tutup=1" in expandable


def test_tree_query_count_is_fixed(cast, django_assert_num_queries):
    client = cast.client_for("bupati")
    client.get(reverse("org:tree"))
    # session, user, role assignments, tenant; roots; the opened root's children
    with django_assert_num_queries(7):
        client.get(reverse("org:tree"))
    for i in range(5):
        unit_create(
            actor=SystemActor(tenant_id=cast.tenant.pk),
            parent=cast.units["root"],
            code=f"EXTRA{i}",
            name=f"Badan Tambahan {i}",
            kind=OrgUnitKind.BADAN,
        )
    with django_assert_num_queries(7):
        response = client.get(reverse("org:tree"))
    assert {f"EXTRA{i}" for i in range(5)} <= codes(response)


# --- unit detail --------------------------------------------------------------------------------------------


def test_unit_detail_matrix_for_dinas_kesehatan(cast):
    check_matrix(
        cast,
        "get",
        reverse("org:unit_detail", args=[cast.units["dinkes"].pk]),
        expectations(
            404, bupati=200, sekda=200, hr_admin=200, verifier=200, planner=200, asn_other_opd=200, anonymous=302
        ),
    )


def _plt_for_dinkes(cast, days_ago=10):
    """Dewi (Dinas Kesehatan) acts as Plt head of Dinas Kesehatan, whose head post is vacant."""
    today = tenant_today(cast.users["bupati"])
    return assignment_start(
        actor=SystemActor(tenant_id=cast.tenant.pk),
        employee=cast.employees["asn_other_opd"],
        position=cast.positions["kadinkes"],
        kind=AssignmentKind.PLT,
        starts_on=today - dt.timedelta(days=days_ago - 1),
        decree_number="800/12/BKPSDM",
    )


def test_unit_detail_shows_positions_with_holders_plt_and_vacancy(cast):
    _plt_for_dinkes(cast, days_ago=10)
    html = cast.client_for("bupati").get(reverse("org:unit_detail", args=[cast.units["dinkes"].pk])).content.decode()
    table = html[html.index('data-testid="positions"') :]
    head_row = table[table.index("Kepala Dinas Kesehatan") :].split("</tr>")[0]
    assert "Lowong" in head_row and ">Plt<" in head_row and "Dewi Perawat" in head_row and "10 hari" in head_row
    nurse_row = table[table.index("Perawat Terampil") :].split("</tr>")[0]
    assert "Dewi Perawat" in nurse_row and "Lowong" not in nurse_row
    assert "JPT Pratama" in table and "II.b" in table
    assert f'href="{reverse("people:employee_list")}?unit={cast.units["dinkes"].pk}"' in html


def test_holders_are_people_data_hidden_from_structure_only_viewers(cast):
    html = cast.client_for("verifier").get(reverse("org:unit_detail", args=[cast.units["disdik"].pk])).content.decode()
    assert "Budi Kadisdik" not in html and "Lowong" not in html
    assert "hanya ditampilkan bagi yang berwenang" in html
    assert reverse("people:employee_list") not in html.split('id="main"')[1]


def test_breadcrumb_lists_only_visible_ancestors(cast):
    url = reverse("org:unit_detail", args=[cast.units["disdik_bidang"].pk])
    kepala = cast.client_for("kepala_opd").get(url).content.decode()
    crumbs = kepala[kepala.index('data-testid="breadcrumb"') :].split("</ol>")[0]
    assert "Dinas Pendidikan" in crumbs and "Pemerintah Kabupaten Uji" not in crumbs
    bupati = cast.client_for("bupati").get(url).content.decode()
    crumbs = bupati[bupati.index('data-testid="breadcrumb"') :].split("</ol>")[0]
    assert crumbs.index("Pemerintah Kabupaten Uji") < crumbs.index("Dinas Pendidikan")


def test_who_headed_the_unit_on_a_date(cast):
    _plt_for_dinkes(cast, days_ago=10)
    url = reverse("org:unit_detail", args=[cast.units["dinkes"].pk])
    today = tenant_today(cast.users["bupati"])
    result = cast.client_for("bupati").get(url, {"pada": today.isoformat()}).content.decode()
    heads = result[result.index('data-testid="heads-result"') :]
    assert "Dewi Perawat" in heads and ">Plt<" in heads and "hari ke-10" in heads
    before = cast.client_for("bupati").get(url, {"pada": "2023-06-01"}).content.decode()
    assert "Lowong" in before[before.index('data-testid="heads-result"') :]
    disdik = reverse("org:unit_detail", args=[cast.units["disdik"].pk])
    definitive = cast.client_for("kepala_opd").get(disdik, {"pada": "2025-03-03"}).content.decode()
    assert "Budi Kadisdik" in definitive[definitive.index('data-testid="heads-result"') :]
    bad = cast.client_for("bupati").get(url, {"pada": "2025-02-30"})
    assert bad.status_code == 200 and "Masukkan tanggal yang valid" in bad.content.decode()


def test_unit_detail_query_count_does_not_grow_with_positions(cast, django_assert_num_queries):
    client = cast.client_for("bupati")
    url = reverse("org:unit_detail", args=[cast.units["dinkes"].pk])
    client.get(url)
    # session, user, role assignments, tenant; unit; ancestors; positions; holders; sub-units
    with django_assert_num_queries(10):
        client.get(url)
    system = SystemActor(tenant_id=cast.tenant.pk)
    _plt_for_dinkes(cast)
    for i in range(4):
        position_create(
            actor=system,
            org_unit=cast.units["dinkes"],
            code=f"PR{i}",
            name=f"Perawat {i}",
            position_type="fungsional",
        )
    with django_assert_num_queries(10):
        response = client.get(url)
    assert response.content.decode().count("Perawat ") >= 4


# --- management forms -------------------------------------------------------------------------------------

# Dinas Pendidikan is in sight of bupati, sekda, asisten (cluster I), kepala_opd, asn (org.view there),
# verifier and hr_admin; only hr_admin may manage it (403 for the others who see it, 404 for the rest).
MANAGE_DISDIK = expectations(403, hr_admin=200, camat=404, asn_other_opd=404, other_tenant=404, anonymous=302)


@pytest.mark.parametrize("name", ["org:unit_create", "org:unit_update", "org:unit_close", "org:position_create"])
def test_unit_management_forms_matrix(cast, name):
    check_matrix(cast, "get", reverse(name, args=[cast.units["disdik"].pk]), MANAGE_DISDIK)


def test_position_update_matrix(cast):
    check_matrix(cast, "get", reverse("org:position_update", args=[cast.positions["kadisdik"].pk]), MANAGE_DISDIK)


def test_unit_update_post_matrix(cast):
    check_matrix(
        cast,
        "post",
        reverse("org:unit_update", args=[cast.units["disdik"].pk]),
        expectations(403, hr_admin=302, camat=404, asn_other_opd=404, other_tenant=404, anonymous=302),
        data={"name": "Dinas Pendidikan dan Kebudayaan", "kind": "dinas"},
        content_type=None,
    )
    assert OrgUnit.objects.get(pk=cast.units["disdik"].pk).name == "Dinas Pendidikan"  # every request rolled back


def test_management_buttons_only_for_managers(cast):
    url = reverse("org:unit_detail", args=[cast.units["disdik"].pk])
    edit = reverse("org:unit_update", args=[cast.units["disdik"].pk])
    assert edit in cast.client_for("hr_admin").get(url).content.decode()
    assert edit not in cast.client_for("kepala_opd").get(url).content.decode()


def test_create_sub_unit(cast):
    client = cast.client_for("hr_admin")
    parent = cast.units["disdik_bidang"]
    url = reverse("org:unit_create", args=[parent.pk])
    form = client.get(url).content.decode()
    assert f'<option value="{parent.pk}" selected>' in form
    response = client.post(
        url,
        {"parent": parent.pk, "code": "DISDIK-SD-KUR", "name": "Seksi Kurikulum", "kind": "seksi", "cluster": ""},
    )
    unit = OrgUnit.objects.get(code="DISDIK-SD-KUR")
    assert response.status_code == 302 and response["Location"] == reverse("org:unit_detail", args=[unit.pk])
    assert unit.parent_id == parent.pk and unit.path.startswith(parent.path)
    assert AuditEvent.objects.filter(action="org.unit.created", target_id=str(unit.pk)).exists()


def test_create_sub_unit_with_a_used_code_shows_the_error_and_writes_nothing(cast):
    client = cast.client_for("hr_admin")
    url = reverse("org:unit_create", args=[cast.units["disdik"].pk])
    before = OrgUnit.objects.count()
    response = client.post(url, {"parent": cast.units["disdik"].pk, "code": "DINKES", "name": "X", "kind": "bidang"})
    assert response.status_code == 200
    assert "Kode sudah dipakai." in response.content.decode()
    assert OrgUnit.objects.count() == before


def test_form_choices_are_restricted_to_the_managers_scope(cast):
    # An admin of Dinas Pendidikan only: the parent list is that subtree, the clusters those of the tenant.
    system = SystemActor(tenant_id=cast.tenant.pk)
    from pamong.access.models import User

    user = User.objects.create_user(username="admin_disdik", password="x", tenant=cast.tenant)
    role_assign(actor=system, user=user, role=Role.HR_ADMIN, org_unit=cast.units["disdik"])
    Cluster.objects.create(tenant=cast.other_tenant, code="AS-X", name="Asisten Kota Lain")
    client = cast.client_for("bupati")
    client.force_login(user)
    _mark_verified(client, user)
    url = reverse("org:unit_create", args=[cast.units["disdik"].pk])
    form = client.get(url).content.decode()
    parent_select = form[form.index('name="parent"') :].split("</select>")[0]
    assert "Dinas Pendidikan" in parent_select and "Bidang Pembinaan SD" in parent_select
    assert "Dinas Kesehatan" not in parent_select and "Pemerintah Kabupaten Uji" not in parent_select
    cluster_select = form[form.index('name="cluster"') :].split("</select>")[0]
    assert "Asisten I" in cluster_select and "Asisten Kota Lain" not in cluster_select
    # a parent outside the list is refused by the form, nothing is created
    response = client.post(url, {"parent": cast.units["dinkes"].pk, "code": "SNEAK", "name": "X", "kind": "bidang"})
    assert response.status_code == 200 and not OrgUnit.objects.filter(code="SNEAK").exists()
    assert "Masukkan pilihan yang valid" in response.content.decode()
    # and the pages of a unit out of that scope are not found
    assert client.get(reverse("org:unit_update", args=[cast.units["dinkes"].pk])).status_code == 404


def test_update_unit(cast):
    client = cast.client_for("hr_admin")
    unit = cast.units["dinkes"]
    response = client.post(
        reverse("org:unit_update", args=[unit.pk]),
        {
            "name": "Dinas Kesehatan dan KB",
            "short_name": "Dinkes",
            "kind": "dinas",
            "cluster": cast.clusters["asisten_1"].pk,
            "sort_order": 3,
            "reason": "Perbup 12/2026",
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Dinas Kesehatan dan KB" and unit.cluster == cast.clusters["asisten_1"]
    assert AuditEvent.objects.get(action="org.unit.updated", target_id=str(unit.pk)).reason == "Perbup 12/2026"


def test_close_unit_needs_a_reason_and_no_open_sub_units(cast):
    client = cast.client_for("hr_admin")
    disdik = cast.units["disdik"]
    no_reason = client.post(reverse("org:unit_close", args=[disdik.pk]), {"closed_on": "2026-01-31", "reason": ""})
    assert no_reason.status_code == 200 and "Bidang ini harus diisi" in no_reason.content.decode()
    busy = client.post(reverse("org:unit_close", args=[disdik.pk]), {"closed_on": "2026-01-31", "reason": "merger"})
    assert "masih memiliki 1 sub-unit aktif" in busy.content.decode()
    disdik.refresh_from_db()
    assert disdik.closed_on is None
    bidang = cast.units["disdik_bidang"]
    done = client.post(reverse("org:unit_close", args=[bidang.pk]), {"closed_on": "2026-01-31", "reason": "digabung"})
    assert done.status_code == 302
    bidang.refresh_from_db()
    assert bidang.closed_on == dt.date(2026, 1, 31)
    page = client.get(reverse("org:unit_detail", args=[bidang.pk])).content.decode()
    assert "ditutup 31 Januari 2026" in page


def test_create_position_and_refuse_a_wrong_eselon(cast):
    client = cast.client_for("hr_admin")
    url = reverse("org:position_create", args=[cast.units["disdik_bidang"].pk])
    bad = client.post(url, {"code": "PEL1", "name": "Pengadministrasi", "position_type": "pelaksana", "eselon": "IV.a"})
    assert bad.status_code == 200 and "tidak memiliki eselon" in bad.content.decode()
    assert not Position.objects.filter(code="PEL1").exists()
    bad_class = client.post(url, {"code": "PEL1", "name": "P", "position_type": "pelaksana", "job_class": 18})
    assert "Kelas jabatan harus 1 sampai 17." in bad_class.content.decode()
    good = client.post(
        url, {"code": "PEL1", "name": "Pengadministrasi Umum", "position_type": "pelaksana", "job_class": 5}
    )
    assert good.status_code == 302
    position = Position.objects.get(code="PEL1")
    assert position.org_unit_id == cast.units["disdik_bidang"].pk and position.job_class == 5
    detail = client.get(reverse("org:unit_detail", args=[cast.units["disdik_bidang"].pk])).content.decode()
    assert "Pengadministrasi Umum" in detail


def test_update_position(cast):
    client = cast.client_for("hr_admin")
    position = cast.positions["kabid_sd"]
    url = reverse("org:position_update", args=[position.pk])
    assert 'value="Kepala Bidang Pembinaan SD"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name": "Kepala Bidang SD",
            "position_type": "administrator",
            "eselon": "III.a",
            "job_class": 11,
            "duties": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "org:unit_detail", args=[cast.units["disdik_bidang"].pk]
    )
    position.refresh_from_db()
    assert (position.name, position.eselon, position.job_class) == ("Kepala Bidang SD", "III.a", 11)
