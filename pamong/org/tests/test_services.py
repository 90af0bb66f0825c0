"""Organisation services: tree paths, moves, closing, positions, authorisation, audit."""

import datetime as dt

import pytest

from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.org.choices import OrgUnitKind
from pamong.org.models import OrgUnit, path_segment
from pamong.org.services import position_create, unit_close, unit_create, unit_move, unit_update

pytestmark = pytest.mark.django_db


def test_unit_create_builds_the_materialised_path(cast):
    admin = cast.users["hr_admin"]
    disdik = cast.units["disdik"]
    seksi = unit_create(
        actor=admin, parent=cast.units["disdik_bidang"], code="S1", name="Seksi Kurikulum", kind=OrgUnitKind.SEKSI
    )
    assert seksi.path == cast.units["disdik_bidang"].path + path_segment(seksi.pk)
    assert seksi.path.startswith(disdik.path)
    assert seksi.depth == 3
    event = AuditEvent.objects.filter(action="org.unit.created", target_id=str(seksi.pk)).get()
    assert event.actor_id == admin.pk and event.after["code"] == "S1"


def test_duplicate_code_is_refused_with_a_field_error(cast):
    with pytest.raises(ValidationFailed) as exc:
        unit_create(
            actor=cast.users["hr_admin"], parent=cast.units["root"], code="DISDIK", name="X", kind=OrgUnitKind.DINAS
        )
    assert "code" in exc.value.field_errors


def test_only_managers_in_scope_may_create(cast):
    # kepala_opd sees Dinas Pendidikan but may not manage it: forbidden
    with pytest.raises(Forbidden):
        unit_create(
            actor=cast.users["kepala_opd"], parent=cast.units["disdik"], code="X1", name="X", kind=OrgUnitKind.BIDANG
        )
    # and cannot even see Dinas Kesehatan: not found
    with pytest.raises(NotFoundError):
        unit_create(
            actor=cast.users["kepala_opd"], parent=cast.units["dinkes"], code="X2", name="X", kind=OrgUnitKind.BIDANG
        )
    # another tenant's admin cannot touch this tenant at all
    with pytest.raises(NotFoundError):
        unit_create(
            actor=cast.users["other_tenant"], parent=cast.units["disdik"], code="X3", name="X", kind=OrgUnitKind.BIDANG
        )
    assert not OrgUnit.objects.filter(code__in=["X1", "X2", "X3"]).exists()


def test_move_rewrites_the_whole_subtree(cast):
    admin = cast.users["hr_admin"]
    bidang = cast.units["disdik_bidang"]
    seksi = unit_create(actor=admin, parent=bidang, code="S1", name="Seksi", kind=OrgUnitKind.SEKSI)
    unit_move(actor=admin, unit=bidang, new_parent=cast.units["dinkes"], reason="restrukturisasi")
    bidang.refresh_from_db()
    seksi.refresh_from_db()
    assert bidang.parent_id == cast.units["dinkes"].pk
    assert bidang.path == cast.units["dinkes"].path + path_segment(bidang.pk)
    assert seksi.path == bidang.path + path_segment(seksi.pk)
    assert (bidang.depth, seksi.depth) == (2, 3)


def test_move_under_own_descendant_is_refused(cast):
    with pytest.raises(ValidationFailed):
        unit_move(actor=cast.users["hr_admin"], unit=cast.units["disdik"], new_parent=cast.units["disdik_bidang"])


def test_close_keeps_history_and_needs_a_reason(cast):
    admin = cast.users["hr_admin"]
    bidang = cast.units["disdik_bidang"]
    with pytest.raises(ValidationFailed):
        unit_close(actor=admin, unit=bidang, closed_on=dt.date(2026, 12, 31), reason=" ")
    with pytest.raises(Conflict):  # still has an open child? no: disdik has the bidang
        unit_close(actor=admin, unit=cast.units["disdik"], closed_on=dt.date(2026, 12, 31), reason="merger")
    unit_close(actor=admin, unit=bidang, closed_on=dt.date(2026, 12, 31), reason="penggabungan")
    bidang.refresh_from_db()
    assert bidang.closed_on == dt.date(2026, 12, 31)
    assert OrgUnit.objects.open_on(dt.date(2026, 12, 30)).filter(pk=bidang.pk).exists()
    assert not OrgUnit.objects.open_on(dt.date(2026, 12, 31)).filter(pk=bidang.pk).exists()
    with pytest.raises(Conflict):
        unit_close(actor=admin, unit=bidang, closed_on=dt.date(2027, 1, 1), reason="lagi")


def test_update_audits_before_and_after_only_when_something_changed(cast):
    admin = cast.users["hr_admin"]
    unit = cast.units["dinkes"]
    unit_update(actor=admin, unit=unit, name=unit.name)
    assert not AuditEvent.objects.filter(action="org.unit.updated").exists()
    unit_update(actor=admin, unit=unit, name="Dinas Kesehatan dan KB", reason="Perbup 12/2026")
    event = AuditEvent.objects.get(action="org.unit.updated")
    assert event.before["name"] == "Dinas Kesehatan" and event.after["name"] == "Dinas Kesehatan dan KB"
    assert event.reason == "Perbup 12/2026"


@pytest.mark.parametrize(
    ("position_type", "eselon", "job_class", "field"),
    [
        ("jpt_pratama", "III.a", None, "eselon"),
        ("pelaksana", "IV.a", None, "eselon"),
        ("administrator", "", None, "eselon"),
        ("pengawas", "IV.a", 18, "job_class"),
        ("pengawas", "V.a", None, "eselon"),
    ],
)
def test_position_rules_reject_inconsistent_echelons(cast, position_type, eselon, job_class, field):
    with pytest.raises(ValidationFailed) as exc:
        position_create(
            actor=cast.users["hr_admin"],
            org_unit=cast.units["disdik_bidang"],
            code="P-X",
            name="Jabatan X",
            position_type=position_type,
            eselon=eselon,
            job_class=job_class,
        )
    assert field in exc.value.field_errors


def test_position_accepts_loose_echelon_spelling(cast):
    position = position_create(
        actor=cast.users["hr_admin"],
        org_unit=cast.units["disdik_bidang"],
        code="P-OK",
        name="Kepala Seksi",
        position_type="pengawas",
        eselon="4a",
        job_class=9,
    )
    assert position.eselon == "IV.a"


def test_second_open_head_post_in_a_unit_is_a_conflict(cast):
    with pytest.raises(Conflict):
        position_create(
            actor=cast.users["hr_admin"],
            org_unit=cast.units["disdik"],
            code="P-HEAD2",
            name="Kepala kedua",
            position_type="jpt_pratama",
            eselon="II.b",
            is_head=True,
        )
