"""Performance management at the size of a large regency: score refresh, register, report opening, cockpit.

Run: ``.venv/bin/python -m bench.scores`` (60 reporting units × 15 indicators) or
``--units 80 --indicators 20 --repeats 10``. Seeds its own database afresh on each run
(``var/bench/scores.sqlite3``, or the demo tenants of ``PAMONG_DATABASE_URL``), because what it
measures changes the data: the demo regency as of ``AS_OF`` (20 January of the year after its
performance year, so the whole year has ended and its December reports are due), scaled up by
``bench.scores_data.scale_up``, after which the nightly job opens the current period as it would have.

Then, in this order (the pages see the register the evaluation opened):

1. ``performance.services.scores_refresh`` for the year, as the system actor: the first run and the median
   of ``--service-repeats`` more (it is idempotent), rows written, queries, and the load phase
   (``loading.score_inputs``) on its own;
2. ``performance.services.consequences_evaluate`` on ``AS_OF``: the run that opens the entries of the
   scaled-up year (median of runs rolled back, so each sees the same data, then the one kept), queries,
   entries opened by kind; then a run with nothing new to open (the nightly steady state);
3. the cockpit ``/kinerja/kokpit/`` for the Bupati and the OPD page ``/kinerja/opd/<Disdikbud>/`` for the
   Bupati and for the Kepala Dinas, through the Django test client, December shown
   (``?tahun=2026&bulan=12``): median of ``--repeats`` requests, queries per request, page size;
4. the cockpit's Excel export of every table (``/kinerja/kokpit/ekspor/semua.xlsx``), the same way;
5. ``reports.services.reports_open_due`` as the nightly job: on 1 February (a new month: every unit's
   monthly report, with its values) and on 1 April after 1 March was opened (a new quarter: the month,
   the quarter and the kecamatan's governance reports), each rolled back and repeated, then kept; and the
   run on a night with nothing to open.

Each state-changing service is timed inside a transaction rolled back afterwards (so every repeat does the
same work); its ``on_commit`` side effects (notice e-mails) are therefore not in those figures. Notice
e-mails go to Django's in-memory backend. The pages read the overdue-reports panel with the real date (the
view uses the tenant's clock), everything else as of ``AS_OF``. Writes ``bench/results/scores.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from bench import harness

YEAR = 2026  # the demo's performance year (pamong.demo.planning_catalog.TARGET_YEAR)
AS_OF = dt.date(YEAR + 1, 1, 20)
REGION_CODE = "73.90"  # Kabupaten Tanah Bunga
BUPATI, OPD_HEAD, OPD = "bupati", "kadis.pendidikan", "Disdikbud"
SHOWN = f"?tahun={YEAR}&bulan=12"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=60, help="reporting units (OPDs and kecamatan) at least")
    parser.add_argument("--indicators", type=int, default=15, help="OPD indicators per reporting unit")
    parser.add_argument("--employees", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeats", type=int, default=20, help="requests per page")
    parser.add_argument("--service-repeats", type=int, default=5, help="runs per service call")
    args = parser.parse_args()
    database = harness.setup("scores", fresh=True)

    from django.conf import settings

    from pamong.demo.planning_catalog import TARGET_YEAR

    assert TARGET_YEAR == YEAR, "the demo's performance year moved: update bench.scores.YEAR"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    seeding = seed(args)
    refresh = measure_refresh(args.service_repeats)
    evaluate = measure_evaluate(args.service_repeats)
    pages = measure_pages(args.repeats)
    opening = measure_opening(args.service_repeats)
    headline = refresh["repeat"]
    harness.write_result(
        "scores",
        database=database,
        params={
            "units": args.units,
            "indicators_per_unit": args.indicators,
            "employees": args.employees,
            "seed": args.seed,
            "year": YEAR,
            "as_of": AS_OF.isoformat(),
            "page_repeats": args.repeats,
            "service_repeats": args.service_repeats,
        },
        seconds=headline["median"],
        rate=refresh["indicator_rows"] / headline["median"],
        seed=seeding,
        scores_refresh=refresh,
        consequences_evaluate=evaluate,
        pages=pages,
        reports_open_due=opening,
    )


# --- helpers ----------------------------------------------------------------------------------------


def tenant() -> Any:
    from pamong.core.models import Tenant

    return Tenant.objects.get(region_code=REGION_CODE)


def counted(fn: Callable[[], Any]) -> tuple[Any, int]:
    """``fn()`` and the number of SQL queries it ran (debug cursor on for this call only)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = fn()
    return result, len(queries)


