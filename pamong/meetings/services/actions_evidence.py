"""Evidence of an action item: the owner unit submits it, checked by content; submitting marks the item done.

A document must be a PDF, a photo a JPEG or PNG — told by the first bytes (``reports.evidence_files.sniff``),
not by the name: a PNG sent for a document or a text file renamed ``.pdf`` is refused saying so. Files are stored
under a random name (``ActionEvidence.file``'s ``upload_to``) with their SHA-256; a link or figures need no file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext as _

from pamong.access.roles import ACTIONS_UPDATE
from pamong.core import audit
from pamong.core.authz import authorize
from pamong.core.errors import Conflict, ValidationFailed
from pamong.reports.choices import EvidenceContentType as T
from pamong.reports.evidence_files import sniff
from pamong.reports.services.common import user_of

from ..choices import EvidenceKind
from ..models import ActionEvidence, ActionItem
from ..rules.follow_through import ItemStatus, may_move
from . import actions_notices
from .actions import _locked, transition

#: The largest evidence file accepted (a scanned SK or a few photos fit well under it).
MAX_BYTES = 10 * 1024 * 1024
ACCEPTED: dict[str, frozenset[T]] = {
    EvidenceKind.DOCUMENT: frozenset({T.PDF}),
    EvidenceKind.PHOTO: frozenset({T.JPEG, T.PNG}),
}
WANTED: dict[str, str] = {EvidenceKind.DOCUMENT: "PDF", EvidenceKind.PHOTO: "JPG/PNG"}


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


def _check_file(item_kind: str, file: File | None) -> tuple[str, bytes, T]:  # type: ignore[type-arg]
    if file is None:
        return_kind = EvidenceKind(item_kind).label
        raise _refuse("file", _("Pilih berkas bukti (%(kind)s) untuk diunggah.") % {"kind": return_kind})
    name = PurePath(str(file.name or "")).name
    size = file.size or 0
    if size > MAX_BYTES:
        raise _refuse(
            "file",
            _("Ukuran berkas %(size)s MB melebihi batas %(limit)d MB.")
            % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ","), "limit": MAX_BYTES // 1024 // 1024},
        )
    file.seek(0)
    content = file.read()
    if not content:
        raise _refuse("file", _("Berkas kosong."))
    actual = sniff(content)
    if actual is None or actual not in ACCEPTED[item_kind]:
        found = actual.label if actual is not None else _("data yang bukan PDF, JPG atau PNG")
        raise _refuse(
            "file",
            _(
                "Tindak lanjut ini meminta bukti %(wanted)s, tetapi berkas “%(name)s” berisi %(found)s. "
                "Unggah berkas %(wanted)s yang benar."
            )
            % {"wanted": WANTED[item_kind], "name": name, "found": found},
        )
    return name, content, actual


@transaction.atomic
def evidence_submit(
    *,
    actor: Any,
    item: ActionItem,
    kind: str,
    file: File | None = None,  # type: ignore[type-arg]
    link: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> ActionEvidence:
    """The owner unit submits the evidence expected; the item becomes done (awaiting verification)."""
    authorize(actor, ACTIONS_UPDATE, item)
    item = _locked(item)
    if not may_move(ItemStatus(item.status), ItemStatus.DONE):
        raise Conflict(
            _("Bukti hanya dapat dikirim untuk tindak lanjut yang terbuka atau dalam proses (status kini: %(s)s).")
            % {"s": item.get_status_display()}
        )
    if kind != item.evidence_kind:
        raise _refuse(
            "kind",
            _("Tindak lanjut ini meminta bukti berupa %(wanted)s, bukan %(given)s.")
            % {
                "wanted": item.get_evidence_kind_display(),
                "given": EvidenceKind(kind).label if kind in EvidenceKind.values else kind,
            },
        )
    evidence = ActionEvidence(item=item, kind=kind, note=note.strip(), submitted_by=user_of(actor))
    if kind in ACCEPTED:
        name, content, content_type = _check_file(kind, file)
        evidence.original_name = name[:255]
        evidence.content_type = content_type
        evidence.size = len(content)
        evidence.sha256 = hashlib.sha256(content).hexdigest()
        evidence.file.save(name, ContentFile(content), save=False)
    elif kind == EvidenceKind.LINK:
        if not link.strip().lower().startswith(("https://", "http://")):
            raise _refuse("link", _("Isi tautan bukti lengkap dengan https://."))
        evidence.link = link.strip()[:200]
    elif not note.strip():
        raise _refuse("note", _("Tuliskan data/angka capaian sebagai bukti."))
    if evidence.submitted_by is None:
        raise Conflict(_("Bukti dikirim oleh pengguna unit, bukan oleh sistem."))
    evidence.save()
    audit.record(
        actor=actor,
        tenant_id=item.tenant_id,
        action="meetings.item.evidence",
        target=item,
        org_unit_path=item.owner_unit.path,
        after={"evidence": evidence.pk, "kind": kind, "sha256": evidence.sha256, "link": evidence.link},
    )
    transition(
        item,
        actor=actor,
        to_status=ItemStatus.DONE,
        note=note,
        action="meetings.item.done",
        today=today,
    )
    transaction.on_commit(lambda: actions_notices.item_moved(item.pk))
    return evidence
