"""Who may do what with a periodic report; the 404/403 split is the one ``pamong.core.authz`` makes.

Whoever may see a report (``performance.view`` over its unit) and may not do the step is told
"forbidden" with a message saying who may; anyone else is told "not found".
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from pamong.access.roles import PERFORMANCE_VIEW, REPORTS_EDIT, REPORTS_SUBMIT, REPORTS_VERIFY
from pamong.core.authz import allows, authorize

from .models import Report


def authorize_edit(actor: Any, report: Report) -> None:
    authorize(
        actor,
        REPORTS_EDIT,
        report,
        visible_action=PERFORMANCE_VIEW,
        denied=_("Hanya kepala unit atau operator kinerja unit ini yang dapat mengisi laporannya."),
    )


def authorize_submit(actor: Any, report: Report) -> None:
    authorize(
        actor,
        REPORTS_SUBMIT,
        report,
        visible_action=PERFORMANCE_VIEW,
        denied=_("Hanya kepala unit (kepala OPD atau camat) yang dapat mengajukan laporan ini."),
    )


def authorize_verify(actor: Any, report: Report) -> None:
    authorize(
        actor,
        REPORTS_VERIFY,
        report,
        visible_action=PERFORMANCE_VIEW,
        denied=_("Hanya verifikator (Bappeda/Inspektorat) yang dapat memverifikasi laporan ini."),
    )


def can_edit(actor: Any, report: Report) -> bool:
    return allows(actor, REPORTS_EDIT, report)


def can_submit(actor: Any, report: Report) -> bool:
    return allows(actor, REPORTS_SUBMIT, report)


def can_verify(actor: Any, report: Report) -> bool:
    return allows(actor, REPORTS_VERIFY, report)