def rolled_back(fn: Callable[[], Any]) -> Callable[[], Any]:
    """``fn`` inside a transaction that is rolled back: every call sees the same data."""
    from django.db import transaction

    def run() -> Any:
        with transaction.atomic():
            result = fn()
            transaction.set_rollback(True)
        return result

    return run


def timed(fn: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    """``fn()`` once, with its wall and CPU seconds."""
    with harness.Stopwatch() as watch:
        result = fn()
    return result, {"seconds": round(watch.seconds, 4), "cpu_seconds": round(watch.cpu_seconds, 4)}


def rounded(timing: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 5) for k, v in timing.items()}


# --- the data -------------------------------------------------------------------------------------


def seed(args: argparse.Namespace) -> dict[str, Any]:
    """The demo regency as of ``AS_OF``, scaled up; the nightly opening of the current period."""
    from django.db import connection, transaction

    from bench.scores_data import scale_up
    from pamong.core.scope import SystemActor
    from pamong.demo import loader
    from pamong.demo.generator import plan_regency
    from pamong.reports.services import reports_open_due

    with transaction.atomic():
        loader.wipe_demo()  # PostgreSQL: the database may hold a demo already
    with harness.Stopwatch() as demo_time:
        plan = plan_regency(seed=args.seed, employees=args.employees, today=AS_OF)
        with transaction.atomic():
            loaded = loader.load_plan(plan)
    with harness.Stopwatch() as scale_time:
        with transaction.atomic():
            scaled = scale_up(
                tenant=loaded.tenant,
                year=YEAR,
                as_of=AS_OF,
                units=args.units,
                indicators=args.indicators,
                seed=args.seed,
            )
        opened = reports_open_due(actor=SystemActor(tenant_id=loaded.tenant.pk, label="reports_open"), today=AS_OF)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics for every bulk-loaded table at once
    return {
        "demo_seconds": round(demo_time.seconds, 2),
        "scale_up_seconds": round(scale_time.seconds, 2),
        "demo": {k: v for k, v in loaded.counts.items() if k in ("units", "indicators", "reports", "report_values")},
        "scaled": scaled.as_dict(),
        "opened_on_as_of": {"reports": opened.reports, "values": opened.values},
    }


# --- 1. scores_refresh ---------------------------------------------------------------------------------


def measure_refresh(repeats: int) -> dict[str, Any]:
    from pamong.core.scope import SystemActor
    from pamong.performance.loading import score_inputs
    from pamong.performance.models import ProgramScore, ScoreRefresh
    from pamong.performance.services import scores_refresh

    region = tenant()
    actor = SystemActor(tenant_id=region.pk, label="performance_refresh")

    def refresh() -> ScoreRefresh:
        return scores_refresh(actor=actor, tenant_id=region.pk, year=YEAR, today=AS_OF)

    run, first = timed(refresh)
    # The generator's trajectories must be ones the rules accept, and the whole year must have ended.
    assert run.months == 12 and run.problems == 0, (run.months, run.problems)
    _run, queries = counted(refresh)
    repeat = harness.repeat(refresh, repeats)
    _inputs, load_queries = counted(lambda: score_inputs(tenant=region, year=YEAR))
    load = harness.repeat(lambda: score_inputs(tenant=region, year=YEAR), repeats)
    inputs = score_inputs(tenant=region, year=YEAR)
    return {
        "months": run.months,
        "indicators": len(inputs.indicators),
        "indicator_rows": run.indicator_rows,
        "unit_rows": run.unit_rows,
        "program_rows": ProgramScore.objects.filter(tenant_id=region.pk, year=YEAR).count(),
        "problems": run.problems,
        "queries": queries,
        "first": first,
        "repeat": rounded(repeat),
        "load_queries": load_queries,
        "load": rounded(load),
    }


