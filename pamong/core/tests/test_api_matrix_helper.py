"""The permission-matrix helper itself: complete coverage, all mismatches in one message, no leaking writes."""

from __future__ import annotations

import pytest

from pamong.core.testing.matrix import EVERYONE, check_matrix, token_client
from pamong.core.testing.personas import PERSONAS, expectations
from pamong.org.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_everyone_is_every_persona_plus_anonymous():
    assert (*PERSONAS, "anonymous") == EVERYONE


def test_an_incomplete_matrix_is_refused_before_any_request(cast):
    expected = expectations(200)  # no "anonymous"
    with pytest.raises(AssertionError, match=r"incomplete: missing \['anonymous'\]"):
        check_matrix(cast, "get", "/api/units/", expected)
    with pytest.raises(KeyError):
        expectations(200, nobody=404)


def test_every_mismatch_is_reported_at_once(cast):
    url = f"/api/units/{cast.units['disdik'].pk}/"
    wrong = expectations(200, anonymous=401)  # camat, asn_other_opd and other_tenant really get 404
    with pytest.raises(AssertionError) as failure:
        check_matrix(cast, "get", url, wrong, client_for=token_client)
    message = str(failure.value)
    assert "3 of 12 callers differ" in message
    for persona in ("camat", "asn_other_opd", "other_tenant"):
        assert f"✗ {persona:<14} expected 200, got 404" in message
    assert "✗ bupati" not in message


def test_each_request_is_rolled_back_so_every_persona_meets_the_same_data(cast):
    body = {"parent": cast.units["disdik"].pk, "code": "BARU", "name": "Badan Baru", "kind": "badan"}
    # Without the rollback hr_admin's unit would exist and nobody else could reach the authorisation check.
    check_matrix(
        cast,
        "post",
        "/api/units/",
        expectations(403, hr_admin=201, camat=400, asn_other_opd=400, other_tenant=400, anonymous=401),
        data=body,
        client_for=token_client,
    )
    assert not OrgUnit.objects.filter(code="BARU").exists()
