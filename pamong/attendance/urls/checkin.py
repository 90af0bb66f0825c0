"""Routes: the check-in page (PWA) with its service worker and manifest (it posts to the check-in API);
geofences; anomalies."""

from django.urls import URLPattern, URLResolver, path

from ..views import anomalies, checkin

urlpatterns: list[URLPattern | URLResolver] = [
    path("absen/", checkin.CheckinPageView.as_view(), name="checkin"),
    path("absen/sw.js", checkin.service_worker, name="checkin_sw"),
    path("absen/manifest.webmanifest", checkin.manifest, name="checkin_manifest"),
    path("titik-lokasi/", checkin.GeofenceListView.as_view(), name="geofence_list"),
    path("titik-lokasi/tambah/", checkin.GeofenceCreateView.as_view(), name="geofence_create"),
    path("titik-lokasi/<int:pk>/ubah/", checkin.GeofenceUpdateView.as_view(), name="geofence_update"),
    path("titik-lokasi/<int:pk>/status/", checkin.GeofenceToggleView.as_view(), name="geofence_toggle"),
    path("anomali/", anomalies.AnomalyListView.as_view(), name="anomaly_list"),
    path("anomali/<int:pk>/tinjau/", anomalies.AnomalyReviewView.as_view(), name="anomaly_review"),
]
