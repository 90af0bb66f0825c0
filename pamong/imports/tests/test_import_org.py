"""Unit and position files: tree building and moving, cycles, closing, one head per unit."""

import datetime as dt

import pytest

from pamong.core.models import AuditEvent
from pamong.org.models import OrgUnit, Position, path_segment

from .builders import POSITION_HEADER, UNIT_HEADER, csv_bytes, run, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(cast):
    return cast.users["hr_admin"]


def units(admin, rows, *, header=UNIT_HEADER):
    return run(admin, "units", "unor.csv", csv_bytes(header, rows, delimiter=";"))


def positions(admin, rows):
    return run(admin, "positions", "jabatan.csv", csv_bytes(POSITION_HEADER, rows))


def unit_row(code, name, parent="", kind="Bidang", short="", cluster="", closed=""):
    return [code, name, parent, kind, short, cluster, closed]


def errors_of(batch):
    return [(e["row"], e["column"], e["value"]) for e in batch.errors]


# ------------------------------------------------------------------------------ units --


def test_units_build_a_tree_in_any_row_order(cast, admin):
    rows = [
        unit_row("DPUPR-BM-JLN", "Seksi Jalan", "DPUPR-BM", "Seksi"),
        unit_row("DPUPR-BM", "Bidang Bina Marga", "DPUPR"),
        unit_row("DPUPR", "Dinas PUPR", "", "Dinas", "DPUPR", "AS-II"),
        unit_row("DISDIK-SD-X", "Seksi Kurikulum", "DISDIK-SD", "seksi"),
    ]
    batch = units(admin, rows)
    assert batch.status == "applied", batch.errors
    assert batch.created_count == 4
    root = cast.units["root"]
    dinas = OrgUnit.objects.get(code="DPUPR")
    bidang = OrgUnit.objects.get(code="DPUPR-BM")
    seksi = OrgUnit.objects.get(code="DPUPR-BM-JLN")
    assert (dinas.parent, dinas.kind, dinas.short_name, dinas.cluster) == (
        root,
        "dinas",
        "DPUPR",
        cast.clusters["asisten_2"],
    )
    assert dinas.path == root.path + path_segment(dinas.pk)
    assert seksi.path == dinas.path + path_segment(bidang.pk) + path_segment(seksi.pk)
    assert (dinas.depth, bidang.depth, seksi.depth) == (1, 2, 3)
    assert OrgUnit.objects.get(code="DISDIK-SD-X").path.startswith(cast.units["disdik_bidang"].path)


def test_units_reimport_is_a_no_op_and_a_rename_updates_one_row(cast, admin):
    rows = [unit_row("DPUPR", "Dinas PUPR", "", "Dinas"), unit_row("DPUPR-BM", "Bidang Bina Marga", "DPUPR")]
    assert units(admin, rows).status == "applied"
    before = snapshot(cast.tenant.pk)
    again = units(admin, rows)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    assert snapshot(cast.tenant.pk) == before
    rows[1][1] = "Bidang Jalan dan Jembatan"
    renamed = units(admin, rows)
    assert (renamed.created_count, renamed.updated_count, renamed.unchanged_count) == (0, 1, 1)
    event = AuditEvent.objects.filter(action="imports.batch.applied").latest("seq")
    assert event.after["changes"] == {"DPUPR-BM": {"name": ["Bidang Bina Marga", "Bidang Jalan dan Jembatan"]}}


def test_moving_a_unit_rewrites_the_paths_of_its_whole_subtree(cast, admin):
    bidang, inspektorat = cast.units["disdik_bidang"], cast.units["inspektorat"]
    assert units(admin, [unit_row("SEKSI-A", "Seksi A", "DISDIK-SD", "Seksi")]).status == "applied"
    batch = units(admin, [unit_row("DISDIK-SD", "Bidang Pembinaan SD", "INSP")])
    assert batch.status == "applied", batch.errors
    assert batch.updated_count == 1
    bidang.refresh_from_db()
    seksi = OrgUnit.objects.get(code="SEKSI-A")
    assert bidang.path == inspektorat.path + path_segment(bidang.pk)
    assert seksi.path == bidang.path + path_segment(seksi.pk)
    assert seksi.depth == 3
    # The posts and people of the moved unit follow it in the scope tree.
    assert Position.objects.filter(org_unit__path__startswith=inspektorat.path, code="GURU").exists()


def test_unit_errors_are_reported_per_row_and_column(cast, admin):
    before = snapshot(cast.tenant.pk)
    rows = [
        unit_row("A", "Unit A", "B", "Bidang"),
        unit_row("B", "Unit B", "A", "Bidang"),  # A and B are each other's parent
        unit_row("C", "Unit C", "TIDAK-ADA"),
        unit_row("D", "Unit D", "", "Kantor"),
        unit_row("A", "Unit A lagi", ""),
        unit_row("E", "Unit E", "", "Dinas", "", "AS-IX"),
        unit_row("F", "", "F"),
    ]
    batch = units(admin, rows)
    assert batch.status == "rejected"
    assert errors_of(batch) == [
        (5, "JENIS_UNOR", "Kantor"),
        (8, "NAMA_UNOR", ""),
        (8, "KODE_UNOR_INDUK", "F"),
    ]
    assert "Dinas, Badan, Kecamatan" in batch.errors[0]["message"]
    assert snapshot(cast.tenant.pk) == before
    # Once every row parses, the cross-row checks speak.
    rows = rows[:3] + rows[4:6]
    batch = units(admin, rows)
    assert errors_of(batch) == [
        (4, "KODE_UNOR_INDUK", "TIDAK-ADA"),
        (5, "KODE_UNOR", "A"),
        (6, "KODE_ASISTEN", "AS-IX"),
    ]
    batch = units(admin, rows[:2])
    assert errors_of(batch) == [(2, "KODE_UNOR_INDUK", "B"), (3, "KODE_UNOR_INDUK", "A")]
    assert "lingkaran: A → B → A" in batch.errors[0]["message"]


