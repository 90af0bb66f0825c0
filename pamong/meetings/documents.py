"""The meeting's documents as A4 PDFs (WeasyPrint) with the kop surat of the organising unit: an invited unit's
pre-read brief and the commitments memo (every decision and action item with owner, due date and evidence).

The letterhead and its stylesheet are the performance agreement's (``agreements/pdf/kop.html``,
``agreements/pdf.css``, ``agreements.documents.unit_address``). Served only to whoever may read them (the views
load the meeting in scope and check the brief's reader).
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from pamong.agreements.documents import unit_address
from pamong.agreements.rules.texts import government_name
from pamong.people.rules.dates import date_id

from .models import ActionItem, Invitation, Meeting


def _base(meeting: Meeting, title: str) -> dict[str, Any]:
    tenant = meeting.tenant
    local = tenant.localtime(meeting.starts_at)
    return {
        "meeting": meeting,
        "title": title,
        "government": government_name(tenant.name),
        "unit_upper": meeting.org_unit.name.upper(),
        "address": unit_address(tenant, meeting.org_unit.code),
        "when": f"{date_id(local.date())}, {local:%H.%M} {tenant.get_time_zone_display()}",
        "held_on": date_id(meeting.held_on) if meeting.held_on else "",
        "memo_due_on": date_id(meeting.memo_due_on) if meeting.memo_due_on else "",
    }


def _render(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context)
    styles = [CSS(filename=str(path)) for path in (finders.find("agreements/pdf.css"),) if path]
    pdf: bytes = HTML(string=html).write_pdf(stylesheets=styles)
    return pdf


def brief_pdf(invitation: Invitation) -> bytes:
    meeting = invitation.meeting
    context = _base(meeting, "Bahan Rapat")
    context.update({"invitation": invitation, "brief": invitation.brief or {}})
    return _render("meetings/documents/brief.html", context)


def memo_pdf(meeting: Meeting, items: list[ActionItem]) -> bytes:
    context = _base(meeting, "Memo Komitmen Rapat")
    context.update(
        {
            "decisions": list(meeting.decisions.all()),
            "items": [{"item": item, "due": date_id(item.due_on)} for item in items],
        }
    )
    return _render("meetings/documents/memo.html", context)


def pdf_filename(meeting: Meeting, kind: str, suffix: str = "") -> str:
    return f"{kind}-rapat-{meeting.pk}{'-' + suffix if suffix else ''}.pdf"
