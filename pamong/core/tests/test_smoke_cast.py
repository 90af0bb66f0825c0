"""The persona cast builds through the real services and scopes as documented."""

import pytest

from pamong.core.testing.personas import PERSONAS
from pamong.people.models import Employee

pytestmark = pytest.mark.django_db


def test_cast_has_every_persona(cast):
    assert set(cast.users) == set(PERSONAS)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("bupati", {"sekda", "kepala_opd", "asn", "asn_other_opd", "camat", "verifier", "hr_admin"}),
        ("asisten", {"kepala_opd", "asn", "camat"}),
        ("kepala_opd", {"kepala_opd", "asn"}),
        ("camat", {"camat"}),
        ("asn", {"asn"}),
        ("asn_other_opd", {"asn_other_opd"}),
        ("verifier", {"verifier"}),
        ("other_tenant", set()),
    ],
)
def test_employee_visibility_per_persona(cast, persona, expected):
    names = {k for k, e in cast.employees.items()}
    visible = set(Employee.objects.visible_to(cast.users[persona], "people.view").values_list("pk", flat=True))
    assert {k for k in names if cast.employees[k].pk in visible} == expected
