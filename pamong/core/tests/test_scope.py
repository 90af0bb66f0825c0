"""Scope decisions without a database: the same grants drive visible_to and authorize."""

import pytest

from pamong.core.scope import ALL_ACTIONS, Grant, Scope, SystemActor, scope_of

DISDIK = "000001.000003."
BIDANG = "000001.000003.000004."
DINKES = "000001.000005."


@pytest.mark.parametrize(
    ("grant", "path", "covered"),
    [
        (Grant(frozenset({"x"}), DISDIK, True), DISDIK, True),
        (Grant(frozenset({"x"}), DISDIK, True), BIDANG, True),
        (Grant(frozenset({"x"}), DISDIK, True), DINKES, False),
        (Grant(frozenset({"x"}), DISDIK, False), DISDIK, True),
        (Grant(frozenset({"x"}), DISDIK, False), BIDANG, False),
        (Grant(frozenset({"x"}), None, True), DINKES, True),
        # a sibling whose id starts with the same digits is not a descendant
        (Grant(frozenset({"x"}), "000001.00000", True), "000001.000003.", True),
        (Grant(frozenset({"x"}), "000001.000003.", True), "000001.0000031.", False),
    ],
)
def test_grant_covers(grant, path, covered):
    assert grant.covers(path) is covered


SCOPE = Scope(
    tenant_id=7,
    grants=(Grant(frozenset({"people.view", "org.view"}), DISDIK, True),),
    employee_id=42,
    self_actions=frozenset({"people.view"}),
)


@pytest.mark.parametrize(
    ("action", "tenant_id", "path", "employee_id", "allowed"),
    [
        ("people.view", 7, BIDANG, None, True),
        ("people.view", 7, DINKES, None, False),
        ("people.view", 8, BIDANG, None, False),  # another tenant: never
        ("people.manage", 7, BIDANG, None, False),  # action not granted
        ("people.view", 7, DINKES, 42, True),  # own record, anywhere in the tenant
        ("people.manage", 7, DINKES, 42, False),  # self access is read-only
        ("people.view", 8, DINKES, 42, False),  # own id in another tenant: no
    ],
)
def test_scope_allows(action, tenant_id, path, employee_id, allowed):
    assert SCOPE.allows(action, tenant_id=tenant_id, path=path, employee_id=employee_id) is allowed


def test_can_is_for_menus():
    assert SCOPE.can("org.view")
    assert not SCOPE.can("imports.run")


def test_system_actor_may_do_everything_in_its_tenant_only():
    scope = scope_of(SystemActor(tenant_id=3))
    assert scope.grants_for("anything.at.all")[0].actions == frozenset({ALL_ACTIONS})
    assert scope.allows("org.manage", tenant_id=3, path=None)
    assert not scope.allows("org.manage", tenant_id=4, path=None)


def test_anonymous_has_no_scope():
    class Anonymous:
        is_authenticated = False

    assert scope_of(Anonymous()).tenant_id is None
