"""State changes of performance agreements: one atomic, audited function per use case.

Audit actions: ``agreements.agreement.draft``, ``.update``, ``.submit``, ``.reopen``, ``.cancel``,
``.revise``, ``.sign``, ``.supersede``, and ``agreements.integrity_pact.sign``.

The canonical content and its hash (for a bulk demo seed too) come from
``pamong.agreements.snapshot.agreement_content`` / ``content_hash`` (from the stored rows) or
``pamong.agreements.rules.content.content_hash`` (from content planned in memory).
"""

from ..rules.content import content_hash
from ..snapshot import agreement_content, pact_content, pact_hash
from .drafting import BudgetLineData, agreement_draft, agreement_revise, agreement_update
from .signing import agreement_sign, integrity_pact_sign
from .submission import agreement_cancel, agreement_reopen, agreement_submit

__all__ = [
    "BudgetLineData",
    "agreement_cancel",
    "agreement_content",
    "agreement_draft",
    "agreement_reopen",
    "agreement_revise",
    "agreement_sign",
    "agreement_submit",
    "agreement_update",
    "content_hash",
    "integrity_pact_sign",
    "pact_content",
    "pact_hash",
]
