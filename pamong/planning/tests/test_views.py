"""Planning pages: permission matrix of every page, the tree with orphans, the trajectory grid, the import page."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.planning.models import IndicatorTarget, Mission, PeriodTarget
from pamong.planning.testing import build_plan

pytestmark = pytest.mark.django_db

SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "hr_admin", "asn", "planner")
EDITS_DISDIK = ("kepala_opd", "planner")
RENSTRA_EDITORS = ("kepala_opd", "camat", "planner")
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_tree_matrix(cast, plan):
    check_matrix(cast, "get", reverse("planning:tree"), expectations(200, anonymous=302))


def test_indicator_detail_matrix(cast, plan):
    url = reverse("planning:indicator_detail", args=[plan.indicator.pk])
    check_matrix(cast, "get", url, expectations(404, anonymous=302, **dict.fromkeys(SEES_DISDIK, 200)))
    # the IKU daerah is read by everyone in the tenant
    url = reverse("planning:indicator_detail", args=[plan.iku.pk])
    check_matrix(cast, "get", url, expectations(200, other_tenant=404, anonymous=302))


@pytest.mark.parametrize("name", ["planning:indicator_update", "planning:indicator_targets"])
def test_indicator_forms_matrix(cast, plan, name):
    url = reverse(name, args=[plan.indicator.pk])
    expected = expectations(
        404, anonymous=302, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(EDITS_DISDIK, 200)}
    )
    check_matrix(cast, "get", url, expected)


def test_planner_forms_matrix(cast, plan):
    check_matrix(cast, "get", reverse("planning:period_create"), expectations(403, planner=200, anonymous=302))
    for name, pk in (
        ("planning:period_status", plan.period.pk),
        ("planning:mission_create", plan.period.pk),
        ("planning:program_create", plan.period.pk),
        ("planning:goal_create", plan.mission.pk),
        ("planning:regional_target_create", plan.goal.pk),
    ):
        check_matrix(
            cast, "get", reverse(name, args=[pk]), expectations(403, planner=200, other_tenant=404, anonymous=302)
        )


@pytest.mark.parametrize("name", ["planning:strategic_target_create", "planning:indicator_create"])
def test_renstra_forms_matrix(cast, plan, name):
    expected = expectations(403, other_tenant=404, anonymous=302, **dict.fromkeys(RENSTRA_EDITORS, 200))
    check_matrix(cast, "get", reverse(name, args=[plan.period.pk]), expected)


def test_import_page_matrix(cast):
    expected = expectations(403, anonymous=302, **dict.fromkeys(RENSTRA_EDITORS, 200))
    check_matrix(cast, "get", reverse("planning:import"), expected)


def test_tree_shows_the_cascade_and_warns_of_orphans(cast, plan):
    html = cast.client_for("bupati").get(reverse("planning:tree")).content.decode()
    assert plan.period.vision in html and "Indikator yatim" in html
    orphans = html[html.index('data-testid="orphans"') : html.index("</ul>", html.index('data-testid="orphans"'))]
    assert "IKX" in orphans and "IK1" not in orphans
    mine = cast.client_for("kepala_opd").get(reverse("planning:tree")).content.decode()
    assert "IK1" in mine and "IKX" not in mine and "Indikator yatim" not in mine


def test_tree_query_count_is_fixed(cast, django_assert_num_queries):
    plan = build_plan(cast)
    client = cast.client_for("bupati")
    client.get(reverse("planning:tree"))
    with django_assert_num_queries(TREE_QUERIES):
        client.get(reverse("planning:tree"))
    system = __import__("pamong.core.scope", fromlist=["SystemActor"]).SystemActor(tenant_id=cast.tenant.pk)
    from pamong.planning import services
    from pamong.planning.choices import IndicatorLevel

    for n in range(20):
        services.indicator_create(
            actor=system,
            org_unit=cast.units["dinkes"],
            period=plan.period,
            level=IndicatorLevel.OPD,
            data=services.IndicatorData(code=f"X{n}", name=f"Indikator {n}", unit_of_measure="%"),
        )
    with django_assert_num_queries(TREE_QUERIES):
        client.get(reverse("planning:tree"))


#: session, user, role assignments, tenant; periods (list and current); missions, goals, regional targets,
#: programs, strategic targets, indicators; the manageable-units check; the unread-notice count.
TREE_QUERIES = 13


def test_trajectory_grid_accepts_the_decimal_comma_and_names_the_missing_period(cast, plan):
    client = cast.client_for("kepala_opd")
    url = reverse("planning:indicator_targets", args=[plan.indicator.pk])
    form = client.get(url).content.decode()
    assert 'name="period_4"' in form and 'name="period_5"' not in form
    bad = {"year": "2027", "annual_target": "99,5", "period_1": "97", "period_2": "sembilan", "period_4": "99,5"}
    response = client.post(url, bad)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Isian harus berupa angka" in html
    del bad["period_2"]
    html = client.post(url, {**bad, "period_2": "98"}).content.decode()
    assert "Target Triwulan III belum diisi." in html
    assert not IndicatorTarget.objects.filter(year=2027).exists()
    good = {
        "year": "2027",
        "annual_target": "99,5",
        "period_1": "97",
        "period_2": "98",
        "period_3": "98,75",
        "period_4": "99,5",
    }
    response = client.post(url, good)
    assert response.status_code == 302
    assert PeriodTarget.objects.get(indicator=plan.indicator, year=2027, period_no=3).target == Decimal("98.75")


def test_planner_adds_a_mission(cast, plan):
    response = cast.client_for("planner").post(
        reverse("planning:mission_create", args=[plan.period.pk]), {"number": "2", "text": "Misi kedua"}
    )
    assert response.status_code == 302 and Mission.objects.filter(number=2).exists()


def test_import_page_shows_errors_or_the_result(cast):
    client = cast.client_for("planner")
    url = reverse("planning:import")
    bad = json.loads((SAMPLES / "rpjmd.json").read_text())
    del bad["visi"]
    response = client.post(url, {"kind": "rpjmd", "file": SimpleUploadedFile("r.json", json.dumps(bad).encode())})
    assert response.status_code == 400 and "<code>visi</code>" in response.content.decode()
    good = SimpleUploadedFile("r.json", (SAMPLES / "rpjmd.json").read_bytes())
    response = client.post(url, {"kind": "rpjmd", "file": good})
    assert response.status_code == 200 and 'data-testid="import-result"' in response.content.decode()


def test_planner_closes_the_period_in_force_with_a_reason_and_puts_the_next_in_force(cast, plan):
    from pamong.core.models import AuditEvent
    from pamong.planning.choices import PeriodStatus
    from pamong.planning.models import PlanPeriod
    from pamong.planning.services import period_create

    client = cast.client_for("planner")
    url = reverse("planning:period_status", args=[plan.period.pk])
    assert "Tutup periode" in client.get(url).content.decode()
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "wajib diisi" in refused.content.decode().lower()
    assert PlanPeriod.objects.get(pk=plan.period.pk).status == PeriodStatus.ACTIVE
    assert client.post(url, {"reason": "Perda 5/2030"}).status_code == 302
    assert PlanPeriod.objects.get(pk=plan.period.pk).status == PeriodStatus.CLOSED
    assert AuditEvent.objects.get(action="planning.period.closed").reason == "Perda 5/2030"
    nxt = period_create(actor=cast.users["planner"], name="RPJMD 2030–2035", start_year=2030, end_year=2035, vision="V")
    assert client.post(reverse("planning:period_status", args=[nxt.pk]), {"reason": ""}).status_code == 302
    assert PlanPeriod.objects.get(pk=nxt.pk).status == PeriodStatus.ACTIVE
