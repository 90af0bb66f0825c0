"""Devices API: the registry, its command queue and the PIN map; the same services and selectors as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from pamong.access.roles import ATTENDANCE_VIEW
from pamong.core.api.schema import errors
from pamong.core.api.viewsets import ScopedViewSet
from pamong.org.models import OrgUnit
from pamong.people.models import Employee

from ..models import Device, DeviceCommand, DevicePin
from ..selectors import devices as selectors
from ..services import device_pins
from ..services import devices as services

# ------------------------------------------------------------------------------------------ serializers --


class DeviceSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_unit_name = serializers.CharField(source="org_unit.name", read_only=True)
    pending = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Device
        fields = [
            "id",
            "serial_number",
            "name",
            "location",
            "org_unit",
            "org_unit_name",
            "is_allowed",
            "last_seen_at",
            "last_ip",
            "firmware",
            "clock_drift_seconds",
            "drift_flagged",
            "attlog_stamp",
            "pending",
        ]
        read_only_fields = fields


class CommandSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = DeviceCommand
        fields = [
            "id",
            "command_id",
            "text",
            "purpose",
            "status",
            "return_code",
            "result",
            "sent_at",
            "done_at",
            "created_at",
        ]
        read_only_fields = fields


class PinSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    employee_name = serializers.CharField(source="employee.name", read_only=True)
    employee_nip = serializers.CharField(source="employee.nip", read_only=True)
    org_unit = serializers.IntegerField(source="employee.org_unit_id", read_only=True)

    class Meta:
        model = DevicePin
        fields = ["id", "pin", "employee", "employee_name", "employee_nip", "org_unit"]
        read_only_fields = fields


class DeviceInput(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = serializers.IntegerField()
    serial_number = serializers.CharField(max_length=64)
    name = serializers.CharField(max_length=120, allow_blank=True)
    location = serializers.CharField(max_length=200, allow_blank=True, default="")


class DeviceUpdateInput(serializers.Serializer):  # type: ignore[type-arg]
    org_unit = serializers.IntegerField(required=False)
    name = serializers.CharField(max_length=120, allow_blank=True, required=False)
    location = serializers.CharField(max_length=200, allow_blank=True, required=False)
    is_allowed = serializers.BooleanField(required=False)
    reason = serializers.CharField(max_length=500, allow_blank=True, default="")


class CommandInput(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.CharField(max_length=40)
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.CharField(allow_blank=True, max_length=64), default=dict
    )
    purpose = serializers.CharField(max_length=200, allow_blank=True, default="")


class PinInput(serializers.Serializer):  # type: ignore[type-arg]
    employee = serializers.IntegerField()
    pin = serializers.CharField(max_length=24)


class ListFilter(serializers.Serializer):  # type: ignore[type-arg]
    q = serializers.CharField(required=False, allow_blank=True, default="")
    org_unit = serializers.IntegerField(required=False)


def _unit(actor: Any, pk: int) -> OrgUnit:
    unit = OrgUnit.objects.visible_to(actor, ATTENDANCE_VIEW).filter(pk=pk).first()
    if unit is None:
        raise ValidationError({"org_unit": ["Unit tidak ditemukan."]})
    return unit  # type: ignore[no-any-return]


# -------------------------------------------------------------------------------------------- viewsets --


class DeviceViewSet(ScopedViewSet):
    """Devices of the units in sight (``attendance.view`` over a unit); writes need ``attendance.manage``."""

    model = Device
    view_action = ATTENDANCE_VIEW
    serializer_class = DeviceSerializer
    lookup_value_regex = r"\d+"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not selectors.sees_devices(request.user):
            raise PermissionDenied("Anda tidak berwenang melihat mesin presensi.")

    def base_queryset(self) -> QuerySet[Device]:
        return Device.objects.select_related("org_unit", "tenant")

    @extend_schema(
        summary="List devices with last contact, clock drift and pending commands",
        parameters=[ListFilter],
        responses={200: DeviceSerializer(many=True), **errors(401, 403)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(ListFilter)
        return self.render_page(selectors.device_list(actor=request.user, q=f["q"], org_unit_id=f.get("org_unit")))

    @extend_schema(summary="One device", responses={200: DeviceSerializer, **errors(401, 403, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Register a device by its serial (device_create)",
        request=DeviceInput,
        responses={201: DeviceSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(DeviceInput)
        device = services.device_create(
            actor=request.user,
            org_unit=_unit(request.user, d["org_unit"]),
            serial_number=d["serial_number"],
            name=d["name"],
            location=d["location"],
        )
        return self.render(device, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Rename, move, allow or block a device (device_update, device_set_allowed)",
        request=DeviceUpdateInput,
        responses={200: DeviceSerializer, **errors(400, 401, 403, 404)},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        device = self.get_object()
        d = self.parse(DeviceUpdateInput)
        if {"org_unit", "name", "location"} & d.keys():
            device = services.device_update(
                actor=request.user,
                device=device,
                org_unit=_unit(request.user, d["org_unit"]) if "org_unit" in d else device.org_unit,
                name=d.get("name", device.name),
                location=d.get("location", device.location),
                reason=d["reason"],
            )
        if "is_allowed" in d:
            device = services.device_set_allowed(
                actor=request.user, device=device, is_allowed=d["is_allowed"], reason=d["reason"]
            )
        return self.render(self.get_queryset().get(pk=device.pk))

    @extend_schema(
        methods=["GET"],
        summary="The device's commands, newest first",
        responses={200: CommandSerializer(many=True), **errors(401, 403, 404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Queue a command for the device's next poll (command_queue)",
        request=CommandInput,
        responses={201: CommandSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get", "post"])
    def commands(self, request: Request, pk: str | None = None) -> Response:
        device = self.get_object()
        if request.method == "GET":
            return self.render_page(selectors.commands_of(device=device), CommandSerializer)
        d = self.parse(CommandInput)
        command = services.command_queue(
            actor=request.user, device=device, kind=d["kind"], fields=d["fields"], purpose=d["purpose"]
        )
        return self.render(command, CommandSerializer, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Cancel a queued command (command_cancel)",
        request=None,
        responses={200: CommandSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path=r"commands/(?P<command_pk>\d+)/cancel")
    def cancel_command(self, request: Request, pk: str | None = None, command_pk: str | None = None) -> Response:
        device = self.get_object()
        command = DeviceCommand.objects.filter(device=device, pk=int(command_pk or 0)).first()
        if command is None:
            raise NotFound("Perintah tidak ditemukan.")
        return self.render(services.command_cancel(actor=request.user, command=command), CommandSerializer)


class DevicePinViewSet(ScopedViewSet):
    """The PIN map as far as the caller sees staff attendance (their own PIN at least)."""

    model = DevicePin
    view_action = ATTENDANCE_VIEW
    serializer_class = PinSerializer
    lookup_value_regex = r"\d+"

    def base_queryset(self) -> QuerySet[DevicePin]:
        return DevicePin.objects.select_related("employee__org_unit")

    @extend_schema(
        summary="List device PINs",
        parameters=[ListFilter],
        responses={200: PinSerializer(many=True), **errors(401)},
    )
    def list(self, request: Request) -> Response:
        f = self.parse_query(ListFilter)
        return self.render_page(selectors.pin_list(actor=request.user, q=f["q"], org_unit_id=f.get("org_unit")))

    @extend_schema(summary="One PIN", responses={200: PinSerializer, **errors(401, 404)})
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self.render(self.get_object())

    @extend_schema(
        summary="Set (or change) an employee's PIN; kept punches of that PIN are attached (pin_set)",
        request=PinInput,
        responses={201: PinSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        d = self.parse(PinInput)
        # Out of sight is "not found" and in sight but not managed "forbidden": the service's authorize decides.
        employee = Employee.objects.select_related("org_unit").filter(pk=d["employee"]).first()
        if employee is None:
            raise ValidationError({"employee": ["Pegawai tidak ditemukan."]})
        pin = device_pins.pin_set(actor=request.user, employee=employee, pin=d["pin"])
        return self.render(
            DevicePin.objects.select_related("employee").get(pk=pin.pk), status_code=status.HTTP_201_CREATED
        )
