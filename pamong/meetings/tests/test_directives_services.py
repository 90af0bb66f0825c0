"""Directives: recording (all or nothing), reporting (only addressed OPDs, resubmission audited), the matrix."""

from __future__ import annotations

import datetime as dt

import pytest

from pamong.core.errors import Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent
from pamong.core.testing.personas import Cast
from pamong.meetings.choices import ComplianceStatus
from pamong.meetings.models import Directive, DirectiveItem, DirectiveReport
from pamong.meetings.selectors.directives import directive_matrix, items_to_report
from pamong.meetings.selectors.directives_periods import period_start, periods_between, shift
from pamong.meetings.services.directives import directive_create, directive_report

pytestmark = pytest.mark.django_db

ISSUED = dt.date(2026, 9, 3)
SEPT, OCT = dt.date(2026, 9, 1), dt.date(2026, 10, 1)


def make_directive(cast: Cast, **overrides: object) -> Directive:
    kwargs: dict[str, object] = {
        "actor": cast.users["sekda"],
        "org_unit": cast.units["setda"],
        "title": "Arahan Bupati pada Rapat Perdana",
        "issued_on": ISSUED,
        "reporting": "monthly",
        "items": [
            (1, "Seluruh OPD menuntaskan realisasi anggaran triwulan.", []),
            (2, "Dinas Pendidikan memastikan dana BOS tersalur tepat waktu.", [cast.units["disdik"]]),
            (3, "Kecamatan memutakhirkan data kemiskinan ekstrem.", [cast.units["kec"], cast.units["dinkes"]]),
        ],
    }
    kwargs.update(overrides)
    return directive_create(**kwargs)  # type: ignore[arg-type]


def test_periods_month_quarter_half() -> None:
    assert period_start(dt.date(2026, 8, 17), "monthly") == dt.date(2026, 8, 1)
    assert period_start(dt.date(2026, 8, 17), "quarterly") == dt.date(2026, 7, 1)
    assert period_start(dt.date(2026, 8, 17), "semiannual") == dt.date(2026, 7, 1)
    assert shift(dt.date(2026, 12, 1), "monthly", 1) == dt.date(2027, 1, 1)
    assert shift(dt.date(2026, 1, 1), "quarterly", -1) == dt.date(2025, 10, 1)
    assert periods_between(dt.date(2026, 2, 9), dt.date(2026, 8, 1), "quarterly") == [
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 1),
        dt.date(2026, 7, 1),
    ]


def test_create_records_numbered_items_and_audits(cast: Cast) -> None:
    directive = make_directive(cast)
    items = list(directive.items.order_by("number"))
    assert [i.number for i in items] == [1, 2, 3]
    assert list(items[1].units.all()) == [cast.units["disdik"]]
    assert AuditEvent.objects.filter(action="meetings.directive.create", target_id=str(directive.pk)).exists()


def test_item_without_text_refused_and_nothing_saved(cast: Cast) -> None:
    with pytest.raises(ValidationFailed) as exc:
        make_directive(cast, items=[(1, "Tuntaskan realisasi.", []), (2, "   ", [])])
    assert "nomor 2" in exc.value.message
    assert not Directive.objects.exists()
    assert not DirectiveItem.objects.exists()


def test_duplicate_numbers_refused(cast: Cast) -> None:
    with pytest.raises(ValidationFailed):
        make_directive(cast, items=[(1, "Satu.", []), (1, "Dua.", [])])
    assert not Directive.objects.exists()


def test_only_tenant_wide_managers_record(cast: Cast) -> None:
    with pytest.raises(Forbidden):
        make_directive(cast, actor=cast.users["kepala_opd"])
    with pytest.raises(Forbidden):
        make_directive(cast, actor=cast.users["asisten"])
    with pytest.raises(NotFoundError):
        make_directive(cast, actor=cast.users["asn"])


def test_report_only_for_addressed_opd(cast: Cast) -> None:
    directive = make_directive(cast)
    item2 = directive.items.get(number=2)
    item3 = directive.items.get(number=3)
    head = cast.users["kepala_opd"]
    report = directive_report(
        actor=head,
        item=item2,
        org_unit=cast.units["disdik"],
        period_start=SEPT,
        status="complied",
        note="",
        evidence_link="https://example.go.id/bos",
    )
    assert report.reported_at is not None and report.reported_by == head
    with pytest.raises(ValidationFailed) as exc:
        directive_report(
            actor=head,
            item=item3,
            org_unit=cast.units["disdik"],
            period_start=SEPT,
            status="complied",
            note="",
            evidence_link="",
        )
    assert "tidak ditujukan" in exc.value.message
    assert DirectiveReport.objects.count() == 1


