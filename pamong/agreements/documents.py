"""The printed performance agreement: an A4 PDF in the official form (WeasyPrint), with the integrity pact.

Pages: the agreement with the letterhead (kop surat), the standard text and both signature blocks; its
annex (targets per sasaran and indicator, the trajectory per quarter or month, programme ceilings); the
integrity pact. Every page's footer carries the verification code and a QR code to the verify page; the
PDF's Subject carries the full content hash so an uploaded file can be matched (ADR 0016). A draft is
printed with a "DRAF" watermark and no code; it is not a document anyone can sign on paper.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import qrcode
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML

from pamong.core.models import Tenant, TimeZoneChoice
from pamong.people.rules.dates import date_id
from pamong.performance.rules.periods import quarter_numeral

from . import facts
from .choices import AgreementStatus, SignedDocument, SignerParty
from .models import AgreementSignature, PerformanceAgreement
from .rules.content import Party
from .rules.items import period_name
from .rules.texts import (
    PACT_OPENING,
    PACT_PREAMBLE,
    PK_FIRST_PARTY_SUFFIX,
    PK_OPENING,
    PK_PROMISES,
    PK_SECOND_PARTY_SUFFIX,
    document_title,
    government_name,
    number_id,
    rupiah,
)
from .selectors import active_signatures
from .selectors.verify import SUBJECT_PREFIX
from .snapshot import head_party_of, region_head_party_of

ZONE_LABELS = {TimeZoneChoice.WIB: "WIB", TimeZoneChoice.WITA: "WITA", TimeZoneChoice.WIT: "WIT"}


def qr_data_uri(text: str) -> str:
    """A PNG QR code of ``text`` as a data URI (no file, no network)."""
    image = qrcode.make(text, box_size=6, border=1)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def unit_address(tenant: Tenant, unit_code: str) -> str:
    """The unit's address for the letterhead: ``settings["agreements"]["unit_addresses"][code]``, if set."""
    conf = tenant.settings.get("agreements") if isinstance(tenant.settings, dict) else None
    addresses = conf.get("unit_addresses") if isinstance(conf, dict) else None
    value = addresses.get(unit_code) if isinstance(addresses, dict) else None
    return value.strip() if isinstance(value, str) else ""


@dataclass(frozen=True)
class SignatureBlock:
    label: str  # "PIHAK PERTAMA" / "PIHAK KEDUA"
    title: str
    name: str
    rank: str
    nip: str
    signed: AgreementSignature | None
    signed_text: str

    @property
    def nip_formatted(self) -> str:
        """``19720202 199704 1 002``, as NIPs are printed."""
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" if len(n) == 18 else n


def _signed_text(signature: AgreementSignature | None, tenant: Tenant) -> str:
    if signature is None:
        return ""
    local = timezone.localtime(signature.signed_at, tenant.zone)
    zone = ZONE_LABELS.get(TimeZoneChoice(tenant.time_zone), "")
    return f"{date_id(local.date())} pukul {local:%H.%M} {zone}".strip()


def _period_header(kind: str, number: int) -> str:
    """``TW III`` for a quarter, ``Mar`` for a month (column headers of the trajectory tables)."""
    if kind == "monthly":
        return period_name(kind, number)[:3]
    return "TW " + quarter_numeral(number)


def _trajectory_tables(agreement: PerformanceAgreement) -> list[dict[str, Any]]:
    """Quarterly items in one table (TW I–IV), monthly ones in another (Januari–Desember)."""
    tables = []
    for kind, count in (("quarterly", 4), ("monthly", 12)):
        rows = [item for item in agreement.items.all() if item.period_kind == kind]
        if not rows:
            continue
        tables.append(
            {
                "kind": kind,
                "headers": [_period_header(kind, n) for n in range(1, count + 1)],
                "rows": [
                    {
                        "code": item.indicator_code,
                        "name": item.indicator_name,
                        "unit": item.unit_of_measure,
                        "targets": [number_id(t.target) for t in sorted(item.targets.all(), key=lambda t: t.period_no)],
                    }
                    for item in rows
                ],
            }
        )
    return tables


def _goal_groups(agreement: PerformanceAgreement) -> list[dict[str, Any]]:
    """Items grouped by sasaran, for the annex table (the sasaran cell spans its indicators)."""
    groups: list[dict[str, Any]] = []
    for item in sorted(agreement.items.all(), key=lambda i: i.number):
        if not groups or groups[-1]["goal"] != item.goal:
            groups.append({"goal": item.goal, "items": []})
        groups[-1]["items"].append(
            {
                "code": item.indicator_code,
                "name": item.indicator_name,
                "unit": item.unit_of_measure,
                "target": number_id(item.annual_target),
            }
        )
    for number, group in enumerate(groups, start=1):
        group["number"] = number
        group["span"] = len(group["items"])
    return groups


