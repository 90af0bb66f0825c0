"""The user's inbox: list, open (marks read and follows the link), mark all read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from pamong.core.errors import DomainError
from pamong.core.views import raise_for_domain_error

from .models import Notice
from .services import notice_mark_read, notices_mark_all_read


class NoticeListView(ListView[Notice]):
    template_name = "notices/notice_list.html"
    paginate_by = 30
    context_object_name = "notices"

    def get_queryset(self) -> Any:
        return Notice.objects.for_user(self.request.user)


class NoticeOpenView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            notice = notice_mark_read(actor=request.user, notice_id=pk)
        except DomainError as exc:
            raise_for_domain_error(exc)
            raise
        target = notice.url if notice.url else reverse("notices:notice_list")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("notices:notice_list")
        return HttpResponseRedirect(target)


class NoticeReadAllView(View):
    def post(self, request: HttpRequest) -> HttpResponse:
        count = notices_mark_all_read(actor=request.user)
        messages.success(request, _("%(count)d pemberitahuan ditandai sudah dibaca.") % {"count": count})
        return redirect("notices:notice_list")
