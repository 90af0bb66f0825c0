"""Verifying that a printed or downloaded agreement matches the stored one (ADR 0016).

The paper carries a verification code (the first 16 hex characters of the content hash) and a QR code
with the verify address; a downloaded PDF carries the full hash in its metadata (Subject). Verifying
recomputes the hash of the stored content *now* and compares it with the stored hash, the hash every
signature recorded, and the code or hash presented. What the actor may not see answers exactly like
"not found".
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from pamong.access.roles import PERFORMANCE_VIEW
from pamong.core.errors import ValidationFailed

from ..choices import AgreementStatus, SignedDocument
from ..models import AgreementSignature, PerformanceAgreement
from ..rules.content import CODE_LENGTH, normalize_code
from ..snapshot import content_hash, pact_hash
from .lists import agreement_queryset

#: The largest PDF accepted for verification (bytes); ``PAMONG_AGREEMENT_VERIFY_MAX_BYTES`` overrides it.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: How the full hash is written into the PDF's Subject (``pamong.agreements.documents``).
SUBJECT_PREFIX = "PAMONG-PK SHA-256:"
SUBJECT_RE = re.compile(r"SHA-256:\s*([0-9a-f]{64})", re.IGNORECASE)
CODE_RE = re.compile(r"\b([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})\b")


def max_upload_bytes() -> int:
    return int(getattr(settings, "PAMONG_AGREEMENT_VERIFY_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass
class Verification:
    """The answer of a verification: found or not, and if found, whether the stored content is intact."""

    presented: str  # the normalised code or full hash that was looked up
    agreement: PerformanceAgreement | None = None
    document: str = SignedDocument.AGREEMENT
    stored_hash: str = ""
    recomputed_hash: str = ""
    signatures: list[AgreementSignature] = field(default_factory=list)
    in_force: PerformanceAgreement | None = None  # the version in force now, when it is another one
    newer: PerformanceAgreement | None = None  # the newest version, when it is newer than this one
    source: str = "code"  # "code" or "file"

    @property
    def found(self) -> bool:
        return self.agreement is not None

    @property
    def intact(self) -> bool:
        """The stored content still hashes to what was stored and signed."""
        signed = all(s.content_hash == self.stored_hash for s in self.signatures)
        return bool(self.stored_hash) and self.recomputed_hash == self.stored_hash and signed

    @property
    def matches(self) -> bool:
        """The presented code (or full hash) is the stored content's, and the content is intact."""
        return self.intact and self.recomputed_hash.startswith(self.presented)

    @property
    def full_hash(self) -> bool:
        return len(self.presented) == 64

    @property
    def superseded(self) -> bool:
        return self.agreement is not None and self.agreement.status == AgreementStatus.SUPERSEDED


def _lookup(actor: Any, digest: str) -> tuple[PerformanceAgreement | None, str]:
    """The visible version whose agreement or pact hash starts with ``digest`` (one query + prefetches)."""
    rows = list(
        agreement_queryset(actor=actor)
        .filter(Q(content_hash__startswith=digest) | Q(integrity_pact__content_hash__startswith=digest))
        .exclude(content_hash="")
        .order_by("-version")[:2]
    )
    if not rows:
        return None, SignedDocument.AGREEMENT
    agreement = rows[0]
    if agreement.content_hash.startswith(digest):
        return agreement, SignedDocument.AGREEMENT
    return agreement, SignedDocument.INTEGRITY_PACT


def verify_hash(*, actor: Any, presented: str, source: str = "code") -> Verification:
    """Verify a normalised code (16 hex) or full hash (64 hex) against what the actor may see."""
    result = Verification(presented=presented, source=source)
    agreement, document = _lookup(actor, presented)
    if agreement is None:
        return result
    result.agreement = agreement
    result.document = document
    signatures = [s for s in agreement.signatures.all() if s.revoked_at is None and s.document == document]
    result.signatures = signatures
    if document == SignedDocument.AGREEMENT:
        result.stored_hash = agreement.content_hash
        result.recomputed_hash = content_hash(agreement)
    else:
        pact = agreement.integrity_pact
        result.stored_hash = pact.content_hash
        result.recomputed_hash = pact_hash(agreement, pact)
        # The pact is bound to the agreement's hash: the agreement must be intact too.
        if content_hash(agreement) != agreement.content_hash:
            result.recomputed_hash = ""
    others = list(
        PerformanceAgreement.objects.visible_to(actor, PERFORMANCE_VIEW)
        .filter(org_unit_id=agreement.org_unit_id, year=agreement.year)
        .exclude(pk=agreement.pk)
        .exclude(status=AgreementStatus.CANCELLED)
        .order_by("-version")
    )
    result.in_force = next((o for o in others if o.status == AgreementStatus.SIGNED), None)
    newest = others[0] if others else None
    result.newer = newest if newest is not None and newest.version > agreement.version else None
    return result


def verify_code(*, actor: Any, code: str) -> Verification:
    """Verify the code from the paper (``1A2B-3C4D-5E6F-7081``) or a full hash."""
    presented = normalize_code(code)
    if presented is None:
        raise ValidationFailed(
            _("Kode verifikasi terdiri atas 16 karakter 0–9 dan A–F, mis. 1A2B-3C4D-5E6F-7081."),
            field_errors={"code": [_("Kode verifikasi tidak sah.")]},
        )
    return verify_hash(actor=actor, presented=presented)


def hash_in_pdf(data: bytes) -> str:
    """The full hash in the PDF's metadata, else the printed code found in its text; refuses what is no PDF."""
    if len(data) > max_upload_bytes():
        limit = max_upload_bytes() // (1024 * 1024)
        raise ValidationFailed(
            _("Berkas terlalu besar; batasnya %(mb)d MB.") % {"mb": limit},
            field_errors={"file": [_("Berkas terlalu besar.")]},
        )
    if not data.startswith(b"%PDF-"):
        raise ValidationFailed(
            _("Berkas ini bukan PDF (isinya tidak diawali penanda %PDF), walaupun namanya mungkin berakhiran .pdf."),
            field_errors={"file": [_("Berkas bukan PDF.")]},
        )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationFailed(
                _("PDF ini terkunci dengan kata sandi; unggah PDF asli dari Pamong."),
                field_errors={"file": [_("PDF terkunci.")]},
            )
        metadata = reader.metadata
        subject = str(metadata.get("/Subject", "") or "") if metadata is not None else ""
        match = SUBJECT_RE.search(subject)
        if match:
            return match.group(1).lower()
        for page in reader.pages[:10]:
            found = CODE_RE.search(page.extract_text() or "")
            if found:
                return found.group(1).replace("-", "").lower()
    except PyPdfError as exc:
        raise ValidationFailed(
            _("Berkas PDF rusak atau tidak dapat dibaca."), field_errors={"file": [_("PDF tidak dapat dibaca.")]}
        ) from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # pypdf on malformed input
        raise ValidationFailed(
            _("Berkas PDF rusak atau tidak dapat dibaca."), field_errors={"file": [_("PDF tidak dapat dibaca.")]}
        ) from exc
    raise ValidationFailed(
        _("PDF ini tidak memuat kode verifikasi Pamong; periksa dengan kode yang tercetak di kaki halaman."),
        field_errors={"file": [_("Kode verifikasi tidak ditemukan di dalam PDF.")]},
    )


def verify_pdf(*, actor: Any, data: bytes) -> Verification:
    """Verify an uploaded PDF: its full hash (or printed code) against what the actor may see."""
    digest = hash_in_pdf(data)
    assert len(digest) in (CODE_LENGTH, 64)
    return verify_hash(actor=actor, presented=digest, source="file")
