"""The meetings calendar (a month grid and a list of the meetings and field visits in sight) and the per-user .ics
feed a phone or Outlook subscribes to.

The feed's URL carries a token signed with the site's secret (``django.core.signing``) from the user id, so no
model change is needed; a wrong token answers 404. It lists every meeting the user may see, times in UTC
(RFC 5545 ``DTSTART``/``DTEND`` with ``Z``).
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View

from pamong.access.roles import MEETINGS_VIEW
from pamong.core.scope import scope_of
from pamong.core.views import tenant_today

from ..selectors import meetings as selectors

ICS_SALT = "pamong.meetings.ics"
ICS_PAST_DAYS = 90


def ics_token(user: Any) -> str:
    return signing.Signer(salt=ICS_SALT).sign(str(user.pk))


def user_of_token(token: str) -> Any:
    try:
        pk = int(signing.Signer(salt=ICS_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).select_related("tenant").first()


def _month(request: HttpRequest) -> tuple[int, int]:
    today = tenant_today(request.user)
    try:
        year = int(request.GET.get("tahun", today.year))
        month = int(request.GET.get("bulan", today.month))
        dt.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    return year, month


class CalendarView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        if not scope_of(request.user).can(MEETINGS_VIEW):
            raise PermissionDenied
        year, month = _month(request)
        tenant = getattr(request.user, "tenant", None)
        if tenant is None:
            raise PermissionDenied
        first = dt.date(year, month, 1)
        last = dt.date(year, month, pycalendar.monthrange(year, month)[1])
        entries = selectors.calendar_entries(request.user, start=first, end=last, zone=tenant.zone)
        by_day: dict[dt.date, list[Any]] = {}
        for entry in entries:
            by_day.setdefault(entry.day, []).append(entry)
        weeks = [
            [(day, by_day.get(day, []), day.month == month) for day in week]
            for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        prev_month = first - dt.timedelta(days=1)
        next_month = last + dt.timedelta(days=1)
        feed = request.build_absolute_uri(reverse("meetings:ics", args=[ics_token(request.user)]))
        return render(
            request,
            "meetings/meetings/calendar.html",
            {
                "first": first,
                "weeks": weeks,
                "entries": entries,
                "prev": {"tahun": prev_month.year, "bulan": prev_month.month},
                "next": {"tahun": next_month.year, "bulan": next_month.month},
                "feed_url": feed,
                "today": tenant_today(request.user),
            },
        )


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 §3.1: lines of at most 75 octets, continued with a leading space."""
    out: list[str] = []
    data = line
    limit = 75
    while len(data.encode()) > limit:
        cut = limit
        while len(data[:cut].encode()) > limit:
            cut -= 1
        out.append(data[:cut])
        data = " " + data[cut:]
        limit = 75
    out.append(data)
    return out


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_text(user: Any, *, now: dt.datetime, host: str) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Pamong//Rapat//ID", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    lines.append("X-WR-CALNAME:" + _escape(f"Rapat {user.tenant.name}" if user.tenant_id else "Rapat"))
    for meeting in selectors.ics_meetings(user, since=now - dt.timedelta(days=ICS_PAST_DAYS)):
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{_utc(meeting.updated_at)}",
            f"DTSTART:{_utc(meeting.starts_at)}",
            f"DTEND:{_utc(meeting.ends_at)}",
            "SUMMARY:" + _escape(meeting.title),
            "LOCATION:" + _escape(meeting.venue or meeting.video_link),
            "STATUS:" + ("CANCELLED" if meeting.status == "cancelled" else "CONFIRMED"),
            "DESCRIPTION:" + _escape(f"{meeting.get_kind_display()} · {meeting.org_unit.name}"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in _fold(line)) + "\r\n"


@method_decorator(login_not_required, name="dispatch")
class IcsFeedView(View):
    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        user = user_of_token(token)
        if user is None or not user.tenant_id or not scope_of(user).can(MEETINGS_VIEW):
            raise Http404
        body = ics_text(user, now=timezone.now(), host=request.get_host().split(":")[0] or "pamong")
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="rapat.ics"'
        return response
