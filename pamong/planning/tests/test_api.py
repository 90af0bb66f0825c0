"""Planning API: permission matrix of every endpoint, bad input, pinned query count of the indicator list."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pamong.core.scope import SystemActor
from pamong.core.testing.matrix import check_matrix, token_client
from pamong.core.testing.personas import expectations
from pamong.planning import services
from pamong.planning.choices import IndicatorLevel
from pamong.planning.models import PeriodTarget

pytestmark = pytest.mark.django_db

SEES_DISDIK = ("bupati", "sekda", "asisten", "kepala_opd", "verifier", "hr_admin", "asn", "planner")
EDITS_DISDIK = ("kepala_opd", "planner")
READ = expectations(404, anonymous=401, **dict.fromkeys(SEES_DISDIK, 200))
WRITE = expectations(404, anonymous=401, **{**dict.fromkeys(SEES_DISDIK, 403), **dict.fromkeys(EDITS_DISDIK, 200)})
SAMPLE = (Path(__file__).resolve().parents[1] / "samples" / "rpjmd.json").read_bytes()
#: token+user, role assignments, tenant, count, rows (the regional/scoped filter is one subquery).
INDICATOR_LIST_QUERIES = 5


class Rewinding(SimpleUploadedFile):
    """An upload that can be sent once per persona."""

    def read(self, *args, **kwargs):
        self.seek(0)
        return super().read(*args, **kwargs)


def test_periods_and_indicator_list_answer_every_signed_in_persona(cast, plan):
    responses = check_matrix(
        cast, "get", "/api/planning/periods/", expectations(200, anonymous=401), client_for=token_client
    )
    assert responses["other_tenant"].json()["count"] == 0 and responses["asn"].json()["count"] == 1
    check_matrix(
        cast,
        "get",
        f"/api/planning/periods/{plan.period.pk}/",
        expectations(200, other_tenant=404, anonymous=401),
        client_for=token_client,
    )
    responses = check_matrix(
        cast, "get", "/api/planning/indicators/", expectations(200, anonymous=401), client_for=token_client
    )
    codes = {p: {i["code"] for i in r.json()["results"]} for p, r in responses.items() if r.status_code == 200}
    assert codes["kepala_opd"] == {"IKU1", "IK1"} and codes["asn_other_opd"] == {"IKU1", "IKX"}
    assert codes["bupati"] == {"IKU1", "IK1", "IKX"} and codes["other_tenant"] == set()


def test_indicator_retrieve_update_and_targets_follow_scope(cast, plan):
    url = f"/api/planning/indicators/{plan.indicator.pk}/"
    check_matrix(cast, "get", url, READ, client_for=token_client)
    check_matrix(cast, "patch", url, WRITE, data={"name": "APM SD"}, client_for=token_client)
    body = {"year": 2027, "annual_target": "99,5", "period_targets": {"1": 97, "2": "98", "3": "98,5", "4": "99,5"}}
    check_matrix(cast, "post", url + "targets/", WRITE, data=body, client_for=token_client)


def test_indicator_create_matrix(cast, plan):
    body = {
        "period": plan.period.pk,
        "org_unit": cast.units["disdik"].pk,
        "code": "IK9",
        "name": "Indikator baru",
        "unit_of_measure": "%",
        "strategic_target": plan.strategic.pk,
    }
    expected = expectations(
        403,
        anonymous=401,
        camat=400,
        asn_other_opd=400,
        other_tenant=400,
        **dict.fromkeys(EDITS_DISDIK, 201),
    )
    check_matrix(cast, "post", "/api/planning/indicators/", expected, data=body, client_for=token_client)


def test_tree_and_import_matrix(cast, plan):
    responses = check_matrix(
        cast, "get", "/api/planning/tree/", expectations(200, other_tenant=404, anonymous=401), client_for=token_client
    )
    assert [o["code"] for o in responses["bupati"].json()["orphans"]] == ["IKX"]
    assert responses["kepala_opd"].json()["orphans"] == []
    upload = Rewinding("rpjmd.json", SAMPLE, content_type="application/json")
    check_matrix(
        cast,
        "post",
        "/api/planning/import/",
        expectations(403, planner=200, anonymous=401),
        data={"kind": "rpjmd", "file": upload},
        content_type=None,
        client_for=token_client,
    )


def test_text_where_a_number_belongs_and_missing_period(cast, plan):
    client = token_client(cast, "kepala_opd")
    url = f"/api/planning/indicators/{plan.indicator.pk}/targets/"
    response = client.post(url, {"year": 2027, "annual_target": "banyak", "period_targets": {"1": "1"}}, format="json")
    assert response.status_code == 400 and "angka" in str(response.json())
    response = client.post(url, {"year": 2027, "annual_target": "4", "period_targets": {"1": "1"}}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["period_2"] == ["Target Triwulan II belum diisi."]
    assert not PeriodTarget.objects.filter(year=2027).exists()


@pytest.mark.parametrize("extra", [0, 19])
def test_indicator_list_runs_a_fixed_number_of_queries(cast, plan, django_assert_num_queries, extra):
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    for n in range(extra):
        services.indicator_create(
            actor=system,
            org_unit=cast.units["disdik"],
            period=plan.period,
            level=IndicatorLevel.OPD,
            data=services.IndicatorData(code=f"X{n}", name=f"Indikator {n}", unit_of_measure="%"),
        )
    client = token_client(cast, "kepala_opd")
    with django_assert_num_queries(INDICATOR_LIST_QUERIES):
        response = client.get("/api/planning/indicators/")
    assert response.json()["count"] == 2 + extra
