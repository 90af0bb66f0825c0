"""The ladder pages: what each shows, their permission matrices over the cast, pinned query counts, the decline
form and BKPSDM's evaluation on demand, and the home panel."""

import datetime as dt

import pytest
from django.urls import reverse

from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.discipline.choices import WarningStatus
from pamong.discipline.models import Warning
from pamong.discipline.services.ladder import ladder_evaluate

from .test_ladder_support import extra_staff, working_days, write_days

pytestmark = pytest.mark.django_db

YEAR = 2026
Q = f"?tahun={YEAR}"


def build_world(cast):
    """Citra Staf (asn): 5 days + 1,350 minutes = 8 → R3 to the Kadisdik; Dewi Perawat (asn_other_opd): 3 days → R1,
    nobody above her vacant Kepala Dinas post: BKPSDM alone."""
    asn, dewi = cast.employees["asn"], cast.employees["asn_other_opd"]
    write_days(
        cast,
        asn,
        dt.date(YEAR, 1, 1),
        dt.date(YEAR, 6, 30),
        absent=working_days(dt.date(YEAR, 2, 2), 5),
        late=dict.fromkeys(working_days(dt.date(YEAR, 4, 6), 9), 150),
    )
    write_days(cast, dewi, dt.date(YEAR, 1, 1), dt.date(YEAR, 6, 30), absent=working_days(dt.date(YEAR, 3, 2), 3))
    ladder_evaluate(
        actor=SystemActor(tenant_id=cast.tenant.pk, label="test"),
        tenant=cast.tenant,
        year=YEAR,
        through=dt.date(YEAR, 6, 30),
        today=dt.date(YEAR, 7, 1),
    )
    cast.warning = Warning.objects.get(employee=asn)
    cast.dewi_warning = Warning.objects.get(employee=dewi)
    return cast


@pytest.fixture
def world(cast):
    return build_world(cast)


def test_my_counter_says_where_i_stand(world):
    html = world.client_for("asn").get(reverse("discipline:my") + Q).content.decode()
    assert "Anda berada di 8 dari ambang 11 hari" in html
    assert 'data-testid="own-unexcused">5<' in html and 'data-testid="own-minutes">1.350<' in html
    assert 'data-testid="own-conversion">3<' in html and "3 hari lagi" in html
    assert "Pernyataan tidak puas secara tertulis" in html
    assert reverse("discipline:warning_detail", args=[world.warning.pk]) in html
    other = world.client_for("asn_other_opd").get(reverse("discipline:my") + Q).content.decode()
    assert "Anda berada di 3 dari ambang 4 hari" in other and "Citra Staf" not in other


def test_my_page_matrix(world):
    check_matrix(
        world,
        "get",
        reverse("discipline:my") + Q,
        expectations(200, bupati=403, asisten=403, planner=403, other_tenant=403, anonymous=302),
    )


def test_team_matrix_and_scope(world):
    responses = check_matrix(
        world,
        "get",
        reverse("discipline:team") + Q,
        expectations(
            403,
            bupati=200,
            sekda=200,
            asisten=200,
            kepala_opd=200,
            camat=200,
            hr_admin=200,
            other_tenant=200,
            anonymous=302,
        ),
    )
    head = responses["kepala_opd"].content.decode()
    assert "Citra Staf" in head and "Dewi Perawat" not in head
    assert 'data-testid="team-awaiting"' in head  # Citra's warning waits for him
    hr = responses["hr_admin"].content.decode()
    assert "Citra Staf" in hr and "Dewi Perawat" in hr
    assert "Citra Staf" not in responses["camat"].content.decode()
    assert "Citra Staf" not in responses["other_tenant"].content.decode()


def test_team_of_one_unit_matrix(world):
    url = reverse("discipline:team") + f"{Q}&unit={world.units['disdik'].pk}"
    check_matrix(
        world,
        "get",
        url,
        expectations(
            403,
            bupati=200,
            sekda=200,
            asisten=200,
            kepala_opd=200,
            camat=404,
            hr_admin=200,
            other_tenant=404,
            anonymous=302,
        ),
    )


def test_team_is_sorted_by_total_and_by_name(world):
    client = world.client_for("hr_admin")
    by_total = client.get(reverse("discipline:team") + Q).content.decode().split('data-testid="standing-table"')[1]
    assert by_total.index("Citra Staf") < by_total.index("Dewi Perawat")
    by_fewest = client.get(reverse("discipline:team") + Q + "&urut=total").content.decode()
    by_fewest = by_fewest.split('data-testid="standing-table"')[1]
    assert by_fewest.index("Dewi Perawat") < by_fewest.index("Citra Staf")


def test_warning_list_matrix(world):
    responses = check_matrix(
        world,
        "get",
        reverse("discipline:warning_list"),
        expectations(200, planner=403, anonymous=302),
    )
    assert "Citra Staf" in responses["asn"].content.decode()
    assert "Dewi Perawat" not in responses["asn"].content.decode()
    assert "Citra Staf" not in responses["asn_other_opd"].content.decode()
    assert "Citra Staf" not in responses["camat"].content.decode()
    assert "Citra Staf" not in responses["verifier"].content.decode()


def test_warning_list_filters(world):
    client = world.client_for("hr_admin")
    html = client.get(reverse("discipline:warning_list") + "?status=declined").content.decode()
    assert 'data-testid="warning-empty"' in html
    html = client.get(reverse("discipline:warning_list") + f"?kind=band&tahun={YEAR}").content.decode()
    assert "Citra Staf" in html and "Dewi Perawat" in html


