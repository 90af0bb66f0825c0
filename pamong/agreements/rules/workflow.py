"""The life of a performance agreement version: draft → awaiting signatures → signed (in force) → superseded.

Source: PermenPANRB 53/2014 (a PK is signed by the official and his superior; it may be revised after a
budget change, which is a new PK "perubahan") [M]; architecture.md "Audit": a signed document is never
edited, a change makes a new version. The integrity pact is signed by the head with the agreement
(PermenPANRB 49/2011) [M]. The workflow itself is Pamong's (ADR 0015):

- ``draft``: editable by whoever manages the unit's agreement; nothing is signed.
- ``awaiting``: the content is frozen and hashed; the head signs the PK and the pact, the head of region
  signs the PK, in any order. Returning it to draft revokes the signatures collected so far.
- ``signed``: all three signatures are there; the version is in force and never changes again.
- ``superseded``: a later version of the same unit and year came into force.
- ``cancelled``: a draft or an unsigned version that was abandoned (kept for history).

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    AWAITING = "awaiting"
    SIGNED = "signed"
    SUPERSEDED = "superseded"
    CANCELLED = "cancelled"


class Document(StrEnum):
    AGREEMENT = "agreement"
    INTEGRITY_PACT = "integrity_pact"


class Party(StrEnum):
    HEAD = "head"  # the unit's head (definitive or Plt): pihak pertama
    REGION_HEAD = "region_head"  # the Bupati / Wali Kota: pihak kedua


#: The signatures that put a version in force.
REQUIRED_SIGNATURES: frozenset[tuple[Document, Party]] = frozenset(
    {
        (Document.AGREEMENT, Party.HEAD),
        (Document.AGREEMENT, Party.REGION_HEAD),
        (Document.INTEGRITY_PACT, Party.HEAD),
    }
)

#: Statuses that count as the unit's agreement for the year (a new draft is a revision, not a second one).
LIVE = frozenset({Status.DRAFT, Status.AWAITING, Status.SIGNED})
#: Statuses of a version still on its way to being signed (at most one per unit and year).
PENDING = frozenset({Status.DRAFT, Status.AWAITING})


class WorkflowError(ValueError):
    """A transition the workflow refuses. ``kind`` is ``"conflict"`` (the state forbids it) or ``"invalid"``."""

    def __init__(self, code: str, message_id: str, message_en: str, kind: str = "conflict") -> None:
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        self.kind = kind
        super().__init__(message_id)

    def __reduce__(self) -> tuple[type[WorkflowError], tuple[str, str, str, str]]:
        return (type(self), (self.code, self.message_id, self.message_en, self.kind))


def check_editable(status: Status, version: int) -> None:
    """Only a draft changes; a signed version never does (its change is a new version)."""
    if status == Status.DRAFT:
        return
    if status in (Status.SIGNED, Status.SUPERSEDED):
        raise WorkflowError(
            "signed",
            f"Perjanjian kinerja versi {version} sudah ditandatangani dan tidak dapat diubah; "
            "buat PK perubahan sebagai versi baru.",
            f"Version {version} of the performance agreement is signed and cannot change; "
            "make a revision (a new version) instead.",
        )
    if status == Status.AWAITING:
        raise WorkflowError(
            "awaiting",
            "Perjanjian kinerja ini sedang menunggu tanda tangan; kembalikan ke draf untuk mengubahnya.",
            "This performance agreement awaits signatures; return it to draft to change it.",
        )
    raise WorkflowError(
        "cancelled", "Perjanjian kinerja ini sudah dibatalkan.", "This performance agreement was cancelled."
    )


def check_submit(status: Status, version: int, item_count: int) -> None:
    """A draft with at least one item may go out for signatures."""
    check_editable(status, version)
    if item_count == 0:
        raise WorkflowError(
            "no_items",
            "Perjanjian kinerja belum memuat indikator; tambahkan indikator sebelum diajukan.",
            "The agreement lists no indicator yet; add indicators before sending it for signature.",
            kind="invalid",
        )


def check_reopen(status: Status) -> None:
    """Only a version awaiting signatures goes back to draft (a signed one is revised instead)."""
    if status != Status.AWAITING:
        raise WorkflowError(
            "not_awaiting",
            "Hanya perjanjian yang menunggu tanda tangan yang dapat dikembalikan ke draf.",
            "Only an agreement awaiting signatures can go back to draft.",
        )


def check_cancel(status: Status) -> None:
    """A draft or a version awaiting signatures may be abandoned; a signed one stays on record."""
    if status not in PENDING:
        raise WorkflowError(
            "not_pending",
            "Hanya draf atau perjanjian yang belum ditandatangani lengkap yang dapat dibatalkan.",
            "Only a draft or an agreement not yet fully signed can be cancelled.",
        )


def check_revise(status: Status, *, has_pending: bool) -> None:
    """A revision starts from the version in force, and only one revision is under way at a time."""
    if status != Status.SIGNED:
        raise WorkflowError(
            "not_in_force",
            "PK perubahan hanya dapat dibuat dari versi yang sudah ditandatangani dan berlaku.",
            "A revision can only start from the signed version in force.",
        )
    if has_pending:
        raise WorkflowError(
            "pending_exists",
            "Sudah ada versi baru yang sedang disusun atau menunggu tanda tangan; selesaikan atau batalkan dulu.",
            "A newer version is already being drafted or awaiting signatures; finish or cancel it first.",
        )


def check_sign(
    status: Status, signed: Iterable[tuple[str, str]], document: Document, party: Party, *, version: int
) -> None:
    """May ``party`` sign ``document`` now? Never twice, never outside the awaiting state."""
    if (document, party) not in REQUIRED_SIGNATURES:
        raise WorkflowError(
            "no_such_signature",
            "Pakta integritas hanya ditandatangani oleh kepala unit.",
            "Only the unit's head signs the integrity pact.",
            kind="invalid",
        )
    if status == Status.DRAFT:
        raise WorkflowError(
            "draft",
            "Perjanjian kinerja ini masih draf; ajukan dulu untuk ditandatangani.",
            "This agreement is still a draft; send it for signature first.",
        )
    if status in (Status.SIGNED, Status.SUPERSEDED):
        raise WorkflowError(
            "signed",
            f"Perjanjian kinerja versi {version} sudah ditandatangani lengkap.",
            f"Version {version} of the agreement is already fully signed.",
        )
    if status == Status.CANCELLED:
        raise WorkflowError(
            "cancelled", "Perjanjian kinerja ini sudah dibatalkan.", "This performance agreement was cancelled."
        )
    if (document, party) in {(Document(d), Party(p)) for d, p in signed}:
        what_id = "Pakta integritas" if document == Document.INTEGRITY_PACT else "Perjanjian kinerja"
        what_en = "The integrity pact" if document == Document.INTEGRITY_PACT else "The agreement"
        raise WorkflowError(
            "already_signed",
            f"{what_id} ini sudah Anda tandatangani; tanda tangan tidak dapat diulang.",
            f"{what_en} already bears this party's signature; it cannot be signed twice.",
        )


def is_complete(signed: Iterable[tuple[str, str]]) -> bool:
    """Whether every required signature is present."""
    present = {(Document(d), Party(p)) for d, p in signed}
    return present >= REQUIRED_SIGNATURES


def check_hashes(*, stored: str, recomputed: str, presented: str, others: Iterable[str]) -> None:
    """The signer signs exactly what is stored, what they saw, and what the other signatures cover.

    ``stored`` is the hash fixed when the version went out for signature, ``recomputed`` the hash of the
    content as it is now, ``presented`` the hash the signer confirmed, ``others`` the hashes of signatures
    already given on the same document.
    """
    if recomputed != stored:
        raise WorkflowError(
            "content_changed",
            "Isi perjanjian yang tersimpan tidak lagi sesuai dengan isi yang diajukan (hash berbeda); "
            "tanda tangan ditolak. Laporkan kepada Inspektorat.",
            "The stored content no longer matches what was sent for signature (hash differs); signature "
            "refused. Report it to the Inspectorate.",
        )
    if presented.strip().lower() != stored:
        raise WorkflowError(
            "stale_hash",
            "Isi yang Anda setujui berbeda dari isi yang tersimpan; muat ulang halaman dan periksa kembali.",
            "The content you confirmed differs from the stored content; reload the page and check again.",
        )
    for other in others:
        if other != stored:
            raise WorkflowError(
                "other_party_hash",
                "Pihak lain menandatangani isi yang berbeda (hash tidak sama); tanda tangan ditolak.",
                "The other party signed different content (hash differs); signature refused.",
            )
