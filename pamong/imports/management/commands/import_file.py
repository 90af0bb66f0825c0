"""Import a file from the command line, synchronously, as the system actor (BKPSDM bulk loads, benchmarks).

    python manage.py import_file --tenant 73.10 --kind employees pegawai.xlsx

Runs exactly what the upload page runs (``import_upload`` then ``import_run``),
prints the outcome, and exits non-zero when the file is rejected or fails.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.core.errors import DomainError
from pamong.core.models import Tenant
from pamong.core.scope import SystemActor
from pamong.imports.choices import BatchStatus, ImportKind
from pamong.imports.services import import_run, import_upload

ERRORS_PRINTED = 50


class Command(BaseCommand):
    help = "Validate and apply a units/positions/employees file (.xlsx or .csv) for one tenant."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--tenant", required=True, help="Kemendagri region code of the tenant, e.g. 73.10")
        parser.add_argument("--kind", required=True, choices=ImportKind.values)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        tenant = Tenant.objects.filter(region_code=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"no tenant with region code {options['tenant']}")
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        actor = SystemActor(tenant_id=tenant.pk, label="import_file")
        started = time.perf_counter()
        try:
            with path.open("rb") as handle:
                upload = File(handle, name=path.name)
                batch = import_upload(actor=actor, kind=options["kind"], file=upload, enqueue=False)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        batch = import_run(batch_id=batch.pk)
        seconds = time.perf_counter() - started
        self.stdout.write(f"batch #{batch.pk} {batch.kind} {batch.original_name}: {batch.status} in {seconds:.2f} s")
        self.stdout.write(
            f"rows {batch.rows_total}: created {batch.created_count}, updated {batch.updated_count}, "
            f"unchanged {batch.unchanged_count}"
        )
        if batch.status == BatchStatus.APPLIED:
            return
        for error in batch.errors[:ERRORS_PRINTED]:
            self.stdout.write(f"  row {error['row']} [{error['column']}] {error['value']!r}: {error['message']}")
        if batch.error_count > ERRORS_PRINTED:
            self.stdout.write(f"  … and {batch.error_count - ERRORS_PRINTED} more errors")
        raise CommandError(batch.message or f"rejected: {batch.error_count} errors in {batch.error_rows} rows")
