"""Login, logout and the TOTP second factor; the BKPSDM pages that manage accounts and their roles.

Account pages need ``access.manage``: an account or role assignment out of the
manager's reach answers 404 like a missing one; the list and the new-account
form (no object yet) answer 403 to users who may manage accounts nowhere.
Every change calls one service through ``ServiceFormView``.
"""

from __future__ import annotations

import base64
import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView

from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.views import HtmxTemplateMixin, ObjectFormView, ServiceFormView, tenant_today

from . import selectors, services
from .forms import (
    LoginForm,
    RoleAssignForm,
    RoleEndForm,
    TokenForm,
    TotpResetForm,
    UserCreateForm,
    UserFilterForm,
)
from .models import RoleAssignment, User
from .roles import ACCESS_MANAGE
from .second_factor import confirmed_device


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "access/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def _qr_data_uri(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


class OtpSetupView(FormView):  # type: ignore[type-arg]
    """First login of an admin-level user: scan the QR code, confirm with one code."""

    template_name = "access/otp_setup.html"
    form_class = TokenForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Enrolling a new authenticator must never stand in for the code of the existing one:
        # a user who already has a confirmed device proves it first (a lost phone is reset by BKPSDM).
        if request.user.is_authenticated and confirmed_device(request.user):
            return redirect("access:otp_verify")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        device = services.totp_device_for_setup(self.request.user)  # type: ignore[arg-type]
        context["qr"] = _qr_data_uri(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
        return context

    def form_valid(self, form: TokenForm) -> HttpResponse:
        try:
            services.totp_confirm(request=self.request, user=self.request.user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        except DomainError as exc:
            form.add_error("token", exc.message)
            return self.form_invalid(form)
        return redirect("core:home")


class OtpVerifyView(FormView):  # type: ignore[type-arg]
    template_name = "access/otp_verify.html"
    form_class = TokenForm

    def form_valid(self, form: TokenForm) -> HttpResponse:
        try:
            services.totp_verify(request=self.request, user=self.request.user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        except DomainError as exc:
            form.add_error("token", exc.message)
            return self.form_invalid(form)
        return redirect(self.request.GET.get("next") or "core:home")


def locked_out(request: HttpRequest) -> HttpResponse:  # pragma: no cover - axes renders the template itself
    return HttpResponse(status=429)


# --- account management (BKPSDM) ------------------------------------------------------------------------


def _require_manage_somewhere(request: HttpRequest) -> None:
    """Pages without an object have nothing to hide: users who may manage no account get 403."""
    if not scope_of(request.user).grants_for(ACCESS_MANAGE):
        raise PermissionDenied(_("Anda tidak berwenang mengelola akun pengguna."))


class UserListView(HtmxTemplateMixin, ListView):  # type: ignore[type-arg]
    """Accounts in reach with their current roles; the filter form swaps only the results over HTMX."""

    template_name = "access/user_list.html"
    partial_template_name = "access/partials/user_results.html"
    partial_target = "user-results"
    paginate_by = 25
    context_object_name = "accounts"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require_manage_somewhere(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[User]:
        self.form = UserFilterForm(self.request.GET)
        self.form.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        return selectors.user_list(
            actor=self.request.user,
            today=tenant_today(self.request.user),
            search=data.get("q") or "",
            role=data.get("role") or "",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(form=self.form, query_string=params.urlencode())
        return context


class UserDetailView(DetailView):  # type: ignore[type-arg]
    """An account: identity, employee record, every role assignment with its validity, the authenticator."""

    template_name = "access/user_detail.html"
    # Not "user": that name is the signed-in user in every template.
    context_object_name = "subject"

    def get_queryset(self) -> QuerySet[User]:
        users: QuerySet[User] = User.objects.visible_to(self.request.user, ACCESS_MANAGE)
        return users.select_related("employee__org_unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = tenant_today(self.request.user)
        context.update(
            today=today, account=selectors.account_detail(actor=self.request.user, user=self.object, today=today)
        )
        return context


class UserCreateView(ServiceFormView):
    """A new login, optionally tied to an employee found by NIP; roles are given on its page next."""

    template_name = "access/user_create.html"
    form_class = UserCreateForm
    success_message = _("Akun telah dibuat. Tetapkan perannya di bawah ini.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require_manage_somewhere(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["actor"] = self.request.user
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        # From an employee's profile (?nip=...): the NIP, which is also the usual username.
        nip = "".join(self.request.GET.get("nip", "").split())[:18]
        return {"employee": nip, "username": nip} if nip.isdigit() else {}

    def perform(self, form: UserCreateForm) -> User:
        data = form.cleaned_data
        return services.user_create(
            actor=self.request.user,
            username=data["username"],
            password=data["password"],
            employee=data["employee"],
            full_name=data["full_name"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Buat akun pengguna"), submit_label=_("Buat akun"), cancel_url=reverse("access:user_list")
        )
        return context

    def get_success_url(self) -> str:
        return reverse("access:user_detail", args=[self.result.pk])


class AccountFormView(ObjectFormView):
    """A form about one account (or one of its role assignments); the page names the account."""

    manage_action = ACCESS_MANAGE
    template_name = "access/form_page.html"
    subject_url_name = "access:user_detail"

    def subject(self) -> User:
        return self.target if isinstance(self.target, User) else self.target.user


class UserFormView(AccountFormView):
    """A form about one account (the page's object is the user)."""

    target_model = User  # type: ignore[assignment]

    def target_queryset(self) -> QuerySet[Any]:
        # The employee's unit is the account's place in the tree (authorize reads it).
        users: QuerySet[User] = User.objects.visible_to(self.request.user, ACCESS_MANAGE)
        return users.select_related("employee__org_unit")


class RoleAssignView(UserFormView):
    form_class = RoleAssignForm
    template_name = "access/role_assign.html"
    page_title = _("Tetapkan peran")
    submit_label = _("Tetapkan peran")
    success_message = _("Peran telah ditetapkan.")

    def get_initial(self) -> dict[str, Any]:
        return {"include_descendants": True, "valid_from": tenant_today(self.request.user)}

    def perform(self, form: RoleAssignForm) -> RoleAssignment:
        data = form.cleaned_data
        return services.role_assign(
            actor=self.request.user,
            user=self.target,
            role=data["role"],
            org_unit=data["org_unit"],
            cluster=data["cluster"],
            include_descendants=data["include_descendants"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            note=data["note"].strip(),
        )


class RoleEndView(AccountFormView):
    target_model = RoleAssignment
    form_class = RoleEndForm
    template_name = "access/role_end.html"
    page_title = _("Akhiri peran")
    submit_label = _("Akhiri peran")
    success_message = _("Peran telah diakhiri.")

    def target_queryset(self) -> QuerySet[Any]:
        return super().target_queryset().select_related("user__employee", "org_unit", "cluster")

    def get_initial(self) -> dict[str, Any]:
        return {"valid_to": tenant_today(self.request.user)}

    def perform(self, form: RoleEndForm) -> RoleAssignment:
        return services.role_end(
            actor=self.request.user,
            assignment=self.target,
            valid_to=form.cleaned_data["valid_to"],
            reason=form.cleaned_data["reason"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["assignment"] = self.target
        return context


class TotpResetView(UserFormView):
    """Remove the account's authenticator (a lost phone): the next login enrols a new one."""

    form_class = TotpResetForm
    template_name = "access/totp_reset.html"
    page_title = _("Atur ulang verifikasi dua langkah")
    submit_label = _("Atur ulang")
    success_message = _("Perangkat autentikator telah dihapus; pengguna mendaftarkan yang baru saat masuk berikutnya.")

    def perform(self, form: TotpResetForm) -> int:
        return services.totp_reset(actor=self.request.user, user=self.target, reason=form.cleaned_data["reason"])
