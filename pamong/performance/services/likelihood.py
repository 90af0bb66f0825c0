"""A person's likelihood-of-delivery rating of an indicator or a priority program, with its reason."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pamong.access.roles import PERFORMANCE_RATE, PERFORMANCE_VIEW
from pamong.core import audit
from pamong.core.authz import authorize, authorize_at
from pamong.core.errors import NotFoundError, ValidationFailed
from pamong.core.i18n import localized
from pamong.core.models import Tenant
from pamong.core.scope import scope_of
from pamong.performance.models import IndicatorScore, LikelihoodRating, ProgramScore
from pamong.performance.rules.errors import LikelihoodError
from pamong.performance.tenant_rules import rules_for_display
from pamong.planning.models import Indicator, PriorityProgram


@transaction.atomic
def likelihood_rate(
    *,
    actor: Any,
    year: int,
    month: int,
    rating: str,
    reason: str,
    indicator: Indicator | None = None,
    program: PriorityProgram | None = None,
) -> LikelihoodRating:
    """Record how likely ``indicator``'s (or ``program``'s) target is to be delivered, as of ``month``.

    Needs ``performance.rate`` over the indicator's unit (or the program's owner unit). A new rating never
    overwrites an older one or the computed colour: both stay, side by side, in the history.
    """
    if (indicator is None) == (program is None):
        raise ValidationFailed(_("Pilih satu indikator atau satu program prioritas."))
    tenant_id = scope_of(actor).tenant_id
    subject = indicator if indicator is not None else program
    assert subject is not None
    if tenant_id is None or subject.tenant_id != tenant_id:
        raise NotFoundError(_("Data tidak ditemukan."))
    denied = _("Anda tidak berwenang menilai kemungkinan tercapainya target ini.")
    if indicator is not None:
        indicator = Indicator.objects.select_related("org_unit").get(pk=indicator.pk)
        authorize(actor, PERFORMANCE_RATE, indicator, visible_action=PERFORMANCE_VIEW, denied=denied)
        unit = indicator.org_unit
    else:
        assert program is not None
        program = PriorityProgram.objects.select_related("owner_unit").get(pk=program.pk)
        unit = program.owner_unit
        authorize_at(
            actor, PERFORMANCE_RATE, tenant_id=tenant_id, path=unit.path, visible_action=PERFORMANCE_VIEW, denied=denied
        )
    errors: dict[str, list[str]] = {}
    if not 2000 <= year <= 2100:
        errors["year"] = [_("Tahun di luar jangkauan.")]
    if not 1 <= month <= 12:
        errors["month"] = [_("Bulan harus 1 sampai 12.")]
    rules = rules_for_display(Tenant.objects.get(pk=tenant_id))
    try:
        checked = rules.check_likelihood(rating, reason)
    except LikelihoodError as error:
        errors.setdefault(error.field or "reason", []).append(localized(error))
    if errors:
        raise ValidationFailed(_("Penilaian tidak dapat disimpan; periksa isian yang ditandai."), field_errors=errors)
    scores = (
        IndicatorScore.objects.filter(indicator=indicator)
        if indicator is not None
        else ProgramScore.objects.filter(program=program)
    )
    colour = scores.filter(year=year, month=month).values_list("colour", flat=True).first() or ""
    row: LikelihoodRating = LikelihoodRating.objects.create(
        tenant_id=tenant_id,
        org_unit=unit,
        indicator=indicator,
        program=program,
        year=year,
        month=month,
        rating=checked.rating.value,
        reason=checked.reason,
        computed_colour=colour,
        rated_by=actor,
    )
    audit.record(
        actor=actor,
        tenant_id=tenant_id,
        action="performance.likelihood.rated",
        target=row,
        org_unit_path=unit.path,
        after={
            "indicator": indicator.pk if indicator else None,
            "program": program.pk if program else None,
            "year": year,
            "month": month,
            "rating": row.rating,
            "computed_colour": colour,
        },
        reason=checked.reason,
    )
    return row
