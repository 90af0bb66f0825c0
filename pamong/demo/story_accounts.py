"""The accounts of the heads who act in the demo's story (sign a PK, submit a report, follow up an entry).

A report is submitted and a PK signed by whoever headed the unit that day, so that person needs a login
holding the head's role over the unit for that time. Heads who already have a demo login (the Kepala Dinas
Pendidikan, the Camat of Melati, the Sekda for the Setda, the Asisten I as Plt of Kesbangpol) use it and
gain the role if they lack it; every other head gets an account named after the unit they head today
(``kepala.pupr``, ``camat.kenanga``), or after themselves if they head none today (a head who moved on or
retired; a retired one's account is inactive). Each role runs from the first to the last day of that
headship, so the access history says who could act when.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from .dto import EmployeePlan, UnitPlan
from .heads import HeadSpell

OPD_HEAD, CAMAT = "opd_head", "camat"
NOTE = "Akun kepala unit (demo)"
#: Units whose tag does not make a short login name by itself.
NAMES = {"setda": "setda", "setwan": "setwan", "insp": "inspektorat", "rsud": "rsud"}


@dataclass(frozen=True, slots=True)
class AccountPlan:
    """A head's login written in bulk (see ``loader``); ``active`` is False for a retired head."""

    username: str
    employee_index: int
    active: bool


@dataclass(frozen=True, slots=True)
class RolePlan:
    """A role given through ``role_assign``, over one unit, valid ``valid_from``..``valid_to`` (None: open)."""

    username: str
    role: str
    unit_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str = NOTE


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower())


def unit_login(tag: str, unit: UnitPlan) -> str:
    """``kepala.pupr`` for ``opd:pupr``, ``camat.bungatengah`` for Kecamatan Bunga Tengah."""
    if tag.startswith("kec:"):
        return f"camat.{_slug(unit.short_name)}"
    return f"kepala.{NAMES.get(tag) or _slug(tag.split(':', 1)[-1])}"


class Accounts:
    """Hands out the login of each head spell, creating accounts and roles as the story needs them."""

    def __init__(
        self,
        *,
        featured: Mapping[int, str],
        featured_roles: set[tuple[str, str]],
        current: Mapping[int, str],
        employees: Mapping[int, EmployeePlan],
        units: Mapping[str, UnitPlan],
    ) -> None:
        self._featured = dict(featured)  # employee index -> existing demo login
        self._have_roles = set(featured_roles)  # (username, unit code) already held
        self._current = dict(current)  # employee index -> the unit login they are named after
        self._employees = employees
        self._units = units
        self._names: dict[int, str] = {}
        self._taken = set(featured.values()) | set(current.values())
        self.accounts: list[AccountPlan] = []
        self.roles: list[RolePlan] = []

    def _person_login(self, employee: EmployeePlan) -> str:
        words = [w for w in re.split(r"\s+", employee.name) if _slug(w)]
        base = ".".join(_slug(w) for w in words[:2]) or f"pegawai{employee.index}"
        name, n = base, 1
        while name in self._taken:
            n += 1
            name = f"{base}{n}"
        self._taken.add(name)
        return name

    def username_of(self, employee_index: int) -> str | None:
        """The login of an employee if they have one (a demo login or an account handed out already)."""
        return self._featured.get(employee_index) or self._names.get(employee_index)

    def of(self, spell: HeadSpell) -> str:
        """The login of the head of ``spell``, with the head's role over the unit for the spell's days."""
        index = spell.employee_index
        username = self._featured.get(index) or self._names.get(index)
        if username is None:
            employee = self._employees[index]
            username = self._current.get(index) or self._person_login(employee)
            self._names[index] = username
            self.accounts.append(AccountPlan(username, index, employee.is_active))
        key = (username, spell.unit_code)
        if key not in self._have_roles:
            self._have_roles.add(key)
            role = CAMAT if self._units[spell.unit_code].kind == "kecamatan" else OPD_HEAD
            self.roles.append(RolePlan(username, role, spell.unit_code, spell.starts_on, spell.ends_on))
        return username
