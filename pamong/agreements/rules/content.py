"""The canonical content of a performance agreement (PK) and of its integrity pact, and their SHA-256.

Source: Perpres 29/2014 (SAKIP) and PermenPANRB 53/2014 (the PK and its annex: sasaran, indikator,
target, programme budget) [H]; the pakta integritas form of PermenPANRB 49/2011 [M]. The hashing is
Pamong's own design (ADR 0015): what a party signs is this content, not a PDF rendering of it, so the
same content always has the same hash whatever the layout, and any change to a party, an indicator, a
target, a trajectory point or a budget ceiling changes the hash.

Canonical form: a JSON object with sorted keys, no insignificant whitespace, UTF-8 (not ASCII-escaped);
decimals as plain strings without exponent or trailing zeros (``"100"``, ``"98.75"``), dates ISO 8601,
integers as JSON numbers. ``SCHEMA`` names the form; a change of it is a new schema string, so an old
signature keeps verifying against the content it signed.

Pure module: no Django, no clock, no I/O.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

SCHEMA = "pamong.perjanjian-kinerja/1"
PACT_SCHEMA = "pamong.pakta-integritas/1"
#: Hex characters of the content hash printed on paper as the verification code (64 bits).
CODE_LENGTH = 16


def decimal_text(value: Decimal) -> str:
    """A decimal as canonical text: ``Decimal("100.0000")`` → ``"100"``, ``Decimal("98.7500")`` → ``"98.75"``."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"not a finite Decimal: {value!r}")
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Party:
    """A party as the document names it: the unit's head (pihak pertama) or the head of region (pihak kedua)."""

    role: str  # "head" or "region_head" (see rules.workflow.Party)
    name: str
    title: str  # the post as printed: "Kepala Dinas Pendidikan", "Plt. Camat Anggrek", "Bupati Uji"
    nip: str = ""
    rank: str = ""  # pangkat and golongan: "Pembina Utama Muda (IV/c)"
    acting: str = ""  # "plt" when the head acts (Plt); empty when definitive

    def as_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "name": self.name,
            "title": self.title,
            "nip": self.nip,
            "rank": self.rank,
            "acting": self.acting,
        }


@dataclass(frozen=True)
class Item:
    """One line of the agreement: an indicator with its annual target and trajectory, as snapshotted."""

    number: int
    goal: str  # the sasaran (strategic target) the indicator measures
    indicator_code: str
    indicator_name: str
    unit_of_measure: str
    polarity: str
    period_kind: str  # "monthly" or "quarterly"
    annual_target: Decimal
    trajectory: tuple[tuple[int, Decimal], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "goal": self.goal,
            "indicator": {"code": self.indicator_code, "name": self.indicator_name, "unit": self.unit_of_measure},
            "polarity": self.polarity,
            "period_kind": self.period_kind,
            "annual_target": decimal_text(self.annual_target),
            "trajectory": {str(n): decimal_text(v) for n, v in sorted(self.trajectory)},
        }


@dataclass(frozen=True)
class BudgetLine:
    """A programme of the annex with its budget ceiling (pagu) in whole Rupiah."""

    number: int
    program: str
    ceiling: int

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "program": self.program, "ceiling": self.ceiling}


@dataclass(frozen=True)
class AgreementContent:
    """Everything a party signs: who, for which unit and year, which version, and every target."""

    tenant: str  # "Kabupaten Uji"
    unit_code: str
    unit_name: str
    year: int
    version: int
    form: str  # the standard text the document uses (rules.texts.PK_FORM)
    place: str
    agreement_date: date | None
    head: Party | None
    region_head: Party | None
    items: tuple[Item, ...]
    budget: tuple[BudgetLine, ...] = ()
    revision_reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "form": self.form,
            "tenant": self.tenant,
            "unit": {"code": self.unit_code, "name": self.unit_name},
            "year": self.year,
            "version": self.version,
            "revision_reason": self.revision_reason,
            "place": self.place,
            "agreement_date": self.agreement_date.isoformat() if self.agreement_date else None,
            "parties": {
                "head": self.head.as_dict() if self.head else None,
                "region_head": self.region_head.as_dict() if self.region_head else None,
            },
            "items": [item.as_dict() for item in sorted(self.items, key=lambda i: i.number)],
            "budget": [line.as_dict() for line in sorted(self.budget, key=lambda b: b.number)],
        }


@dataclass(frozen=True)
class PactContent:
    """The integrity pact the head signs with the agreement version it belongs to."""

    agreement_hash: str
    tenant: str
    unit_name: str
    year: int
    version: int
    form: str  # rules.texts.PACT_FORM
    place: str
    pact_date: date | None
    signer: Party
    statements: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "schema": PACT_SCHEMA,
            "form": self.form,
            "agreement_hash": self.agreement_hash,
            "tenant": self.tenant,
            "unit": self.unit_name,
            "year": self.year,
            "version": self.version,
            "place": self.place,
            "date": self.pact_date.isoformat() if self.pact_date else None,
            "signer": self.signer.as_dict(),
            "statements": list(self.statements),
        }


def canonical_bytes(content: AgreementContent | PactContent | Mapping[str, Any]) -> bytes:
    """The canonical JSON of ``content`` (sorted keys, compact, UTF-8): exactly what is hashed."""
    data = content if isinstance(content, Mapping) else content.as_dict()
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_hash(content: AgreementContent | PactContent | Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON, as 64 lower-case hex characters."""
    return hashlib.sha256(canonical_bytes(content)).hexdigest()


def verification_code(digest: str) -> str:
    """The code printed on paper: the first 16 hex characters, upper case, in groups of four (``1A2B-3C4D-…``)."""
    head = digest[:CODE_LENGTH].upper()
    return "-".join(head[i : i + 4] for i in range(0, len(head), 4))


_SEPARATORS = frozenset(" \t\r\n-_.:")
_HEX_DIGITS = frozenset("0123456789abcdef")


def normalize_code(text: str) -> str | None:
    """The hex a person typed or a scanner read (spaces, dashes, any case), or None if it cannot be a code.

    Accepts the 16-character code from paper or the full 64-character hash; a letter O typed for a zero is
    read as zero (the printed code uses no O).
    """
    raw = "".join(ch for ch in (text or "").lower() if ch not in _SEPARATORS).replace("o", "0")
    if not raw or any(ch not in _HEX_DIGITS for ch in raw):
        return None
    return raw if len(raw) in (CODE_LENGTH, 64) else None
