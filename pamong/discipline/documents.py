"""The letters of a case as A4 PDFs (WeasyPrint) with the kop surat of the examinee's unit, in the official
Indonesian layout: surat panggilan I/II, Berita Acara Pemeriksaan (BAP), keputusan hukuman disiplin.

The letterhead and its stylesheet are the performance agreement's (``agreements/pdf/kop.html``,
``agreements/pdf.css``; ``agreements.documents.unit_address``); the letters' own layout is in
``discipline/documents/letter.css``. Served only to whoever may see the case (the views load it in scope).
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from pamong.agreements.documents import unit_address
from pamong.agreements.rules.texts import government_name
from pamong.attendance.selectors.excuse_superiors import unit_chain
from pamong.people.rules.dates import date_id

from .choices import SanctionChoice
from .models import Case, Summons
from .rules.catalogue import CATALOGUE
from .rules.sanctions import terms

_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def _opd(case: Case) -> Any:
    """The OPD whose letterhead is used: the examinee's unit's top-level ancestor below the region root."""
    from pamong.org.models import OrgUnit

    ids = unit_chain(case.org_unit.path)  # own unit first, root last
    if len(ids) >= 2:
        found = OrgUnit.objects.filter(pk=ids[-2]).first()
        if found is not None:
            return found
    return case.org_unit


def region_head(tenant_name: str) -> str:
    """``Bupati Uji`` for ``Kabupaten Uji``, ``Wali Kota Lain`` for ``Kota Lain``: the PPK as letters name him."""
    name = tenant_name.strip()
    for prefix, title in (("Kabupaten ", "Bupati "), ("Kab. ", "Bupati "), ("Kota ", "Wali Kota ")):
        if name.startswith(prefix):
            return title + name[len(prefix) :]
    return "Bupati/Wali Kota " + name


def _base(case: Case, title: str) -> dict[str, Any]:
    opd = _opd(case)
    employee = case.employee
    return {
        "case": case,
        "title": title,
        "government": government_name(case.tenant.name),
        "unit_upper": opd.name.upper(),
        "address": unit_address(case.tenant, opd.code),
        "employee": employee,
        "nip": employee.nip_formatted,
        "position": employee.position.name if employee.position is not None else "",
        "violations": [
            {"code": v.code, "ref": CATALOGUE[v.code].reference_id, "label": CATALOGUE[v.code].label_id, "v": v}
            for v in case.violations.all()
            if v.code in CATALOGUE
        ],
        "superior": case.superior,
        "team": list(case.team.all()),
        "place": case.tenant.name.replace("Kabupaten ", "").replace("Kota ", ""),
        "region_head": region_head(case.tenant.name),
    }


def _render(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context)
    styles = [
        CSS(filename=str(path))
        for path in (finders.find("agreements/pdf.css"), finders.find("discipline/documents/letter.css"))
        if path
    ]
    pdf: bytes = HTML(string=html).write_pdf(stylesheets=styles)
    return pdf


def summons_pdf(case: Case, summons: Summons) -> bytes:
    context = _base(case, "SURAT PANGGILAN " + ("I" if summons.sequence == 1 else "II"))
    exam = summons.exam_on
    context.update(
        summons=summons,
        issued=date_id(summons.issued_on),
        exam_day=_DAYS[exam.weekday()],
        exam_date=date_id(exam),
        first=case.summonses.all()[0] if summons.sequence == 2 else None,
        first_exam=date_id(case.summonses.all()[0].exam_on) if summons.sequence == 2 else "",
    )
    return _render("discipline/documents/summons.html", context)


def bap_pdf(case: Case) -> bytes:
    examination = case.examination
    context = _base(case, "BERITA ACARA PEMERIKSAAN")
    context.update(
        examination=examination,
        held_day=_DAYS[examination.held_on.weekday()],
        held=date_id(examination.held_on),
        recommended=SanctionChoice(examination.recommended).label if examination.recommended else "",
    )
    return _render("discipline/documents/bap.html", context)


def decision_pdf(case: Case) -> bytes:
    decision = case.decision
    entry = terms(decision.sanction)
    context = _base(case, "KEPUTUSAN")
    if decision.decided_by_id is None:  # a Keputusan Bupati carries the regent's own letterhead
        context.update(government="", unit_upper=context["region_head"].upper(), address="")
    context.update(
        decision=decision,
        considerations=decision.considerations.strip().rstrip(".;"),
        signed=date_id(decision.signed_on),
        level=entry.level.label_id.lower(),
        sanction_label=entry.label_id,
        substituted=decision.executed != entry.label_id,
        examination=getattr(case, "examination", None),
        decider=decision.decided_by_label,
    )
    return _render("discipline/documents/decision.html", context)


def pdf_filename(case: Case, kind: str) -> str:
    return f"{kind}-{case.number.replace('/', '-')}.pdf"