# --- 2. consequences_evaluate --------------------------------------------------------------------------


def measure_evaluate(repeats: int) -> dict[str, Any]:
    from pamong.core.scope import SystemActor
    from pamong.performance.services import consequences_evaluate

    region = tenant()
    actor = SystemActor(tenant_id=region.pk, label="performance_refresh")

    def evaluate() -> Any:
        return consequences_evaluate(actor=actor, tenant_id=region.pk, today=AS_OF)

    _result, queries = counted(rolled_back(evaluate))
    opening = harness.repeat(rolled_back(evaluate), repeats)
    result, kept = timed(evaluate)
    _steady, steady_queries = counted(evaluate)
    steady = harness.repeat(evaluate, repeats)
    return {
        "fired": result.fired,
        "opened": len(result.opened),
        "opened_by_kind": dict(sorted(Counter(row.kind for row in result.opened).items())),
        "queries": queries,
        "opening": rounded(opening),
        "kept": kept,
        "steady_queries": steady_queries,
        "steady": rounded(steady),
    }


# --- 3 and 4. pages --------------------------------------------------------------------------------------


def measure_pages(repeats: int) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    from pamong.access.models import User
    from pamong.access.second_factor import requires_second_factor
    from pamong.org.models import OrgUnit

    region = tenant()
    unit = OrgUnit.objects.get(tenant=region, short_name=OPD)

    def client_for(username: str) -> Client:
        user = User.objects.get(tenant=region, username=username)
        client = Client(HTTP_HOST="localhost")  # the local settings' ALLOWED_HOSTS
        client.force_login(user)
        assert not requires_second_factor(user), f"{username} would be held at the TOTP step"
        return client

    bupati, head = client_for(BUPATI), client_for(OPD_HEAD)
    cases = {
        "cockpit_bupati": (bupati, reverse("performance:cockpit") + SHOWN),
        "opd_page_bupati": (bupati, reverse("performance:unit_detail", args=[unit.pk]) + SHOWN),
        "opd_page_head": (head, reverse("performance:unit_detail", args=[unit.pk]) + SHOWN),
        "cockpit_export_bupati": (bupati, reverse("performance:cockpit_export", args=["semua"]) + SHOWN),
    }
    results: dict[str, Any] = {}
    for name, (client, url) in cases.items():

        def get(client: Client = client, url: str = url) -> Any:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        response, queries = counted(get)
        timing = harness.repeat(get, repeats)
        results[name] = {"url": url, "queries": queries, "bytes": len(response.content), **rounded(timing)}
    return results


# --- 5. reports_open_due ---------------------------------------------------------------------------------


def measure_opening(repeats: int) -> dict[str, Any]:
    from pamong.core.scope import SystemActor
    from pamong.reports.services import reports_open_due

    actor = SystemActor(tenant_id=tenant().pk, label="reports_open")

    def on(day: dt.date) -> Callable[[], Any]:
        return lambda: reports_open_due(actor=actor, today=day)

    results: dict[str, Any] = {}
    for name, day, before in (
        ("new_month", dt.date(YEAR + 1, 2, 1), None),
        ("new_quarter", dt.date(YEAR + 1, 4, 1), dt.date(YEAR + 1, 3, 1)),
    ):
        if before is not None:
            on(before)()
        _opened, queries = counted(rolled_back(on(day)))
        timing = harness.repeat(rolled_back(on(day)), repeats)
        opened, kept = timed(on(day))
        results[name] = {
            "today": day.isoformat(),
            "reports": opened.reports,
            "values": opened.values,
            "queries": queries,
            **rounded(timing),
            "kept": kept,
        }
    nothing, queries = counted(on(dt.date(YEAR + 1, 4, 2)))
    assert nothing.reports == 0
    results["nothing_due"] = {"queries": queries, **rounded(harness.repeat(on(dt.date(YEAR + 1, 4, 2)), repeats))}
    return results


if __name__ == "__main__":
    main()