def test_warning_detail_matrix_and_evidence(world):
    url = reverse("discipline:warning_detail", args=[world.warning.pk])
    responses = check_matrix(
        world,
        "get",
        url,
        expectations(404, bupati=200, sekda=200, asisten=200, kepala_opd=200, hr_admin=200, asn=200, anonymous=302),
    )
    head = responses["kepala_opd"].content.decode()
    assert 'data-testid="warning-decline-form"' in head
    assert "5 hari tanpa keterangan + 1.350 menit ÷ 450 = 3 hari (sisa 0 menit)" in head
    assert head.count("<tr>") >= 15  # header + 5 absent days + 9 late days
    for persona in ("asn", "bupati", "asisten"):
        assert 'data-testid="warning-decline-form"' not in responses[persona].content.decode()


def test_decline_matrix(world):
    url = reverse("discipline:warning_decline", args=[world.warning.pk])
    check_matrix(
        world,
        "post",
        url,
        expectations(404, bupati=403, sekda=403, asisten=403, kepala_opd=302, hr_admin=302, asn=403, anonymous=302),
        data={"reason": "Sudah dibina; ketidakhadiran karena orang tua sakit, bukti menyusul."},
        content_type=None,
    )


def test_decline_needs_a_reason_then_records_it(world):
    client = world.client_for("kepala_opd")
    url = reverse("discipline:warning_decline", args=[world.warning.pk])
    page = client.post(url, {"reason": "  "}, follow=True).content.decode()
    assert "Tuliskan alasan" in page and "PP 94/2021 Pasal 28" in page
    assert Warning.objects.get(pk=world.warning.pk).status == WarningStatus.OPEN
    client.post(url, {"reason": "Ibu yang bersangkutan dirawat; surat dokter diserahkan."})
    warning = Warning.objects.get(pk=world.warning.pk)
    assert warning.status == WarningStatus.DECLINED and warning.acted_by == world.users["kepala_opd"]
    page = client.get(reverse("discipline:warning_detail", args=[warning.pk])).content.decode()
    assert "surat dokter diserahkan" in page and 'data-testid="warning-decline-form"' not in page


def test_ladder_run_matrix(world):
    check_matrix(
        world,
        "get",
        reverse("discipline:ladder_run"),
        expectations(403, hr_admin=200, other_tenant=200, anonymous=302),
    )
    check_matrix(
        world,
        "post",
        reverse("discipline:ladder_run"),
        expectations(403, hr_admin=302, other_tenant=302, anonymous=302),
        data={"year": YEAR},
        content_type=None,
    )


def test_ladder_run_refuses_a_year_not_begun_and_evaluates_a_past_one(world):
    client = world.client_for("hr_admin")
    page = client.post(reverse("discipline:ladder_run"), {"year": 2099}).content.decode()
    assert "Tahun 2099 belum berjalan" in page
    response = client.post(reverse("discipline:ladder_run"), {"year": 2025}, follow=True)
    assert "Ambang 2025 dihitung sampai 31 Desember 2025" in response.content.decode()


def test_home_panel_shows_my_counter_and_what_waits_for_the_head(world):
    asn = world.client_for("asn").get(reverse("core:home")).content.decode()
    assert 'data-testid="home-discipline"' in asn and 'data-testid="home-awaiting"' not in asn
    head = world.client_for("kepala_opd").get(reverse("core:home")).content.decode()
    assert 'data-testid="home-awaiting"' in head and "Citra Staf" in head
    assert 'data-testid="home-discipline"' not in world.client_for("planner").get(reverse("core:home")).content.decode()


def _more(cast, n):
    for employee in extra_staff(cast, n):
        write_days(
            cast, employee, dt.date(YEAR, 1, 1), dt.date(YEAR, 1, 31), absent=working_days(dt.date(YEAR, 1, 5), 4)
        )
    ladder_evaluate(
        actor=SystemActor(tenant_id=cast.tenant.pk, label="test"),
        tenant=cast.tenant,
        year=YEAR,
        through=dt.date(YEAR, 6, 30),
        today=dt.date(YEAR, 7, 1),
    )


def test_team_query_count(world, django_assert_num_queries):
    client = world.client_for("kepala_opd")
    url = reverse("discipline:team") + Q
    client.get(url)
    # session, user, tenant, roles; count, the page of standings; the warnings awaiting; bell; menu
    with django_assert_num_queries(TEAM_QUERIES):
        client.get(url)
    _more(world, 4)
    with django_assert_num_queries(TEAM_QUERIES):
        assert client.get(url).content.decode().count('data-testid="standing-row-') == 5


def test_warning_list_query_count(world, django_assert_num_queries):
    client = world.client_for("hr_admin")
    url = reverse("discipline:warning_list")
    client.get(url)
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url)
    _more(world, 4)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).content.decode().count('data-testid="warning-row-') == 6


# session, user, tenant, roles; the page's count and rows; the warnings awaiting (with employee, unit, superior);
# the notice bell; the menu's employee record.
TEAM_QUERIES = 9
# session, user, TOTP device, tenant, roles; count and rows (with employee, unit, superior, actor); bell; employee.
LIST_QUERIES = 9


def test_the_discipline_root_leads_to_ones_own_counter_or_the_register(cast):
    from pamong.core.testing.matrix import check_matrix
    from pamong.core.testing.personas import expectations

    responses = check_matrix(cast, "get", "/disiplin/", expectations(302, anonymous=302))
    assert responses["asn"]["Location"] == "/disiplin/saya/"
    assert responses["bupati"]["Location"] == "/disiplin/kasus/"
    assert responses["anonymous"]["Location"].startswith("/akun/login/")
