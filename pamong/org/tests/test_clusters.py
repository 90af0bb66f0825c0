"""Asisten clusters: registered by BKPSDM through a service, listed with their OPDs in scope."""

import pytest
from django.urls import reverse

from pamong.core.errors import Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.org.models import Cluster
from pamong.org.services import cluster_create, cluster_update

pytestmark = pytest.mark.django_db


def test_cluster_create_is_audited_and_codes_are_unique(cast):
    cluster = cluster_create(
        actor=cast.users["hr_admin"], code=" as-iii ", name="Asisten Administrasi Umum", sort_order=3
    )
    assert cluster.code == "AS-III" and cluster.tenant_id == cast.tenant.pk
    assert AuditEvent.objects.filter(action="org.cluster.created", target_id=str(cluster.pk)).exists()
    with pytest.raises(ValidationFailed) as exc:
        cluster_create(actor=cast.users["hr_admin"], code="AS-III", name="Lagi")
    assert "code" in exc.value.field_errors


def test_only_tenant_wide_managers_register_clusters(cast):
    with pytest.raises((Forbidden, NotFoundError)):
        cluster_create(actor=cast.users["kepala_opd"], code="X", name="X")
    with pytest.raises(NotFoundError):
        cluster_update(
            actor=cast.users["other_tenant"], cluster=cast.clusters["asisten_1"], name="Diubah", sort_order=1
        )
    assert not Cluster.objects.filter(code="X").exists()


def test_cluster_list_shows_the_opds_each_asisten_coordinates_within_scope(cast, django_assert_num_queries):
    client = cast.client_for("asisten")
    with django_assert_num_queries(8):
        html = client.get(reverse("org:cluster_list")).content.decode()
    assert "Dinas Pendidikan" in html and "Kecamatan Anggrek" in html
    assert "Dinas Kesehatan" not in html  # cluster II exists but its OPD is outside the asisten's scope
    assert "Asisten II" in html


def test_cluster_pages_matrix(cast):
    check_matrix(cast, "get", reverse("org:cluster_list"), expectations(200, anonymous=302))
    check_matrix(
        cast,
        "get",
        reverse("org:cluster_create"),
        expectations(403, hr_admin=200, other_tenant=200, anonymous=302),
    )


def test_cluster_create_page_rejects_a_duplicate_and_writes_nothing(cast):
    client = cast.client_for("hr_admin")
    response = client.post(reverse("org:cluster_create"), {"code": "AS-I", "name": "Dobel", "sort_order": 1})
    assert response.status_code == 200 and "sudah dipakai" in response.content.decode()
    assert Cluster.objects.filter(tenant=cast.tenant).count() == 2
    response = client.post(reverse("org:cluster_create"), {"code": "AS-III", "name": "Asisten III", "sort_order": 3})
    assert response.status_code == 302 and Cluster.objects.filter(tenant=cast.tenant, code="AS-III").exists()
