"""What every case service shares: loading and locking a case, the step check, rule errors, audit, notices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from pamong.core import audit
from pamong.core.errors import Conflict, Forbidden, NotFoundError, ValidationFailed
from pamong.notices.services import notify

from ..choices import CaseStatus
from ..models import Case
from ..rules.errors import DisciplineRuleError
from ..rules.procedure import WorkCalendar
from ..selectors.calendar import calendar_around
from ..selectors.case_access import CaseAccess, case_access, case_queryset, permitted, state_allows
from ..tenant_settings import DisciplineSettings, discipline_settings

SNAPSHOT = ("number", "status", "level", "superior_id", "closed_on", "closed_reason")


def rule_failed(err: DisciplineRuleError) -> ValidationFailed:
    """A refusal by a pure rule, shown on its field with the rule's source in the message."""
    field = err.field or "__all__"
    return ValidationFailed(str(err), field_errors={field: [str(err)]}, code=err.code)


def invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


def user_or_none(actor: Any) -> Any:
    return actor if isinstance(actor, get_user_model()) else None


def lock_case(case: Case) -> Case:
    """Lock the case row (one fixed order: the case first), then load it with its steps."""
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True).first()
    loaded: Case = case_queryset().get(pk=case.pk)
    return loaded


def require_step(actor: Any, case: Case, step: str, *, competent_ref: int | None = None) -> CaseAccess:
    """404 if the actor cannot see the case, 403 if his role does not allow ``step``, 409 if its state does not."""
    access = case_access(actor, case)
    if not access.sees and not access.acts:
        raise NotFoundError(_("Data tidak ditemukan."))
    if not permitted(step, access, case, competent_ref=competent_ref):
        if not access.sees:
            raise NotFoundError(_("Data tidak ditemukan."))
        raise Forbidden(STEP_DENIED.get(step, _("Anda tidak berwenang melakukan tindakan ini.")))
    if not state_allows(step, case):
        raise Conflict(
            _("Langkah ini tidak dapat dilakukan pada kasus berstatus %(status)s; muat ulang halaman kasus.")
            % {"status": CaseStatus(case.status).label.lower()}
        )
    return access


STEP_DENIED = {
    "team": _("Tim Pemeriksa dibentuk oleh BKPSDM."),
    "examination": _("Pemeriksaan dicatat oleh atasan langsung atau anggota Tim Pemeriksa kasus ini."),
    "decision": _("Keputusan dicatat oleh BKPSDM atau oleh pejabat yang berwenang menghukum sendiri."),
    "appeal": _("Upaya administratif dicatat oleh BKPSDM atau diajukan oleh pegawai yang bersangkutan."),
    "appeal_decide": _("Hasil upaya administratif dicatat oleh BKPSDM."),
}


def procedure_of(case: Case, *days: dt.date) -> tuple[WorkCalendar, DisciplineSettings]:
    """The tenant's working-day calendar around ``days`` and its discipline settings."""
    return calendar_around(case.tenant, *days), discipline_settings(case.tenant)


def record(
    actor: Any,
    case: Case,
    step: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> None:
    """The audit event ``discipline.case.<step>``, placed at the case's unit."""
    audit.record(
        actor=actor,
        tenant_id=case.tenant_id,
        action=f"discipline.case.{step}",
        target=case,
        org_unit_path=case.org_unit.path,
        before=before,
        after=after,
        reason=reason,
    )


def case_url(case: Case) -> str:
    return reverse("discipline:case_detail", args=[case.pk])


def notify_on_commit(case: Case, *, employee_ids: Iterable[int | None], title: str, body: str = "") -> None:
    """Tell the users of these employees, once the transaction has committed."""
    ids = {pk for pk in employee_ids if pk is not None}
    if not ids:
        return
    tenant_id, url = case.tenant_id, case_url(case)

    def send() -> None:
        users = get_user_model().objects.filter(tenant_id=tenant_id, employee_id__in=ids, is_active=True)
        notify(tenant_id=tenant_id, recipients=users, title=title, body=body[:300], url=url)

    transaction.on_commit(send)


def set_status(case: Case, status: str, **fields: Any) -> None:
    """Move the (locked) case to ``status`` and save the given fields with it."""
    case.status = status
    for name, value in fields.items():
        setattr(case, name, value)
    case.save(update_fields=["status", "updated_at", *fields])


#: Every transitional substitute of a sedang sanction runs one year (KGB or KP deferred 1 year, pangkat lowered for
#: 1 year: ``rules.sanctions``, PP 94/2021 closing provisions).
SUBSTITUTE_MONTHS = 12


def sanction_ends_on(sanction: str, effective_on: dt.date, *, executed: str = "") -> dt.date:
    """The last day a timed sanction runs (its months, or the substitute's year when ``executed`` is the
    transitional substitute); an untimed one ends the day it takes effect."""
    from pamong.performance.rules.periods import add_months

    from ..rules.sanctions import terms

    entry = terms(sanction)
    months = SUBSTITUTE_MONTHS if entry.substitute_id and executed == entry.substitute_id else entry.months
    if not months:
        return effective_on
    return add_months(effective_on, months) - dt.timedelta(days=1)