def test_closing_a_unit_with_open_sub_units_is_refused(cast, admin):
    batch = units(admin, [unit_row("DISDIK", "Dinas Pendidikan", "", "Dinas", closed="31/12/2025")])
    assert errors_of(batch) == [(2, "TANGGAL_TUTUP", "31/12/2025")]
    assert "DISDIK-SD" in batch.errors[0]["message"]
    closing_both = [
        unit_row("DISDIK", "Dinas Pendidikan", "", "Dinas", closed="31/12/2025"),
        unit_row("DISDIK-SD", "Bidang Pembinaan SD", "DISDIK", closed="31/12/2025"),
    ]
    assert units(admin, closing_both).status == "applied"
    assert OrgUnit.objects.get(code="DISDIK").closed_on == dt.date(2025, 12, 31)


def test_the_root_row_may_be_renamed_but_not_given_a_parent(cast, admin):
    batch = units(admin, [unit_row("ROOT", "Pemerintah Kabupaten Uji Baru", "", "Pemerintah Kabupaten")])
    assert (batch.status, batch.updated_count) == ("applied", 1)
    batch = units(admin, [unit_row("ROOT", "Pemkab", "SETDA", "Pemda"), unit_row("X", "X", "", "Pemda")])
    assert errors_of(batch) == [(2, "KODE_UNOR_INDUK", "SETDA"), (3, "JENIS_UNOR", "region")]


# ------------------------------------------------------------------------------ positions --


def position_row(code, name, unit, ptype="Pelaksana", eselon="", job_class=7, duties="", head="N"):
    return [code, name, unit, ptype, eselon, job_class, duties, head]


def test_positions_apply_and_reimport_changes_nothing(cast, admin):
    rows = [
        position_row("KASI-A", "Kepala Seksi A", "DISDIK-SD", "Pengawas", "IV a", 9, "Mengelola seksi", "Y"),
        position_row("STAF-A", "Staf A", "DISDIK-SD", "JFU"),
        position_row("DOKTER", "Dokter Ahli Pertama", "DINKES", "Jabatan Fungsional", "Non Eselon", 9),
    ]
    # DISDIK-SD already has a head (KABID_SD): a second one is refused.
    batch = positions(admin, rows)
    assert errors_of(batch) == [(2, "KEPALA_UNIT", "Y")]
    assert "KABID_SD" in batch.errors[0]["message"]
    rows[0][2] = "DINKES"
    rows[0][7] = "N"
    batch = positions(admin, rows)
    assert batch.status == "applied", batch.errors
    kasi = Position.objects.get(code="KASI-A")
    assert (kasi.position_type, kasi.eselon, kasi.job_class, kasi.org_unit) == (
        "pengawas",
        "IV.a",
        9,
        cast.units["dinkes"],
    )
    assert Position.objects.get(code="STAF-A").position_type == "pelaksana"
    before = snapshot(cast.tenant.pk)
    again = positions(admin, rows)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    assert snapshot(cast.tenant.pk) == before


def test_position_rule_errors_come_from_the_org_rules(admin):
    rows = [
        position_row("P1", "Pelaksana Bereselon", "DISDIK-SD", "Pelaksana", "IV.a"),
        position_row("P2", "Kepala Tanpa Eselon", "DINKES", "Administrator", ""),
        position_row("P3", "Eselon V", "DINKES", "Pengawas", "V.a"),
        position_row("P4", "Kelas Salah", "DINKES", "Pelaksana", "", 18),
        position_row("P5", "Jenis Salah", "DINKES", "Honorer"),
    ]
    batch = positions(admin, rows)
    assert errors_of(batch) == [
        (2, "ESELON", "IV.a"),
        (3, "ESELON", ""),
        (4, "ESELON", "V.a"),
        (5, "KELAS_JABATAN", "18"),
        (6, "JENIS_JABATAN", "Honorer"),
    ]
    assert "tidak memiliki eselon" in batch.errors[0]["message"]
    assert "eselon V sudah dihapus" in batch.errors[2]["message"]


def test_head_posts_can_swap_units_in_one_file(cast, admin):
    """Two heads trade places: written in two steps so the one-head constraint never trips."""
    rows = [
        position_row("KABID_SD", "Kepala Bidang Pembinaan SD", "DINKES", "Administrator", "III.b", 11, "", "Y"),
        position_row("KADINKES", "Kepala Dinas Kesehatan", "DISDIK-SD", "Struktural JPT Pratama", "II.b", 14, "", "Y"),
    ]
    batch = positions(admin, rows)
    assert batch.status == "applied", batch.errors
    assert Position.objects.get(code="KABID_SD").org_unit == cast.units["dinkes"]
    assert Position.objects.get(code="KADINKES").is_head


def test_positions_in_unknown_or_closed_units_are_refused(cast, admin):
    cast.units["kec"].closed_on = dt.date(2025, 1, 1)
    cast.units["kec"].save()
    batch = positions(admin, [position_row("X", "X", "HILANG"), position_row("Y", "Y", "KEC-A")])
    assert errors_of(batch) == [(2, "KODE_UNOR", "HILANG"), (3, "KODE_UNOR", "KEC-A")]
    assert "sudah ditutup" in batch.errors[1]["message"]
