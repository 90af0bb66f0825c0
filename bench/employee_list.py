"""The employee list as the Sekda sees it, over 100,000 employees: first page, search + unit filter.

Run: ``.venv/bin/python -m bench.employee_list``. Seeds its own database once
(``var/bench/employee_list.sqlite3``, reused while the size and seed match), then
times ``pamong.people.selectors.employee_list`` paginated like the list view
(count + first 50 rows, each row's unit and post read) with a fresh user each
time, so the scope lookup is included, and counts the SQL queries.
"""

from __future__ import annotations

import argparse
from typing import Any

from bench import harness

PAGE_SIZE = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--search", default="nur")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    database = harness.setup("employee_list", fresh=False)
    seeded = ensure_seeded(args.employees, args.seed)

    from django.core.paginator import Paginator
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pamong.access.models import User
    from pamong.org.models import OrgUnit
    from pamong.people.selectors import employee_list

    sekda_pk = User.objects.get(username="sekda").pk
    disdik = OrgUnit.objects.get(tenant__region_code="73.90", short_name="Disdikbud")

    def first_page(search: str, unit: OrgUnit | None, user: User | None = None) -> tuple[int, int]:
        # A fresh user, as each request loads one: the scope lookup is part of what is measured.
        user = user or User.objects.select_related("tenant").get(pk=sekda_pk)
        page = Paginator(employee_list(actor=user, search=search, unit=unit), PAGE_SIZE).page(1)
        rows = [(e.full_name, e.nip, e.org_unit.name, e.position.name if e.position else "") for e in page.object_list]
        return page.paginator.count, len(rows)

    variants: dict[str, dict[str, Any]] = {}
    for name, search, unit in (
        ("search_and_unit", args.search, disdik),
        ("unit_only", "", disdik),
        ("search_only", args.search, None),
        ("nip_prefix", "1985", None),
        ("no_filter", "", None),
    ):
        user = User.objects.select_related("tenant").get(pk=sekda_pk)
        with CaptureQueriesContext(connection) as queries:  # counted from after the user is loaded
            matches, shown = first_page(search, unit, user)
        timing = harness.repeat(lambda s=search, u=unit: first_page(s, u), args.repeats)
        variants[name] = {
            "search": search,
            "unit": unit.name if unit else "",
            "matches": matches,
            "rows": shown,
            "queries": len(queries),
            **{k: round(v, 5) for k, v in timing.items()},
        }
    main_variant = variants["search_and_unit"]
    harness.write_result(
        "employee_list",
        database=database,
        params={
            "employees": args.employees,
            "seed": args.seed,
            "search": args.search,
            "unit": disdik.name,
            "page_size": PAGE_SIZE,
            "repeats": args.repeats,
            "seeded_now": seeded,
        },
        seconds=main_variant["median"],
        rate=1 / main_variant["median"],
        queries=main_variant["queries"],
        variants=variants,
    )


def ensure_seeded(employees: int, seed: int) -> bool:
    """Seed the demo unless the database already holds it at this size and seed; whether it seeded."""
    from pamong.core.models import Tenant
    from pamong.demo.loader import load_demo

    tenant = Tenant.objects.filter(region_code="73.90").first()
    marker = tenant.settings.get("demo", {}) if tenant else {}
    if marker.get("employees") == employees and marker.get("seed") == seed:
        return False
    load_demo(employees=employees, seed=seed, reset=True)
    return True


if __name__ == "__main__":
    main()