def _parties(agreement: PerformanceAgreement, tenant: Tenant) -> tuple[Party | None, Party | None]:
    """The parties as the version names them; a draft (not yet named) previews who they would be today."""
    head, region = head_party_of(agreement), region_head_party_of(agreement)
    if agreement.status == AgreementStatus.DRAFT:
        today = tenant.today()
        heads = facts.signing_heads_on(unit=agreement.org_unit, day=today)
        head = head or (heads[0].party if heads else None)
        region = region or facts.region_head_party(tenant=tenant, day=today)
    return head, region


def _place_date(place: str, day: dt.date | None) -> str:
    """``Uji, 5 Januari 2026`` above the signatures."""
    return ", ".join(part for part in (place, date_id(day) if day else "") if part)


def agreement_context(agreement: PerformanceAgreement, *, verify_url: str) -> dict[str, Any]:
    """Everything the PDF template prints (the agreement loaded with ``selectors.agreement_queryset``)."""
    tenant = agreement.tenant
    signatures = {(s.document, s.party): s for s in active_signatures(agreement)}
    head_sig = signatures.get((SignedDocument.AGREEMENT, SignerParty.HEAD))
    region_sig = signatures.get((SignedDocument.AGREEMENT, SignerParty.REGION_HEAD))
    pact_sig = signatures.get((SignedDocument.INTEGRITY_PACT, SignerParty.HEAD))
    code = agreement.verification_code
    pact = getattr(agreement, "integrity_pact", None) if agreement.content_hash else None
    link = f"{verify_url}?kode={code}" if code else ""
    head_party, region_party = _parties(agreement, tenant)
    head = SignatureBlock(
        "PIHAK PERTAMA",
        head_party.title if head_party else "",
        head_party.name if head_party else "",
        head_party.rank if head_party else "",
        head_party.nip if head_party else "",
        head_sig,
        _signed_text(head_sig, tenant),
    )
    region = SignatureBlock(
        "PIHAK KEDUA",
        region_party.title if region_party else "",
        region_party.name if region_party else "",
        "",
        "",
        region_sig,
        _signed_text(region_sig, tenant),
    )
    budget = sorted(agreement.budget_lines.all(), key=lambda b: b.number)
    return {
        "agreement": agreement,
        "is_draft": agreement.status in (AgreementStatus.DRAFT, AgreementStatus.CANCELLED),
        "is_superseded": agreement.status == AgreementStatus.SUPERSEDED,
        "awaiting": agreement.status == AgreementStatus.AWAITING,
        "government": government_name(agreement.tenant_name),
        "unit_upper": agreement.unit_name.upper(),
        "region_upper": agreement.tenant_name.upper(),
        "address": unit_address(tenant, agreement.unit_code),
        "title": document_title(agreement.year, agreement.version),
        "opening": PK_OPENING,
        "first_party_suffix": PK_FIRST_PARTY_SUFFIX,
        "second_party_suffix": PK_SECOND_PARTY_SUFFIX,
        "promises": PK_PROMISES,
        "place_date": ", ".join(
            part
            for part in (agreement.place, date_id(agreement.agreement_date) if agreement.agreement_date else "")
            if part
        ),
        "head": head,
        "region": region,
        "goals": _goal_groups(agreement),
        "trajectories": _trajectory_tables(agreement),
        "budget": [{"number": b.number, "program": b.program, "ceiling": rupiah(b.ceiling)} for b in budget],
        "budget_total": rupiah(sum(b.ceiling for b in budget)) if budget else "",
        "pact": pact,
        "pact_opening": PACT_OPENING,
        "pact_preamble": PACT_PREAMBLE,
        "pact_signed": pact_sig,
        "pact_signed_text": _signed_text(pact_sig, tenant),
        "pact_place_date": _place_date(pact.place, pact.pact_date) if pact is not None else "",
        "code": code,
        "pact_code": pact.verification_code if pact is not None else "",
        "verify_link": link,
        "qr": qr_data_uri(link) if link else "",
        "subject": f"{SUBJECT_PREFIX} {agreement.content_hash}" if agreement.content_hash else "",
        "printed_at": date_id(tenant.localtime().date()),
    }


def agreement_pdf(agreement: PerformanceAgreement, *, verify_url: str) -> bytes:
    """The PDF of one version (loaded with ``selectors.agreement_queryset``); ``verify_url`` is absolute."""
    html = render_to_string("agreements/pdf/agreement.html", agreement_context(agreement, verify_url=verify_url))
    stylesheet = finders.find("agreements/pdf.css")
    styles = [CSS(filename=str(stylesheet))] if stylesheet else []
    pdf: bytes = HTML(string=html, base_url=verify_url).write_pdf(stylesheets=styles)
    return pdf


def pdf_filename(agreement: PerformanceAgreement) -> str:
    """``PK-2026-DISDIK-v1.pdf``."""
    code = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in agreement.unit_code)
    return f"PK-{agreement.year}-{code}-v{agreement.version}.pdf"
