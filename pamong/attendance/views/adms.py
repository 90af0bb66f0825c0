"""The ZKTeco push receiver (ADMS/iclock): ``/iclock/cdata``, ``getrequest``, ``devicecmd``, ``ping`` (+ ``.aspx``).

Outside the login wall and CSRF (a device has neither a session nor a token): each request is checked against
the serial allow-list instead. An unknown or blocked serial is answered ``403 FAIL`` and counted in
``DeviceRefusal`` (ADR 0026). A body over 1 MiB is answered 413 before it is read; an empty upload ``OK: 0``.
The view parses the request and calls one function of ``services.adms``; answers are ``text/plain``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from pamong.access.client_ip import client_ip

from ..rules import adms
from ..services import adms as receiver


def _text(body: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _read_body(request: HttpRequest) -> bytes | None:
    """The raw body whatever its Content-Type (devices.md), or ``None`` when it is over the limit."""
    if _declared_length(request) > adms.MAX_BODY_BYTES:
        return None
    raw = request.read(adms.MAX_BODY_BYTES + 1)
    return None if len(raw) > adms.MAX_BODY_BYTES else raw


@csrf_exempt
@login_not_required
def iclock(request: HttpRequest, endpoint: str) -> HttpResponse:
    """Every device request: route, serial, size, allow-list, then the one receiver function it needs."""
    route = adms.route(request.path)
    if route is None:
        return _text("FAIL", 404)
    if request.method not in ("GET", "POST"):
        return _text("FAIL", 405)
    if route is adms.Endpoint.DEVICECMD and request.method != "POST":
        return _text("FAIL", 405)
    try:
        serial = adms.clean_serial(request.GET.get("SN", ""))
    except adms.AdmsError:
        return _text("FAIL", 400)
    if request.method == "POST" and _declared_length(request) > adms.MAX_BODY_BYTES:
        return _text("FAIL", 413)
    ip = client_ip(request) or None
    device = receiver.device_for_serial(serial)
    if device is None or not device.is_allowed:
        reason = receiver.RefusalReason.UNKNOWN if device is None else receiver.RefusalReason.BLOCKED
        receiver.refusal_log(serial=serial, path=route.value, reason=reason, ip=ip)
        return _text("FAIL", 403)

    if route is adms.Endpoint.PING:
        return _text(receiver.adms_ping(device=device, ip=ip))
    if route is adms.Endpoint.GETREQUEST:
        return _text(receiver.adms_poll(device=device, info=request.GET.get("INFO", ""), ip=ip))
    if request.method == "GET":  # cdata: the handshake, or a plain check
        if "options" in request.GET:
            return _text(receiver.adms_handshake(device=device, ip=ip))
        return _text(receiver.adms_ping(device=device, ip=ip))
    raw = _read_body(request)
    if raw is None:
        return _text("FAIL", 413)
    body = adms.decode_body(raw)
    if route is adms.Endpoint.DEVICECMD:
        receiver.adms_command_results(device=device, body=body, ip=ip)
        return _text("OK")
    answer = receiver.adms_upload(
        device=device,
        table=request.GET.get("table", "ATTLOG"),
        stamp=request.GET.get("Stamp", "") or request.GET.get("stamp", ""),
        body=body,
        ip=ip,
    )
    return _text(answer.reply)
