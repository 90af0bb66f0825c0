"""Excuse and outage pages: the permission matrix, pinned query counts, the inbox's HTMX decision, the form."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pamong.attendance.choices import ExcuseKind, ExcuseStatus
from pamong.attendance.models import Excuse, Outage
from pamong.attendance.services.excuses import excuse_request
from pamong.attendance.services.outages import outage_declare
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations

pytestmark = pytest.mark.django_db

MON = dt.date(2026, 11, 9)

WITH_EMPLOYEE = {"sekda", "kepala_opd", "camat", "verifier", "hr_admin", "asn", "asn_other_opd"}
SEES_ASN = {"bupati": 200, "sekda": 200, "asisten": 200, "kepala_opd": 200, "hr_admin": 200, "asn": 200}


def asn_excuse(cast, **kw):
    values = {"kind": ExcuseKind.SICK, "starts_on": MON, "ends_on": MON, "reason": "Demam"}
    values.update(kw)
    return excuse_request(actor=cast.users["asn"], employee=cast.employees["asn"], **values)


def test_matrix_of_the_pages(cast):
    pdf = SimpleUploadedFile("surat.pdf", b"%PDF-1.4 surat", content_type="application/pdf")
    excuse = asn_excuse(cast, document=pdf)
    mine = dict.fromkeys(WITH_EMPLOYEE, 200)
    check_matrix(cast, "get", reverse("attendance:excuse_mine"), expectations(403, anonymous=302, **mine))
    check_matrix(
        cast,
        "get",
        reverse("attendance:excuse_create"),
        expectations(403, anonymous=302, other_tenant=200, **mine),
    )
    deciders = {"kepala_opd": 200, "camat": 200, "hr_admin": 200, "other_tenant": 200}
    check_matrix(cast, "get", reverse("attendance:excuse_inbox"), expectations(403, anonymous=302, **deciders))
    for name in ("attendance:excuse_list", "attendance:outage_list"):
        check_matrix(cast, "get", reverse(name), expectations(200, planner=403, anonymous=302))
    for name in ("attendance:excuse_detail", "attendance:excuse_document"):
        check_matrix(cast, "get", reverse(name, args=[excuse.pk]), expectations(404, anonymous=302, **SEES_ASN))


def test_matrix_of_the_decisions(cast):
    excuse = asn_excuse(cast)
    seen = {"bupati": 403, "sekda": 403, "asisten": 403, "asn": 403}
    check_matrix(
        cast,
        "post",
        reverse("attendance:excuse_approve", args=[excuse.pk]),
        expectations(404, anonymous=302, kepala_opd=302, hr_admin=302, **seen),
        content_type=None,
    )
    check_matrix(
        cast,
        "post",
        reverse("attendance:excuse_cancel", args=[excuse.pk]),
        expectations(404, anonymous=302, **{**seen, "asn": 302, "kepala_opd": 403, "hr_admin": 403}),
        content_type=None,
    )


def test_matrix_of_outages(cast):
    outage = outage_declare(
        actor=cast.users["hr_admin"],
        date=MON,
        start_time=dt.time(7),
        end_time=dt.time(8),
        reason="Server mati",
        today=MON,
    )
    data = {"date": "2026-11-10", "start_time": "07:00", "end_time": "08:30", "reason": "Listrik padam"}
    check_matrix(
        cast,
        "post",
        reverse("attendance:outage_list"),
        expectations(403, anonymous=302, hr_admin=302, other_tenant=302),
        data=data,
        content_type=None,
    )
    check_matrix(
        cast,
        "post",
        reverse("attendance:outage_revoke", args=[outage.pk]),
        expectations(403, anonymous=302, hr_admin=302, planner=404, other_tenant=404),
        data={"reason": "Salah tanggal"},
        content_type=None,
    )


def test_request_form_creates_and_redirects_to_the_detail(cast):
    client = cast.client_for("asn")
    response = client.post(
        reverse("attendance:excuse_create"),
        {
            "kind": "permit",
            "starts_on": "2026-11-10",
            "ends_on": "2026-11-10",
            "start_time": "09:00",
            "end_time": "11:00",
            "reason": "Ke bank",
        },
    )
    excuse = Excuse.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("attendance:excuse_detail", args=[excuse.pk])
    assert (excuse.start_time, excuse.working_days) == (dt.time(9), 1)
    refused = client.post(
        reverse("attendance:excuse_create"),
        {"kind": "sick", "starts_on": "2026-11-14", "ends_on": "2026-11-15", "reason": "Demam"},
    )
    assert refused.status_code == 200 and "bukan hari kerja" in refused.content.decode()


def test_operator_requests_by_nip(cast):
    client = cast.client_for("hr_admin")
    asn = cast.employees["asn"]
    response = client.post(
        reverse("attendance:excuse_create"),
        {"nip": asn.nip, "kind": "duty_travel", "starts_on": "2026-11-10", "ends_on": "2026-11-11", "reason": "SPT"},
    )
    assert response.status_code == 302
    assert Excuse.objects.get().employee == asn


def test_inbox_approves_inline_with_htmx(cast):
    excuse = asn_excuse(cast)
    client = cast.client_for("kepala_opd")
    page = client.get(reverse("attendance:excuse_inbox"))
    assert f'data-testid="approve-{excuse.pk}"' in page.content.decode()
    response = client.post(
        reverse("attendance:excuse_approve", args=[excuse.pk]), {"from": "inbox"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith("<tr") and "Disetujui" in body
    assert Excuse.objects.get().status == ExcuseStatus.APPROVED
    # Rejecting without a reason answers the row with the message, nothing changed.
    other = asn_excuse(cast, starts_on=MON + dt.timedelta(days=1), ends_on=MON + dt.timedelta(days=1))
    response = client.post(
        reverse("attendance:excuse_reject", args=[other.pk]), {"from": "inbox"}, HTTP_HX_REQUEST="true"
    )
    assert "alasan" in response.content.decode().lower()
    assert Excuse.objects.get(pk=other.pk).status == ExcuseStatus.REQUESTED


def test_detail_shows_history_and_the_decider(cast):
    excuse = asn_excuse(cast)
    body = cast.client_for("asn").get(reverse("attendance:excuse_detail", args=[excuse.pk])).content.decode()
    assert "Budi Kadisdik" in body and 'data-testid="cancel"' in body and 'data-testid="approve"' not in body


@pytest.mark.parametrize("count", [2, 6])
def test_list_pages_pinned_query_counts(cast, django_assert_num_queries, count):
    for n in range(count):
        day = MON + dt.timedelta(days=7 * n)
        asn_excuse(cast, starts_on=day, ends_on=day)
        excuse_request(
            actor=cast.users["hr_admin"],
            employee=cast.employees["asn_other_opd"],
            kind=ExcuseKind.WFH,
            starts_on=day,
            ends_on=day,
            reason="WFH",
        )
    Outage.objects.create(tenant=cast.tenant, date=MON, start_time=dt.time(7), end_time=dt.time(8), reason="x")
    client = cast.client_for("hr_admin")
    client.get(reverse("attendance:excuse_list"))  # warm the session and the scope
    with django_assert_num_queries(10):
        assert client.get(reverse("attendance:excuse_list")).status_code == 200
    with django_assert_num_queries(9):
        assert client.get(reverse("attendance:excuse_inbox")).status_code == 200
    with django_assert_num_queries(11):
        assert client.get(reverse("attendance:excuse_mine")).status_code == 200
    with django_assert_num_queries(9):
        assert client.get(reverse("attendance:outage_list")).status_code == 200
