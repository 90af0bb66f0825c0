"""Notices: delivery inside the sender's transaction, dedupe, tenant boundary, the inbox pages."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from pamong.core.errors import NotFoundError
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.notices.choices import NoticeKind
from pamong.notices.models import Notice
from pamong.notices.services import notice_mark_read, notices_mark_all_read, notify

pytestmark = pytest.mark.django_db


def test_notify_writes_one_row_per_recipient_and_mails_on_commit(cast, django_capture_on_commit_callbacks):
    cast.users["kepala_opd"].email = "kadis@example.go.id"
    cast.users["kepala_opd"].save()
    users = [cast.users["kepala_opd"], cast.users["kepala_opd"], cast.users["asn"]]
    with django_capture_on_commit_callbacks(execute=True):
        sent = notify(
            tenant_id=cast.tenant.pk,
            recipients=users,
            kind=NoticeKind.REPORT_REMINDER,
            title="Laporan TW III",
            url="/x/",
        )
    assert sent == 2
    assert Notice.objects.filter(kind=NoticeKind.REPORT_REMINDER).count() == 2
    assert [m.to for m in mail.outbox] == [["kadis@example.go.id"]]
    assert "/x/" in mail.outbox[0].body


def test_notify_skips_other_tenant_and_dedupes(cast):
    users = [cast.users["kepala_opd"], cast.users["other_tenant"]]
    assert notify(tenant_id=cast.tenant.pk, recipients=users, title="A", dedupe_key="r:1:2026-10-07") == 1
    assert notify(tenant_id=cast.tenant.pk, recipients=users, title="A", dedupe_key="r:1:2026-10-07") == 0
    assert not Notice.objects.filter(recipient=cast.users["other_tenant"]).exists()


def test_mark_read_only_own_notice(cast):
    notify(tenant_id=cast.tenant.pk, recipients=[cast.users["asn"]], title="A")
    notice = Notice.objects.get()
    with pytest.raises(NotFoundError):
        notice_mark_read(actor=cast.users["kepala_opd"], notice_id=notice.pk)
    assert notice_mark_read(actor=cast.users["asn"], notice_id=notice.pk).read_at is not None
    assert notices_mark_all_read(actor=cast.users["asn"]) == 0


def test_inbox_pages(cast):
    notify(tenant_id=cast.tenant.pk, recipients=[cast.users["asn"]], title="Laporan dikembalikan", url="/laporan/")
    notice = Notice.objects.get()
    everyone_but_anonymous = expectations(200, anonymous=302)
    check_matrix(cast, "get", reverse("notices:notice_list"), everyone_but_anonymous)
    # Opening someone else's notice looks like a missing one.
    check_matrix(
        cast,
        "post",
        reverse("notices:notice_open", args=[notice.pk]),
        expectations(404, asn=302, anonymous=302),
        content_type=None,
    )
    page = cast.client_for("asn").get(reverse("notices:notice_list"))
    assert "Laporan dikembalikan" in page.content.decode()
    assert 'data-testid="notice-count">1<' in page.content.decode()
    response = cast.client_for("asn").post(reverse("notices:notice_open", args=[notice.pk]))
    assert response["Location"] == "/laporan/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_open_refuses_offsite_link(cast):
    notify(tenant_id=cast.tenant.pk, recipients=[cast.users["asn"]], title="x", url="https://evil.example/")
    notice = Notice.objects.get()
    response = cast.client_for("asn").post(reverse("notices:notice_open", args=[notice.pk]))
    assert response["Location"] == reverse("notices:notice_list")


def test_api_lists_and_marks_only_own_notices(cast):
    from pamong.core.testing.matrix import token_client

    notify(tenant_id=cast.tenant.pk, recipients=[cast.users["asn"], cast.users["sekda"]], title="Rakor")
    mine = Notice.objects.get(recipient=cast.users["asn"])
    check_matrix(cast, "get", "/api/notices/", expectations(200, anonymous=401), client_for=token_client)
    check_matrix(
        cast,
        "post",
        f"/api/notices/{mine.pk}/read/",
        expectations(404, asn=200, anonymous=401),
        client_for=token_client,
    )
    client = token_client(cast, "asn")
    body = client.get("/api/notices/?unread=1").json()
    assert [row["title"] for row in body["results"]] == ["Rakor"]
    assert client.post("/api/notices/read-all/").json() == {"marked": 1}
    assert client.get("/api/notices/?unread=1").json()["results"] == []
    # The sekda's notice is untouched by the asn's "read all".
    assert Notice.objects.get(recipient=cast.users["sekda"]).read_at is None


def test_times_show_in_the_tenants_own_zone(cast):
    """TenantTimeZoneMiddleware: 01.00 UTC is 10.00 WIT for a WIT tenant and 09.00 WITA for a WITA one."""
    import datetime as dt

    for persona in ("other_tenant", "asn"):
        user = cast.users[persona]
        notify(tenant_id=user.tenant_id, recipients=[user], title=f"Rapat {persona}")
    Notice.objects.update(created_at=dt.datetime(2026, 11, 22, 1, 0, tzinfo=dt.UTC))
    wit = cast.client_for("other_tenant").get(reverse("notices:notice_list")).content.decode()
    wita = cast.client_for("asn").get(reverse("notices:notice_list")).content.decode()
    assert "10.00" in wit and "08.00" not in wit
    assert "09.00" in wita and "08.00" not in wita
