"""Meetings pages: the list, one meeting, scheduling, attendance, minutes, briefs, the memo, series, the calendar."""

from django.urls import URLPattern, URLResolver, path

from ..views import meetings as views
from ..views import meetings_calendar as calendar_views
from ..views import meetings_documents as document_views
from ..views import meetings_minutes as minutes_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("baru/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:pk>/hadir/", views.MeetingAttendanceView.as_view(), name="meeting_attendance"),
    path("<int:pk>/batal/", views.MeetingCancelView.as_view(), name="meeting_cancel"),
    path("<int:pk>/terlaksana/", views.MeetingHoldView.as_view(), name="meeting_hold"),
    path("<int:pk>/notulen/", minutes_views.MinutesView.as_view(), name="minutes"),
    path("<int:pk>/memo/kirim/", document_views.MemoSendView.as_view(), name="memo_send"),
    path("<int:pk>/memo.pdf", document_views.MemoPdfView.as_view(), name="memo_pdf"),
    path("bahan/<int:pk>/", document_views.BriefView.as_view(), name="brief"),
    path("bahan/<int:pk>/pdf/", document_views.BriefPdfView.as_view(), name="brief_pdf"),
    path("bahan/<int:pk>/catatan/", views.InvitationNoteView.as_view(), name="invitation_note"),
    path("berulang/", minutes_views.SeriesListView.as_view(), name="series_list"),
    path("berulang/baru/", minutes_views.SeriesCreateView.as_view(), name="series_create"),
    path("kalender/", calendar_views.CalendarView.as_view(), name="calendar"),
    path("kalender/<str:token>/rapat.ics", calendar_views.IcsFeedView.as_view(), name="ics"),
]
