"""Rebuilding one tenant-year of the score tables from the plan and the verified reports.

``scores_refresh`` is idempotent: it loads everything once (``loading.score_inputs``),
computes with the rules (``rules.scoring``), and replaces the tenant-year's rows in bulk, under a lock
on the tenant-year's ``ScoreRefresh`` row so two refreshes never interleave. Running it twice gives the
same tables. The reports app enqueues it (``tasks.refresh_scores``) after a verification; the nightly
command runs it for the current year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.access.roles import COCKPIT_VIEW
from pamong.core import audit
from pamong.core.authz import authorize_at
from pamong.core.errors import NotFoundError, ValidationFailed
from pamong.core.i18n import localized
from pamong.core.models import Tenant
from pamong.performance.choices import UnitGroup
from pamong.performance.loading import score_inputs
from pamong.performance.models import IndicatorScore, ProgramScore, ScoreRefresh, UnitScore
from pamong.performance.rules.config import ConfigError
from pamong.performance.rules.schedule import months_ended
from pamong.performance.rules.scoring import GroupMonth, IndicatorMonth, league, score_group, score_indicator

BATCH = 1000


@transaction.atomic
def scores_refresh(*, actor: Any, tenant_id: int, year: int, today: dt.date | None = None) -> ScoreRefresh:
    """Recompute every indicator, unit and priority-program score of ``tenant_id`` for ``year``.

    Months are computed up to the last month that has ended on ``today`` (the tenant's date by default);
    a year that has not begun keeps no rows. The caller needs ``cockpit.view`` over the whole tenant (the
    background job and the command act as the system).
    """
    tenant = Tenant.objects.filter(pk=tenant_id).first()
    if tenant is None:
        raise NotFoundError(_("Data tidak ditemukan."))
    authorize_at(actor, COCKPIT_VIEW, tenant_id=tenant_id, path=None, visible_action=COCKPIT_VIEW)
    if not 2000 <= year <= 2100:
        raise ValidationFailed(_("Tahun di luar jangkauan."), field_errors={"year": [_("Tahun di luar jangkauan.")]})
    today = today or tenant.today()
    run: ScoreRefresh
    run, _created = ScoreRefresh.objects.get_or_create(tenant_id=tenant_id, year=year)
    run = ScoreRefresh.objects.select_for_update().get(pk=run.pk)  # serialises refreshes of one tenant-year
    try:
        inputs = score_inputs(tenant=tenant, year=year)
    except ConfigError as error:
        raise ValidationFailed(
            _("Pengaturan kinerja pemerintah daerah tidak sah: %(problems)s")
            % {"problems": " ".join(localized(issue) for issue in error.issues)}
        ) from error
    months = months_ended(year, today)
    now = timezone.now()
    rules = inputs.rules

    indicator_rows: list[IndicatorScore] = []
    by_unit: dict[tuple[int, int], list[tuple[IndicatorMonth, Decimal]]] = defaultdict(list)
    by_program: dict[tuple[int, int], list[tuple[IndicatorMonth, Decimal]]] = defaultdict(list)
    problems: set[int] = set()
    for scored in inputs.indicators:
        series = scored.series
        for row in score_indicator(series, rules, months):
            by_unit[(scored.org_unit_id, row.month)].append((row, series.weight))
            if scored.program_id is not None and inputs.units[scored.org_unit_id].group != UnitGroup.REGION:
                by_program[(scored.program_id, row.month)].append((row, series.weight))
            if row.message_id:
                problems.add(series.key)
            indicator_rows.append(
                IndicatorScore(
                    tenant_id=tenant_id,
                    indicator_id=series.key,
                    org_unit_id=scored.org_unit_id,
                    year=year,
                    month=row.month,
                    period_kind=series.kind.value,
                    period_no=row.period_no,
                    weight=series.weight,
                    annual_target=scored.annual_target,
                    period_actual=row.period_actual,
                    ytd_target=row.ytd_target,
                    ytd_actual=row.ytd_actual,
                    capaian=row.capaian,
                    colour=row.colour.value if row.colour else "",
                    trajectory_status=row.status.value,
                    note=row.note.value,
                    note_text=row.message_id[:300],
                    counted=row.counted,
                    reported_periods=row.reported,
                    missing_periods=row.missing,
                    computed_at=now,
                )
            )

    unit_scores = [score_group(unit, month, members, rules) for (unit, month), members in by_unit.items()]
    # The IKU daerah are not reported through the periodic reports (the LKjIP does, once a year): a region
    # month without a single reported value gets no score rather than a meaningless 0 under MissingCapaian.ZERO.
    unit_scores = [
        s for s in unit_scores if not (inputs.units[s.key].group == UnitGroup.REGION and s.no_data == s.indicators)
    ]
    places: dict[tuple[int, int], Any] = {}
    for group in (UnitGroup.OPD, UnitGroup.KECAMATAN, UnitGroup.REGION):
        members = [s for s in unit_scores if inputs.units[s.key].group == group]
        for place in league(members):
            places[(place.key, place.month)] = place
    unit_rows = [
        _unit_row(tenant_id, year, s, inputs.units[s.key].group, places[(s.key, s.month)], now) for s in unit_scores
    ]
    program_rows = [
        _program_row(tenant_id, year, score_group(program, month, members, rules), now)
        for (program, month), members in by_program.items()
    ]

    IndicatorScore.objects.filter(tenant_id=tenant_id, year=year).delete()
    UnitScore.objects.filter(tenant_id=tenant_id, year=year).delete()
    ProgramScore.objects.filter(tenant_id=tenant_id, year=year).delete()
    IndicatorScore.objects.bulk_create(indicator_rows, batch_size=BATCH)
    UnitScore.objects.bulk_create(unit_rows, batch_size=BATCH)
    ProgramScore.objects.bulk_create(program_rows, batch_size=BATCH)

    before = {"months": run.months, "indicator_rows": run.indicator_rows, "unit_rows": run.unit_rows}
    run.months, run.indicator_rows, run.unit_rows = months, len(indicator_rows), len(unit_rows)
    run.problems, run.computed_at = len(problems), now
    run.save()
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="performance.scores.refreshed",
        target=run,
        before=before,
        after={
            "year": year,
            "months": months,
            "indicator_rows": len(indicator_rows),
            "unit_rows": len(unit_rows),
            "program_rows": len(program_rows),
            "problems": len(problems),
        },
    )
    return run


def _unit_row(tenant_id: int, year: int, score: GroupMonth, group: str, place: Any, now: dt.datetime) -> UnitScore:
    ranked = group != UnitGroup.REGION
    return UnitScore(
        tenant_id=tenant_id,
        org_unit_id=score.key,
        group=group,
        year=year,
        month=score.month,
        index=score.index,
        predicate_code=score.predicate.code if score.predicate else "",
        predicate_label=score.predicate.label if score.predicate else "",
        colour=score.colour.value if score.colour else "",
        indicators=score.indicators,
        green=score.green,
        yellow=score.yellow,
        red=score.red,
        no_data=score.no_data,
        rank=place.rank if ranked else None,
        ranked=place.ranked if ranked else 0,
        index_change=place.change,
        computed_at=now,
    )


def _program_row(tenant_id: int, year: int, score: GroupMonth, now: dt.datetime) -> ProgramScore:
    return ProgramScore(
        tenant_id=tenant_id,
        program_id=score.key,
        year=year,
        month=score.month,
        index=score.index,
        colour=score.colour.value if score.colour else "",
        indicators=score.indicators,
        green=score.green,
        yellow=score.yellow,
        red=score.red,
        no_data=score.no_data,
        computed_at=now,
    )
