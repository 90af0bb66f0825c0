"""Routes: device pages (registry, commands, refusals) and the PIN map."""

from django.urls import URLPattern, URLResolver, path

from ..views import devices as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("mesin/", views.DeviceListView.as_view(), name="device_list"),
    path("mesin/baru/", views.DeviceCreateView.as_view(), name="device_create"),
    path("mesin/ditolak/", views.RefusalListView.as_view(), name="device_refusals"),
    path("mesin/<int:pk>/", views.DeviceDetailView.as_view(), name="device_detail"),
    path("mesin/<int:pk>/ubah/", views.DeviceUpdateView.as_view(), name="device_update"),
    path("mesin/<int:pk>/izin/", views.DeviceAllowView.as_view(), name="device_allow"),
    path("mesin/<int:pk>/perintah/", views.CommandQueueView.as_view(), name="device_command"),
    path("mesin/perintah/<int:pk>/batal/", views.CommandCancelView.as_view(), name="device_command_cancel"),
    path("pin/", views.PinListView.as_view(), name="pin_list"),
    path("pin/atur/", views.PinSetView.as_view(), name="pin_set"),
    path("pin/nip/", views.PinDefaultView.as_view(), name="pin_default"),
]
