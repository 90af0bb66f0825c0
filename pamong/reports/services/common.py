"""Helpers shared by the report services: the acting user, the history step, a locked reload."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from pamong.core.errors import Conflict, ValidationFailed
from pamong.core.i18n import localized

from ..models import Report, ReportStep
from ..rules.workflow import WorkflowError

STEP_FIELDS = ("status", "first_submitted_on", "submitted_by", "verified_by", "return_count")


def user_of(actor: Any) -> Any:
    """The actor as a user row, or None for the system actor (jobs, commands)."""
    return actor if isinstance(actor, get_user_model()) else None


def label_of(actor: Any) -> str:
    user = user_of(actor)
    if user is not None:
        return str(user)[:200]
    return str(getattr(actor, "username", "") or "system")[:200]


def locked(report: Report) -> Report:
    """The report reloaded under a row lock (PostgreSQL), with its unit."""
    fresh: Report = Report.objects.select_for_update().select_related("org_unit").get(pk=report.pk)
    return fresh


def add_step(
    *, report: Report, kind: str, from_status: str, to_status: str, actor: Any, at: dt.datetime, reason: str = ""
) -> ReportStep:
    return ReportStep.objects.create(
        tenant_id=report.tenant_id,
        report=report,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        actor=user_of(actor),
        actor_label=label_of(actor),
        at=at,
        reason=reason,
    )


def as_conflict(exc: WorkflowError) -> Conflict:
    return Conflict(localized(exc), code=exc.code)


def as_invalid(exc: WorkflowError) -> ValidationFailed:
    message = localized(exc)
    return ValidationFailed(message, field_errors={exc.field: [message]} if exc.field else None)


def changed_under_us() -> Conflict:
    return Conflict(_("Status laporan baru saja diubah oleh orang lain. Muat ulang halaman lalu coba lagi."))
