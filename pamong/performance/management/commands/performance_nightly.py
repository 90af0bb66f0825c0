"""Rebuild the score tables and open the consequences due, for every active tenant (or one), from cron.

    python manage.py performance_nightly                 # every active tenant, this year (+ last year in Q1)
    python manage.py performance_nightly --tenant 73.10 --year 2026

Runs exactly what the background job runs after a verification (``scores_refresh`` then
``consequences_evaluate``), synchronously, as the system actor. Safe to run twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.core.commands import active_tenants
from pamong.core.errors import DomainError
from pamong.core.scope import SystemActor
from pamong.performance import services

#: Until the end of March last year's scores are rebuilt too: late December reports are still verified then.
LAST_YEAR_UNTIL_MONTH = 3


class Command(BaseCommand):
    help = "Recompute performance scores and open consequences-register entries (nightly)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", help="Kemendagri region code of one tenant, e.g. 73.10 (default: all)")
        parser.add_argument("--year", type=int, help="the year to recompute (default: this year)")

    def handle(self, *args: Any, **options: Any) -> None:
        tenants = active_tenants(options["tenant"])
        failed = False
        for tenant in tenants:
            today = tenant.today()
            if options["year"]:
                years = [options["year"]]
            else:
                years = [today.year - 1, today.year] if today.month <= LAST_YEAR_UNTIL_MONTH else [today.year]
            actor = SystemActor(tenant_id=tenant.pk, label="performance_nightly")
            try:
                for year in years:
                    run = services.scores_refresh(actor=actor, tenant_id=tenant.pk, year=year, today=today)
                    self.stdout.write(
                        f"{tenant.region_code} {year}: {run.months} months, {run.indicator_rows} indicator rows, "
                        f"{run.unit_rows} unit rows, {run.problems} indicators with problems"
                    )
                evaluation = services.consequences_evaluate(actor=actor, tenant_id=tenant.pk, today=today)
            except DomainError as exc:
                failed = True
                self.stderr.write(f"{tenant.region_code}: {exc.message}")
                continue
            self.stdout.write(
                f"{tenant.region_code}: {evaluation.fired} triggers fired, {len(evaluation.opened)} entries opened"
            )
        if failed:
            raise CommandError("some tenants failed; see above")
