"""The today board API: the same board as the page, as JSON; matrix and pinned query count."""

import pytest

from pamong.core.testing.matrix import check_matrix, token_client
from pamong.core.testing.personas import expectations

from .test_board import five_day_schedule, punch, staff  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/api/attendance/board/"


@pytest.fixture
def board_cast(cast):
    from django.utils import timezone

    today = cast.tenant.today()
    five_day_schedule(cast, day=today, every_day=True)
    return cast, timezone.now()


def test_board_api_matrix_and_shape(board_cast, django_assert_num_queries):
    cast, _now = board_cast
    responses = check_matrix(
        cast,
        "get",
        URL,
        expectations(200, asn=403, asn_other_opd=403, verifier=403, planner=403, anonymous=401),
        client_for=token_client,
    )
    head = responses["kepala_opd"].json()
    assert head["unit"] == cast.units["disdik"].pk
    assert {r["name"] for r in head["rows"]} == {"Budi Kadisdik", "Citra Staf"}
    assert sum(head["counts"].values()) == 2 and set(head["counts"]) == {
        "in",
        "late",
        "not_in",
        "absent",
        "excused",
        "off",
    }
    sekda = responses["sekda"].json()
    assert sekda["rows"] is None and {g["name"] for g in sekda["groups"]} >= {"Dinas Pendidikan", "Dinas Kesehatan"}
    assert sum(sekda["counts"].values()) == 7
    drill = f"{URL}?unit={cast.units['disdik'].pk}"
    check_matrix(
        cast,
        "get",
        drill,
        expectations(
            404,
            bupati=200,
            sekda=200,
            asisten=200,
            kepala_opd=200,
            hr_admin=200,
            asn=403,
            asn_other_opd=403,
            verifier=403,
            planner=403,
            anonymous=401,
        ),
        client_for=token_client,
    )
    client = token_client(cast, "sekda")
    # token (with its user), tenant, roles, and the board's eight
    with django_assert_num_queries(11):
        client.get(URL)
