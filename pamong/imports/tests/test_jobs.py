"""The background job (idempotent claim) and the import_file command."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from pamong.core.models import AuditEvent
from pamong.imports.models import ImportBatch
from pamong.imports.services import import_run, import_upload
from pamong.imports.tasks import run_import_batch
from pamong.people.models import Employee

from .builders import EMPLOYEE_HEADER, csv_bytes, employee_row, nip
from .test_views import bad_file

pytestmark = pytest.mark.django_db


def test_the_task_runs_a_batch_once_and_then_leaves_it_alone(cast):
    content = csv_bytes(EMPLOYEE_HEADER, [employee_row(0)])
    batch = import_upload(
        actor=cast.users["hr_admin"], kind="employees", file=SimpleUploadedFile("a.csv", content), enqueue=False
    )
    result = run_import_batch.enqueue(batch.pk)
    assert result.return_value == "applied"
    events = AuditEvent.objects.count()
    assert import_run(batch_id=batch.pk).status == "applied"  # a second delivery: nothing happens
    assert run_import_batch.enqueue(batch.pk).return_value == "applied"
    assert AuditEvent.objects.count() == events
    assert Employee.objects.filter(nip=nip(0)).count() == 1


def test_a_batch_claimed_by_another_worker_is_not_run_again(cast):
    content = csv_bytes(EMPLOYEE_HEADER, [employee_row(0)])
    batch = import_upload(
        actor=cast.users["hr_admin"], kind="employees", file=SimpleUploadedFile("a.csv", content), enqueue=False
    )
    ImportBatch.objects.filter(pk=batch.pk).update(status="validating")
    assert import_run(batch_id=batch.pk).status == "validating"
    assert not Employee.objects.filter(nip=nip(0)).exists()


def test_upload_enqueues_the_job_on_commit(cast, django_capture_on_commit_callbacks):
    content = csv_bytes(EMPLOYEE_HEADER, [employee_row(0)])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = import_upload(actor=cast.users["hr_admin"], kind="employees", file=SimpleUploadedFile("a.csv", content))
    assert ImportBatch.objects.get(pk=batch.pk).status == "uploaded"
    assert len(callbacks) == 1
    callbacks[0]()
    assert ImportBatch.objects.get(pk=batch.pk).status == "applied"


def test_command_imports_a_file_as_the_system_actor(cast, tmp_path, capsys):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_bytes(EMPLOYEE_HEADER, [employee_row(i) for i in range(3)]))
    call_command("import_file", str(path), tenant="73.99", kind="employees")
    out = capsys.readouterr().out
    assert "applied" in out and "created 3" in out
    batch = ImportBatch.objects.get()
    assert (batch.created_by, batch.created_by_label, batch.org_unit) == (
        None,
        "system:import_file",
        cast.units["root"],
    )
    assert AuditEvent.objects.filter(action="imports.batch.applied").get().actor_label == "system:import_file"


def test_command_prints_the_errors_and_fails_on_a_bad_file(cast, tmp_path, capsys):
    path = tmp_path / "salah.csv"
    path.write_bytes(bad_file())
    with pytest.raises(CommandError, match="2 errors in 2 rows"):
        call_command("import_file", str(path), tenant="73.99", kind="employees")
    assert "row 3 [NIP_BARU] '123'" in capsys.readouterr().out


def test_command_refuses_an_unknown_tenant_or_file(tmp_path, cast):
    with pytest.raises(CommandError, match="no tenant"):
        call_command("import_file", str(tmp_path / "x.csv"), tenant="11.11", kind="employees")
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_file", str(tmp_path / "x.csv"), tenant="73.99", kind="employees")


def test_a_batch_whose_worker_died_is_failed_by_the_reaper_and_only_then(cast):
    import datetime as dt

    from django.utils import timezone

    from pamong.imports.services import import_reap_stale

    content = csv_bytes(EMPLOYEE_HEADER, [employee_row(0)])
    batch = import_upload(
        actor=cast.users["hr_admin"], kind="employees", file=SimpleUploadedFile("a.csv", content), enqueue=False
    )
    now = timezone.now()
    ImportBatch.objects.filter(pk=batch.pk).update(status="applying", updated_at=now - dt.timedelta(minutes=10))
    assert import_reap_stale(tenant_id=cast.tenant.pk, older_than=dt.timedelta(minutes=30), now=now) == 0
    ImportBatch.objects.filter(pk=batch.pk).update(updated_at=now - dt.timedelta(minutes=31))
    assert import_reap_stale(tenant_id=cast.other_tenant.pk, older_than=dt.timedelta(minutes=30), now=now) == 0
    assert import_reap_stale(tenant_id=cast.tenant.pk, older_than=dt.timedelta(minutes=30), now=now) == 1
    batch.refresh_from_db()
    assert batch.status == "failed" and "terhenti" in batch.message
    assert AuditEvent.objects.filter(action="imports.batch.failed", target_id=str(batch.pk)).count() == 1
    assert import_reap_stale(tenant_id=cast.tenant.pk, older_than=dt.timedelta(minutes=30), now=now) == 0
    assert not Employee.objects.filter(nip=nip(0)).exists()


def test_reap_command_runs_for_every_tenant(cast, capsys):
    call_command("imports_reap", "--minutes", "30")  # nothing stuck: silent, no error
    assert capsys.readouterr().out == ""
