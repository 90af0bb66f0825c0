"""Performance pages: the permission matrix of every page, what each page shows, and pinned query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.performance import services
from pamong.performance.models import Consequence, LikelihoodRating
from pamong.performance.testing import TODAY, YEAR, indicator, report
from pamong.reports.models import Report, ReportValue

pytestmark = pytest.mark.django_db

Q = "?tahun=2026&bulan=9"
COCKPIT = ("bupati", "sekda", "asisten", "planner")
PERFORMANCE = ("bupati", "sekda", "asisten", "kepala_opd", "camat", "verifier", "hr_admin", "planner")
SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "hr_admin", "planner")
RATES_DISDIK = ("sekda", "asisten", "planner")
MANAGES_DISDIK = ("sekda", "asisten", "hr_admin")


def late_entry():
    return Consequence.objects.get(kind="report_late")


@pytest.mark.parametrize("name", ["performance:cockpit", "performance:cockpit_export"])
def test_cockpit_matrix(cast, scored, name):
    url = reverse(name, args=["semua"] if name.endswith("export") else []) + Q
    check_matrix(cast, "get", url, expectations(403, anonymous=302, **dict.fromkeys(COCKPIT, 200)))


@pytest.mark.parametrize(
    "name", ["performance:unit_list", "performance:consequence_list", "performance:consequence_export"]
)
def test_lists_matrix(cast, scored, name):
    expected = expectations(403, anonymous=302, other_tenant=200, **dict.fromkeys(PERFORMANCE, 200))
    check_matrix(cast, "get", reverse(name) + Q, expected)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("performance:unit_detail", []),
        ("performance:unit_export", ["semua"]),
        ("performance:unit_briefing", []),
    ],
)
def test_unit_pages_matrix(cast, scored, name, args):
    url = reverse(name, args=[cast.units["disdik"].pk, *args]) + Q
    check_matrix(cast, "get", url, expectations(404, anonymous=302, **dict.fromkeys(SEES_DISDIK, 200)))


def test_indicator_page_matrix(cast, scored):
    url = reverse("performance:indicator_detail", args=[scored.ik1.pk]) + Q
    check_matrix(cast, "get", url, expectations(404, anonymous=302, **dict.fromkeys(SEES_DISDIK, 200)))


@pytest.mark.parametrize("subject", ["indicator", "program"])
def test_rating_forms_matrix(cast, scored, subject):
    if subject == "indicator":
        url = reverse("performance:indicator_rate", args=[scored.ik1.pk])
    else:
        url = reverse("performance:program_rate", args=[scored.plan.program.pk])
    expected = expectations(
        404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(RATES_DISDIK, 200)}
    )
    check_matrix(cast, "get", url + Q, expected)
    posted = expectations(404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(RATES_DISDIK, 302)})
    data = {"month": "9", "rating": "amber_red", "reason": "Anggaran perubahan belum turun"}
    check_matrix(cast, "post", url + Q, posted, data=data, content_type=None)


def test_consequence_pages_matrix(cast, scored):
    entry = late_entry()  # Dinas Pendidikan
    detail = reverse("performance:consequence_detail", args=[entry.pk])
    check_matrix(cast, "get", detail, expectations(404, anonymous=302, **dict.fromkeys(SEES_DISDIK, 200)))
    manage = expectations(
        404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(MANAGES_DISDIK, 200)}
    )
    check_matrix(cast, "get", reverse("performance:consequence_assign", args=[entry.pk]), manage)
    check_matrix(cast, "get", reverse("performance:consequence_step", args=[entry.pk, "progress"]), manage)
    posted = expectations(
        404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(MANAGES_DISDIK, 302)}
    )
    url = reverse("performance:consequence_step", args=[entry.pk, "dismiss"])
    check_matrix(cast, "post", url, posted, data={"note": "Keterlambatan karena gangguan server"}, content_type=None)


def test_cockpit_shows_every_panel(cast, scored):
    html = cast.client_for("bupati").get(reverse("performance:cockpit") + Q).content.decode()
    league = html[
        html.index('data-testid="league-opd"') : html.index("</table>", html.index('data-testid="league-opd"'))
    ]
    assert league.index("Dinas Kesehatan") < league.index("Dinas Pendidikan")  # 80,00 before 66,67
    assert "66,67" in league and "Sedang" in league
    assert "Kecamatan Anggrek" in html[html.index('data-testid="league-kecamatan"') :]
    red = html[
        html.index('data-testid="red-indicators"') : html.index("</table>", html.index('data-testid="red-indicators"'))
    ]
    assert "KC1" in red and "IK1" in red and "IK2" in red and "IKY" not in red
    overdue = html[html.index('data-testid="overdue-reports"') :]
    assert "Dinas Kesehatan" in overdue and "Laporan tidak disampaikan" in overdue
    assert "Uji Cerdas" in html  # the priority program
    for chart in ("chart-trend", "chart-distribution", "chart-colours"):
        assert f'id="{chart}" type="application/json"' in html
    assert "<script>" not in html.replace('<script src="', "")  # only script files, never inline code


def test_cockpit_of_an_asisten_holds_his_cluster_only(cast, scored):
    html = cast.client_for("asisten").get(reverse("performance:cockpit") + Q).content.decode()
    assert "Dinas Pendidikan" in html and "Kecamatan Anggrek" in html
    assert "Dinas Kesehatan" not in html  # cluster II: neither its league row nor its missing report


def test_cockpit_defaults_to_the_reporting_month_and_says_when_empty(cast, scenario):
    client = cast.client_for("sekda")
    html = client.get(reverse("performance:cockpit")).content.decode()
    assert "Belum ada skor" in html
    services.scores_refresh(actor=scenario.system, tenant_id=cast.tenant.pk, year=YEAR, today=TODAY)
    html = client.get(reverse("performance:cockpit") + "?tahun=2026").content.decode()
    assert "s.d. akhir" in html  # a computed month is shown by default


def test_unit_page_for_its_head(cast, scored):
    client = cast.client_for("kepala_opd")
    html = client.get(reverse("performance:unit_detail", args=[cast.units["disdik"].pk]) + Q).content.decode()
    assert 'data-testid="unit-index">66,67' in html
    assert html.count("menunggu verifikasi") == 2  # Q3 submitted, not verified: both indicators
    assert "terlambat 5 hari" in html  # its follow-up
    assert reverse("reports:report_detail", args=[scored.late.pk]) in html
    units = client.get(reverse("performance:unit_list") + Q).content.decode()
    assert "Dinas Pendidikan" in units and "Dinas Kesehatan" not in units


def test_indicator_page_links_each_period_to_its_report(cast, scored):
    html = (
        cast.client_for("sekda").get(reverse("performance:indicator_detail", args=[scored.ik1.pk]) + Q).content.decode()
    )
    assert reverse("reports:report_detail", args=[scored.late.pk]) in html
    assert "80,00%" in html and "100,00%" in html and "66,67%" in html
    assert "Nilai kemungkinan tercapai" in html  # the Sekda rates


def test_rating_is_saved_and_shown_beside_the_colour(cast, scored):
    client = cast.client_for("sekda")
    url = reverse("performance:indicator_rate", args=[scored.ik1.pk]) + Q
    response = client.post(url, {"month": "9", "rating": "amber_green", "reason": "pendek"})
    assert response.status_code == 200 and "terlalu singkat" in response.content.decode()
    assert not LikelihoodRating.objects.exists()
    response = client.post(url, {"month": "9", "rating": "amber_green", "reason": "Q3 menunggu verifikasi, tren naik"})
    assert response.status_code == 302
    html = client.get(reverse("performance:unit_detail", args=[cast.units["disdik"].pk]) + Q).content.decode()
    assert "Kuning-hijau" in html and 'data-colour="red"' in html  # the rating beside the red, not instead


def test_register_steps_from_the_pages(cast, scored):
    entry = late_entry()
    sekda = cast.client_for("sekda")
    response = sekda.post(
        reverse("performance:consequence_assign", args=[entry.pk]),
        {"owner_user": cast.users["kepala_opd"].pk, "note": ""},
    )
    assert response.status_code == 302
    budi = cast.client_for("kepala_opd")
    html = budi.get(reverse("performance:consequence_detail", args=[entry.pk])).content.decode()
    assert 'data-testid="step-progress"' in html and 'data-testid="step-dismiss"' not in html
    response = budi.post(reverse("performance:consequence_step", args=[entry.pk, "resolve"]), {"note": ""})
    assert response.status_code == 200 and "Catatan wajib diisi" in response.content.decode()
    response = budi.post(
        reverse("performance:consequence_step", args=[entry.pk, "resolve"]), {"note": "Laporan Q3 sudah lengkap"}
    )
    assert response.status_code == 302
    assert budi.get(reverse("performance:consequence_step", args=[entry.pk, "close"])).status_code == 403
    entry.refresh_from_db()
    assert entry.status == "resolved"
    html = sekda.get(reverse("performance:consequence_list") + "?status=resolved").content.decode()
    assert entry.title in html


def test_excel_exports_hold_the_page_tables(cast, scored):
    from io import BytesIO

    from openpyxl import load_workbook

    content = cast.client_for("bupati").get(reverse("performance:cockpit_export", args=["semua"]) + Q).content
    book = load_workbook(BytesIO(content))
    assert book.sheetnames == [
        "Program prioritas",
        "Peringkat OPD",
        "Peringkat kecamatan",
        "Indikator merah",
        "Laporan terlambat",
        "Konsekuensi terbuka",
    ]
    league = book["Peringkat OPD"]
    assert [c.value for c in league[4]][:3] == ["Peringkat", "Unit", "Indeks"]
    assert [c.value for c in league[5]][:3] == [1, "Dinas Kesehatan", 80.0]
    assert [c.value for c in league[6]][:3] == [2, "Dinas Pendidikan", 66.67]
    assert "September 2026" in league["A2"].value
    one = load_workbook(
        BytesIO(
            cast.client_for("asisten").get(reverse("performance:cockpit_export", args=["peringkat-opd"]) + Q).content
        )
    )
    assert [row[1].value for row in one.active.iter_rows(min_row=5)] == ["Dinas Pendidikan"]  # his cluster only
    assert cast.client_for("bupati").get(reverse("performance:cockpit_export", args=["rahasia"])).status_code == 404
    unit = load_workbook(
        BytesIO(
            cast.client_for("kepala_opd")
            .get(reverse("performance:unit_export", args=[cast.units["disdik"].pk, "indikator"]) + Q)
            .content
        )
    )
    rows = list(unit.active.iter_rows(min_row=5, values_only=True))
    assert [r[0] for r in rows] == ["IK1", "IK2"] and rows[0][7] == 66.67


def test_briefing_pdf(cast, scored):
    from io import BytesIO

    from pypdf import PdfReader

    response = cast.client_for("sekda").get(reverse("performance:unit_briefing", args=[cast.units["disdik"].pk]) + Q)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages).split())
    for expected in (
        "PEMERINTAH KABUPATEN UJI",
        "DINAS PENDIDIKAN",
        "September 2026",
        "66,67",
        "Sedang",
        "IK1",
        "terlambat 5 hari",
    ):
        assert expected in text, expected


# ----------------------------------------------------------------------------------- query counts --

#: session, user, role assignments, tenant (scope); score runs (period); the notice bell; programs, their ratings,
#: OPD league, kecamatan league, red indicators, overdue reports, missing reports, open follow-ups; trend and
#: colour rows, capaian histogram; discipline per OPD (issue 5, ``discipline.selectors.supervision.cockpit_figures``):
#: the OPDs, the month's recap by OPD, open warnings, open cases, the year's GDN reports; meeting follow-through per
#: OPD (issue 6, ``meetings.selectors.actions.follow_through_by_opd``): the year's action items, their OPDs.
COCKPIT_QUERIES = 23
#: scope (4), score runs, the bell; unit scores, reports, indicator scores, ratings, follow-ups; the unit.
UNIT_QUERIES = 12
#: scope (4), score runs, the bell; the indicator; targets, values with reports, scores, ratings, follow-ups.
INDICATOR_QUERIES = 12
#: scope (4), score runs, the bell; count and page of unit scores.
UNIT_LIST_QUERIES = 8
#: scope (4), the bell; count and page of entries, units for the filter.
REGISTER_QUERIES = 8


def grow(cast, scenario):
    """More indicators, reports, ratings and follow-ups in more units: the counts must not move."""
    units = ["disdik", "disdik", "dinkes", "kec", "kec", "setda", "inspektorat"]
    quarters = dict.fromkeys(range(1, 5), Decimal(10))
    extra = [
        indicator(cast, scenario.plan, u, f"X{n}", annual=Decimal(40), trajectory=quarters) for n, u in enumerate(units)
    ]
    for ind in extra:
        for number in (1, 2, 3):
            existing = Report.objects.filter(
                org_unit=ind.org_unit, year=YEAR, period_kind="quarterly", period_no=number
            )
            if existing.exists():
                ReportValue.objects.create(tenant=cast.tenant, report=existing.get(), indicator=ind, actual=Decimal(4))
            else:
                report(cast, ind.org_unit, "quarterly", number, {ind: Decimal(4)})
    services.scores_refresh(actor=scenario.system, tenant_id=cast.tenant.pk, year=YEAR, today=TODAY)
    services.consequences_evaluate(actor=scenario.system, tenant_id=cast.tenant.pk, today=TODAY)
    for ind in [*extra[:3], scenario.ik1, scenario.ik1]:
        services.likelihood_rate(
            actor=cast.users["sekda"], indicator=ind, year=YEAR, month=9, rating="red", reason="perlu perhatian segera"
        )
    services.likelihood_rate(
        actor=cast.users["sekda"],
        program=scenario.plan.program,
        year=YEAR,
        month=9,
        rating="red",
        reason="perlu perhatian",
    )


def counted(client, url, django_assert_num_queries, n):
    client.get(url)
    with django_assert_num_queries(n):
        assert client.get(url).status_code == 200


def test_page_query_counts_are_fixed(cast, scored, django_assert_num_queries):
    client = cast.client_for("bupati")
    pages = [
        (reverse("performance:cockpit") + Q, COCKPIT_QUERIES),
        (reverse("performance:unit_detail", args=[cast.units["disdik"].pk]) + Q, UNIT_QUERIES),
        (reverse("performance:indicator_detail", args=[scored.ik1.pk]) + Q, INDICATOR_QUERIES),
        (reverse("performance:unit_list") + Q, UNIT_LIST_QUERIES),
        (reverse("performance:consequence_list") + "?status=semua", REGISTER_QUERIES),
    ]
    for url, n in pages:
        counted(client, url, django_assert_num_queries, n)
    grow(cast, scored)
    for url, n in pages:
        counted(client, url, django_assert_num_queries, n)


def test_each_panel_is_one_or_two_queries(cast, scored, django_assert_num_queries):
    from pamong.access.roles import COCKPIT_VIEW, PERFORMANCE_VIEW
    from pamong.performance.selectors import cockpit, units

    user = cast.users["bupati"]
    grow(cast, scored)
    panels = [
        (1, lambda: cockpit.league(actor=user, action=COCKPIT_VIEW, year=YEAR, month=9, group="opd")),
        (1, lambda: cockpit.red_indicators(actor=user, action=COCKPIT_VIEW, year=YEAR, month=9)),
        (2, lambda: cockpit.overdue_reports(actor=user, action=COCKPIT_VIEW, today=TODAY)),
        (1, lambda: cockpit.active_consequences(actor=user, action=COCKPIT_VIEW)),
        (2, lambda: cockpit.programs(actor=user, action=COCKPIT_VIEW, year=YEAR, month=9)),
        (2, lambda: cockpit.charts(actor=user, action=COCKPIT_VIEW, year=YEAR, month=9, months=10)),
        (5, lambda: units.unit_overview(actor=user, unit=cast.units["disdik"], year=YEAR, month=9)),
        (5, lambda: units.indicator_overview(actor=user, indicator=scored.ik1, year=YEAR)),
    ]
    cockpit.league(actor=user, action=PERFORMANCE_VIEW, year=YEAR, month=9, group="opd")  # the scope, once
    for n, panel in panels:
        with django_assert_num_queries(n):
            panel()