def test_report_only_for_own_unit_and_valid_period(cast: Cast) -> None:
    directive = make_directive(cast)
    item1 = directive.items.get(number=1)
    head = cast.users["kepala_opd"]
    with pytest.raises(Forbidden):  # the Sekda reads the matrix but reports for no OPD
        directive_report(
            actor=cast.users["sekda"],
            item=item1,
            org_unit=cast.units["disdik"],
            period_start=SEPT,
            status="complied",
            note="",
            evidence_link="",
        )
    with pytest.raises(NotFoundError):
        directive_report(
            actor=head,
            item=item1,
            org_unit=cast.units["dinkes"],
            period_start=SEPT,
            status="complied",
            note="",
            evidence_link="",
        )
    for bad in (dt.date(2026, 9, 15), dt.date(2026, 8, 1), dt.date(2030, 1, 1)):
        with pytest.raises(ValidationFailed):
            directive_report(
                actor=head,
                item=item1,
                org_unit=cast.units["disdik"],
                period_start=bad,
                status="complied",
                note="",
                evidence_link="",
            )
    with pytest.raises(ValidationFailed):  # not complied needs an explanation
        directive_report(
            actor=head,
            item=item1,
            org_unit=cast.units["disdik"],
            period_start=SEPT,
            status="not_complied",
            note=" ",
            evidence_link="",
        )
    assert not DirectiveReport.objects.exists()


def test_resubmission_updates_and_is_audited(cast: Cast) -> None:
    directive = make_directive(cast)
    item1 = directive.items.get(number=1)
    head = cast.users["kepala_opd"]
    first = directive_report(
        actor=head,
        item=item1,
        org_unit=cast.units["disdik"],
        period_start=SEPT,
        status="partial",
        note="Realisasi 60 %.",
        evidence_link="",
    )
    second = directive_report(
        actor=head,
        item=item1,
        org_unit=cast.units["disdik"],
        period_start=SEPT,
        status="complied",
        note="Realisasi 100 %.",
        evidence_link="",
    )
    assert first.pk == second.pk
    assert DirectiveReport.objects.get().status == ComplianceStatus.COMPLIED
    update = AuditEvent.objects.get(action="meetings.directive.report_update")
    assert update.before["status"] == "partial"


def test_matrix_colours_and_counts(cast: Cast) -> None:
    directive = make_directive(cast)
    items = {i.number: i for i in directive.items.all()}
    directive_report(
        actor=cast.users["kepala_opd"],
        item=items[1],
        org_unit=cast.units["disdik"],
        period_start=OCT,
        status="complied",
        note="",
        evidence_link="",
    )
    directive_report(
        actor=cast.users["kepala_opd"],
        item=items[2],
        org_unit=cast.units["disdik"],
        period_start=OCT,
        status="partial",
        note="Sebagian sekolah belum menerima.",
        evidence_link="",
    )
    directive_report(
        actor=cast.users["camat"],
        item=items[3],
        org_unit=cast.units["kec"],
        period_start=OCT,
        status="not_complied",
        note="Petugas pendata belum ada.",
        evidence_link="",
    )
    matrix = directive_matrix(cast.users["sekda"], directive, OCT)
    names = [u.code for u in matrix.units]
    assert "DISDIK" in names and "KEC-A" in names and "DISDIK-SD" not in names
    by_item = {row.item.number: {c.unit.code: c for c in row.cells} for row in matrix.rows}
    assert by_item[1]["DISDIK"].colour == "success"
    assert by_item[2]["DISDIK"].colour == "warning"
    assert by_item[3]["KEC-A"].colour == "danger"
    assert by_item[1]["DINKES"].colour == "secondary"
    assert by_item[2]["DINKES"].addressed is False and by_item[2]["DINKES"].colour == "light"
    n = len(matrix.units)
    assert matrix.count("complied") == 1
    assert matrix.count("partial") == 1
    assert matrix.count("not_complied") == 1
    # item 1 to every OPD, item 2 to one, item 3 to two: all addressed cells minus the three reported.
    assert matrix.count("not_reported") == n + 1 + 2 - 3
    # September: nothing reported, every addressed cell grey.
    assert directive_matrix(cast.users["sekda"], directive, SEPT).count("not_reported") == n + 3


def test_matrix_in_fixed_queries(cast: Cast, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    directive = make_directive(cast)
    sekda = cast.users["sekda"]
    directive_matrix(sekda, directive, OCT)  # warm the scope cache
    with django_assert_num_queries(4):
        directive_matrix(sekda, directive, OCT)


def test_items_to_report_for_an_opd(cast: Cast) -> None:
    directive = make_directive(cast)
    todo = items_to_report(directive, cast.units["kec"], SEPT)
    assert [t.item.number for t in todo] == [1, 3]
    assert all(t.report is None for t in todo)
