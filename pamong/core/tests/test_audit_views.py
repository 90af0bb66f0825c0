"""The audit trail page: only audit.view holders, each within their scope, in a fixed number of queries."""

import pytest
from django.urls import reverse

from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations

pytestmark = pytest.mark.django_db


def test_audit_page_matrix(cast):
    check_matrix(
        cast,
        "get",
        reverse("core:audit_list"),
        expectations(403, sekda=200, verifier=200, hr_admin=200, other_tenant=200, anonymous=302),
    )


def test_audit_page_shows_only_the_own_tenants_events(cast):
    own = cast.client_for("sekda").get(reverse("core:audit_list")).content.decode()
    other = cast.client_for("other_tenant").get(reverse("core:audit_list")).content.decode()
    assert "Dinas Pendidikan" in own
    assert "Dinas Pendidikan" not in other and "Pemerintah Kota Lain" in other


def test_audit_page_query_count_does_not_grow_with_events(cast, django_assert_num_queries):
    client = cast.client_for("sekda")
    client.get(reverse("core:audit_list"))  # warm the session
    with django_assert_num_queries(8):
        client.get(reverse("core:audit_list"))
