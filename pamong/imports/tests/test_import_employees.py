"""Employee files: whole-file validation, atomic and idempotent apply, assignments, scope, progress."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pamong.access.models import RoleAssignment, User
from pamong.access.roles import Role
from pamong.access.services import role_assign
from pamong.core.models import AuditEvent
from pamong.core.scope import SystemActor
from pamong.imports import rows as rows_module
from pamong.imports.models import ImportBatch
from pamong.imports.services import import_run, import_upload
from pamong.org.services import position_create
from pamong.people.models import Assignment, Employee
from pamong.people.services import employees_sync_current_posts

from .builders import (
    EMPLOYEE_HEADER,
    audit_actions,
    csv_bytes,
    employee_row,
    last_seq,
    nip,
    run,
    snapshot,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

COL = {name: i for i, name in enumerate(EMPLOYEE_HEADER)}


def with_(row, **values):
    row = list(row)
    for name, value in values.items():
        row[COL[name]] = value
    return row


@pytest.fixture
def admin(cast):
    return cast.users["hr_admin"]


def import_rows(admin, rows, *, name="pegawai.xlsx"):
    content = xlsx_bytes(EMPLOYEE_HEADER, rows) if name.endswith(".xlsx") else csv_bytes(EMPLOYEE_HEADER, rows)
    return run(admin, "employees", name, content)


def errors_of(batch):
    return [(e["row"], e["column"], e["value"]) for e in batch.errors]


# ------------------------------------------------------------------ rejected files leave no trace --


def test_bad_nip_in_row_3_and_bad_grade_in_row_5_reject_the_whole_file(cast, admin):
    before = snapshot(cast.tenant.pk)
    rows = [employee_row(i) for i in range(6)]
    rows[1] = with_(rows[1], NIP_BARU="19900230201501100")  # row 3: 17 digits
    rows[3] = with_(rows[3], GOL_AKHIR="III/f")  # row 5
    batch = import_rows(admin, rows)
    assert batch.status == "rejected"
    assert errors_of(batch) == [(3, "NIP_BARU", "19900230201501100"), (5, "GOL_AKHIR", "III/f")]
    assert "18 digit" in batch.errors[0]["message"]
    assert "Golongan/ruang" in batch.errors[1]["message"]
    assert (batch.error_count, batch.error_rows, batch.created_count) == (2, 2, 0)
    assert snapshot(cast.tenant.pk) == before


def test_every_bad_cell_of_a_row_is_reported(admin):
    row = with_(employee_row(0), NIP_BARU="19901301201501100X", NAMA="", EMAIL="bukan-surel", NOMOR_HP="12")
    batch = import_rows(admin, [row], name="pegawai.csv")
    columns = [c for _r, c, _v in errors_of(batch)]
    assert columns == ["NIP_BARU", "NAMA", "EMAIL", "NOMOR_HP"]  # left to right
    assert {e["row"] for e in batch.errors} == {2}


def test_duplicate_nip_in_the_file_names_the_first_row(cast, admin):
    before = snapshot(cast.tenant.pk)
    rows = [employee_row(0), employee_row(1), with_(employee_row(2), NIP_BARU=nip(0))]
    batch = import_rows(admin, rows)
    assert batch.status == "rejected"
    assert errors_of(batch) == [(4, "NIP_BARU", nip(0))]
    assert "baris 2" in batch.errors[0]["message"]
    assert snapshot(cast.tenant.pk) == before


def test_unknown_unit_and_position_codes_are_errors(cast, admin):
    before = snapshot(cast.tenant.pk)
    rows = [
        with_(employee_row(0), KODE_UNOR="TIDAK-ADA"),
        with_(employee_row(1), KODE_JABATAN="JAB-HILANG", TMT_JABATAN=dt.date(2025, 1, 2)),
    ]
    batch = import_rows(admin, rows)
    assert errors_of(batch) == [(2, "KODE_UNOR", "TIDAK-ADA"), (3, "KODE_JABATAN", "JAB-HILANG")]
    assert "Impor unitnya terlebih dahulu" in batch.errors[0]["message"]
    assert snapshot(cast.tenant.pk) == before


def test_position_without_tmt_is_an_error(admin):
    batch = import_rows(admin, [with_(employee_row(0), KODE_JABATAN="KABID_SD", JENIS_PENUGASAN="Plt")])
    assert errors_of(batch) == [(2, "TMT_JABATAN", "")]


def test_a_nip_excel_turned_into_a_number_is_explained(admin):
    batch = import_rows(admin, [with_(employee_row(0), NIP_BARU=float(nip(0)))])
    assert batch.errors[0]["column"] == "NIP_BARU"
    assert "Format kolom NIP sebagai Teks" in batch.errors[0]["message"]


# ----------------------------------------------------------------------------- good files --


def test_good_file_creates_employees_with_assignments(cast, admin):
    rows = [
        with_(employee_row(0), GELAR_DEPAN="Dr.", GOL_AKHIR="Penata Muda (III/a)"),
        with_(employee_row(1), NIP_BARU=nip(1, pppk=True), JENIS_PEGAWAI="P3K", GOL_AKHIR="9", NOMOR_HP=81234567890),
        with_(employee_row(2), KODE_JABATAN="KABID_SD", JENIS_PENUGASAN="Plt", TMT_JABATAN=dt.date(2025, 1, 2)),
    ]
    seq = last_seq(cast.tenant.pk)
    batch = import_rows(admin, rows)
    assert batch.status == "applied", batch.errors
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (3, 0, 0)
    first = Employee.objects.get(nip=nip(0))
    assert (first.front_title, first.grade, first.org_unit, first.birth_date) == (
        "Dr.",
        "III/a",
        cast.units["disdik_bidang"],
        dt.date(1960, 1, 1),
    )
    pppk = Employee.objects.get(nip=nip(1, pppk=True))
    assert (pppk.kind, pppk.grade, pppk.phone) == ("pppk", "IX", "081234567890")
    acting = Assignment.objects.get(employee__nip=nip(2))
    assert (acting.position, acting.kind, acting.starts_on) == (cast.positions["kabid_sd"], "plt", dt.date(2025, 1, 2))
    assert audit_actions(cast.tenant.pk, seq) == ["imports.batch.uploaded", "imports.batch.applied"]
    applied = AuditEvent.objects.get(tenant=cast.tenant, action="imports.batch.applied")
    assert applied.after["created_keys"] == [nip(0), nip(1, pppk=True), nip(2)]
    assert (applied.after["created"], applied.after["assignments_started"]) == (3, 1)


def test_reimporting_the_same_file_changes_nothing(cast, admin):
    rows = [employee_row(i) for i in range(5)]
    rows[0] = with_(rows[0], KODE_JABATAN="KABID_SD", JENIS_PENUGASAN="Plt", TMT_JABATAN="02/01/2025")
    content = xlsx_bytes(EMPLOYEE_HEADER, rows)
    assert run(admin, "employees", "a.xlsx", content).status == "applied"
    before, seq = snapshot(cast.tenant.pk), last_seq(cast.tenant.pk)
    again = run(admin, "employees", "a.xlsx", content)
    assert (again.status, again.created_count, again.updated_count, again.unchanged_count) == ("applied", 0, 0, 5)
    assert snapshot(cast.tenant.pk) == before  # not even updated_at moved
    assert audit_actions(cast.tenant.pk, seq) == ["imports.batch.uploaded", "imports.batch.applied"]


def test_a_changed_name_updates_exactly_one_row_and_audits_it(cast, admin):
    rows = [employee_row(i) for i in range(4)]
    assert import_rows(admin, rows).status == "applied"
    before = {e.nip: e.updated_at for e in Employee.objects.filter(nip__in=[nip(i) for i in range(4)])}
    rows[2] = with_(rows[2], NAMA="Pegawai Uji Dua Berganti Nama")
    batch = import_rows(admin, rows)
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 1, 3)
    after = {e.nip: e.updated_at for e in Employee.objects.filter(nip__in=before)}
    assert [k for k in before if before[k] != after[k]] == [nip(2)]
    event = AuditEvent.objects.filter(tenant=cast.tenant, action="imports.batch.applied").latest("seq")
    assert event.after["updated_keys"] == [nip(2)]
    assert event.after["changes"] == {nip(2): {"name": ["Pegawai Uji 2", "Pegawai Uji Dua Berganti Nama"]}}


def test_a_column_left_out_keeps_the_stored_values(admin):
    assert import_rows(admin, [employee_row(0)]).status == "applied"
    header = [h for h in EMPLOYEE_HEADER if h != "EMAIL"]
    row = [v for h, v in zip(EMPLOYEE_HEADER, employee_row(0), strict=True) if h != "EMAIL"]
    batch = run(admin, "employees", "tanpa-email.csv", csv_bytes(header, [row]))
    assert (batch.status, batch.unchanged_count) == ("applied", 1)
    assert Employee.objects.get(nip=nip(0)).email == "pegawai0@example.go.id"


def test_an_empty_cell_in_a_present_column_clears_the_optional_field(admin):
    assert import_rows(admin, [employee_row(0)]).status == "applied"
    batch = import_rows(admin, [with_(employee_row(0), EMAIL="")])
    assert batch.updated_count == 1
    assert Employee.objects.get(nip=nip(0)).email == ""


# ------------------------------------------------------------------------------ assignments --


def test_structural_post_held_by_someone_outside_the_file_is_refused(cast, admin):
    row = with_(
        employee_row(0), KODE_UNOR="KEC-A", KODE_JABATAN="CAMAT", JENIS_PENUGASAN="Definitif", TMT_JABATAN="01/07/2025"
    )
    batch = import_rows(admin, [row])
    assert errors_of(batch) == [(2, "KODE_JABATAN", "CAMAT")]
    assert "dijabat definitif oleh Eko Camat sejak 2 Januari 2024" in batch.errors[0]["message"]
    assert "dimuat di berkas ini" in batch.errors[0]["message"]


def test_plt_needs_a_vacant_post(admin):
    row = with_(employee_row(0), KODE_JABATAN="CAMAT", JENIS_PENUGASAN="Plt", TMT_JABATAN="01/07/2025")
    batch = import_rows(admin, [row])
    assert errors_of(batch) == [(2, "JENIS_PENUGASAN", "Plt")]
    assert "Gunakan Plh" in batch.errors[0]["message"]


def test_a_shared_post_takes_many_definitive_holders_and_no_acting_one(cast, admin):
    """GURU (pelaksana) is held by Citra Staf; two more holders join it, like the employee page allows."""
    rows = [
        with_(employee_row(0), KODE_JABATAN="GURU", TMT_JABATAN="01/07/2025"),
        with_(employee_row(1), KODE_JABATAN="GURU", TMT_JABATAN="01/07/2025"),
    ]
    batch = import_rows(admin, rows)
    assert batch.status == "applied", batch.errors
    holders = Assignment.objects.filter(position=cast.positions["guru"], ends_on__isnull=True)
    assert sorted(holders.values_list("employee__name", flat=True)) == ["Citra Staf", "Pegawai Uji 0", "Pegawai Uji 1"]
    assert Employee.objects.get(nip=nip(1)).position == cast.positions["guru"]
    acting = import_rows(
        admin, [with_(employee_row(2), KODE_JABATAN="GURU", JENIS_PENUGASAN="Plh", TMT_JABATAN="01/07/2025")]
    )
    assert errors_of(acting) == [(2, "JENIS_PENUGASAN", "Plh")]
    assert "hanya untuk jabatan struktural" in acting.errors[0]["message"]


def test_plh_stands_in_for_a_holder_and_is_refused_on_a_vacant_post(cast, admin):
    before = snapshot(cast.tenant.pk)
    rows = [
        with_(
            employee_row(0), KODE_UNOR="KEC-A", KODE_JABATAN="CAMAT", JENIS_PENUGASAN="Plh", TMT_JABATAN="01/07/2025"
        ),
        with_(employee_row(1), KODE_JABATAN="KABID_SD", JENIS_PENUGASAN="Plh", TMT_JABATAN="01/07/2025"),
    ]
    batch = import_rows(admin, rows)
    assert batch.status == "rejected"
    assert errors_of(batch) == [(3, "JENIS_PENUGASAN", "Plh")]
    assert batch.errors[0]["message"] == (
        "Plh hanya menggantikan pejabat definitif yang berhalangan; jabatan ini lowong, gunakan Plt."
    )
    assert snapshot(cast.tenant.pk) == before
    batch = import_rows(admin, rows[:1])
    assert batch.status == "applied", batch.errors
    plh = Assignment.objects.get(employee__nip=nip(0))
    assert (plh.position, plh.kind) == (cast.positions["camat"], "plh")


def test_a_future_tmt_moves_the_employee_only_when_it_takes_effect(cast, admin):
    """Citra Staf (GURU, DISDIK-SD) is appointed Perawat in DINKES from next month: she stays until that day."""
    asn = cast.employees["asn"]
    tmt = cast.tenant.today() + dt.timedelta(days=30)
    rows = [
        employee_row(
            1,
            NIP_BARU=asn.nip,
            NAMA=asn.name,
            GELAR_BELAKANG="",
            KODE_UNOR="DINKES",
            KODE_JABATAN="PERAWAT",
            TMT_JABATAN=tmt,
            EMAIL="",
            NOMOR_HP="",
        ),
        with_(employee_row(0), KODE_UNOR="DINKES", KODE_JABATAN="PERAWAT", TMT_JABATAN=tmt),
    ]
    batch = import_rows(admin, rows)
    assert batch.status == "applied", batch.errors
    assert (batch.summary["assignments_started"], batch.summary["assignments_ended"]) == (2, 1)
    asn.refresh_from_db()
    assert (asn.position, asn.org_unit) == (cast.positions["guru"], cast.units["disdik_bidang"])  # not yet
    previous = Assignment.objects.get(employee=asn, position=cast.positions["guru"])
    assert previous.ends_on == tmt - dt.timedelta(days=1)
    newcomer = Employee.objects.get(nip=nip(0))
    assert (newcomer.position, newcomer.org_unit) == (None, cast.units["dinkes"])
    # Re-importing before the TMT changes nothing, and does not move her either.
    again = import_rows(admin, rows)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    system = SystemActor(tenant_id=cast.tenant.pk)
    assert employees_sync_current_posts(actor=system, today=tmt) == 2
    asn.refresh_from_db()
    assert (asn.position, asn.org_unit) == (cast.positions["perawat"], cast.units["dinkes"])


def test_definitive_post_must_sit_in_the_employees_unit(admin):
    row = with_(employee_row(0), KODE_UNOR="DINKES", KODE_JABATAN="KABID_SD", TMT_JABATAN="01/07/2025")
    batch = import_rows(admin, [row])
    assert errors_of(batch) == [(2, "KODE_UNOR", "DINKES")]
    assert "DISDIK-SD" in batch.errors[0]["message"]


def test_two_rows_cannot_take_the_same_post(admin):
    rows = [
        with_(employee_row(0), KODE_JABATAN="KABID_SD", TMT_JABATAN="01/07/2025"),
        with_(employee_row(1), KODE_JABATAN="KABID_SD", TMT_JABATAN="01/08/2025"),
    ]
    batch = import_rows(admin, rows)
    assert errors_of(batch) == [(3, "KODE_JABATAN", "KABID_SD")]
    assert "baris 2" in batch.errors[0]["message"]


def test_a_rotation_inside_one_file_ends_the_old_posts_the_day_before(cast, admin):
    """The holders of two posts swap them: every check sees the state after the file."""
    system = SystemActor(tenant_id=cast.tenant.pk, label="test")
    post = position_create(
        actor=system, org_unit=cast.units["disdik_bidang"], code="STAF2", name="Staf Dua", position_type="pelaksana"
    )
    asn = cast.employees["asn"]  # holds GURU since 2024-01-02
    newcomer = employee_row(0, KODE_JABATAN="STAF2", TMT_JABATAN="01/02/2024")
    assert import_rows(admin, [newcomer]).status == "applied"
    other = Employee.objects.get(nip=nip(0))
    swap = [
        with_(newcomer, KODE_JABATAN="GURU", TMT_JABATAN="01/03/2025"),
        employee_row(
            1,
            NIP_BARU=asn.nip,
            NAMA=asn.name,
            GELAR_BELAKANG="",
            GOL_AKHIR="III/a",
            KODE_JABATAN="STAF2",
            TMT_JABATAN="01/03/2025",
            EMAIL="",
            NOMOR_HP="",
        ),
    ]
    batch = import_rows(admin, swap)
    assert batch.status == "applied", batch.errors
    assert (batch.created_count, batch.updated_count) == (0, 2)
    assert batch.summary["assignments_started"] == 2
    assert batch.summary["assignments_ended"] == 2
    asn.refresh_from_db()
    other.refresh_from_db()
    assert (asn.position, other.position) == (post, cast.positions["guru"])
    ended = Assignment.objects.get(employee=asn, position=cast.positions["guru"])
    assert ended.ends_on == dt.date(2025, 2, 28)
    # And once more: the same swap file is now a no-op.
    again = import_rows(admin, swap)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)


def test_a_tmt_earlier_than_the_current_post_is_not_a_correction(cast, admin):
    assert import_rows(admin, [employee_row(0, KODE_JABATAN="KABID_SD", TMT_JABATAN="01/07/2025")]).status == "applied"
    batch = import_rows(admin, [employee_row(0, KODE_JABATAN="KABID_SD", TMT_JABATAN="01/06/2025")])
    assert errors_of(batch) == [(2, "TMT_JABATAN", "01/06/2025")]
    assert "koreksi TMT" in batch.errors[0]["message"]


# ------------------------------------------------------------------------------ scope --


def test_rows_outside_a_narrow_admins_scope_are_errors(cast):
    """A BKPSDM admin placed at one OPD may import there only."""
    user = User.objects.create_user(username="admin_disdik", password="x" * 12, tenant=cast.tenant)
    role_assign(
        actor=SystemActor(tenant_id=cast.tenant.pk), user=user, role=Role.HR_ADMIN, org_unit=cast.units["disdik"]
    )
    rows = [employee_row(0), with_(employee_row(1), KODE_UNOR="DINKES")]
    batch = import_rows(user, rows)
    assert errors_of(batch) == [(3, "KODE_UNOR", "DINKES")]
    assert "di luar wewenang" in batch.errors[0]["message"]
    assert batch.org_unit == cast.units["disdik"]
    assert not ImportBatch.objects.visible_to(user, "imports.run").exclude(pk=batch.pk).exists()


def test_the_uploader_losing_the_role_before_the_job_runs_fails_the_batch(cast, admin):
    batch = import_upload(
        actor=admin,
        kind="employees",
        file=SimpleUploadedFile("a.csv", csv_bytes(EMPLOYEE_HEADER, [employee_row(0)])),
        enqueue=False,
    )
    RoleAssignment.objects.filter(user=admin).delete()
    batch = import_run(batch_id=batch.pk)
    assert batch.status == "failed"
    assert not Employee.objects.filter(nip=nip(0)).exists()


# ------------------------------------------------------------------------------ progress --


def test_progress_is_committed_every_500_rows(cast, admin, monkeypatch):
    seen = []
    real = rows_module.parse_rows

    def spying(kind, rows, label, *, today, progress=None):
        def record(done):
            progress(done)
            seen.append(ImportBatch.objects.values_list("rows_done", "rows_total", "status").latest("pk"))

        return real(kind, rows, label, today=today, progress=record)

    monkeypatch.setattr("pamong.imports.services.parse_rows", spying)
    batch = import_rows(admin, [employee_row(i) for i in range(1100)], name="banyak.csv")
    assert batch.status == "applied"
    assert seen == [(500, 1100, "validating"), (1000, 1100, "validating")]
    assert (batch.rows_done, batch.rows_total, batch.progress) == (1100, 1100, 100)
