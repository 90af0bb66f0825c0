"""The tenant's performance rules page and service: read by every reader of performance, changed by the planner."""

import pytest
from django.urls import reverse

from pamong.core.errors import Forbidden, NotFoundError, ValidationFailed
from pamong.core.models import AuditEvent, Tenant
from pamong.core.testing.matrix import check_matrix
from pamong.core.testing.personas import expectations
from pamong.performance import services
from pamong.performance.forms import SettingsForm
from pamong.performance.models import ScoreRefresh
from pamong.performance.rules.config import PerformanceRules

from .test_views import PERFORMANCE

pytestmark = pytest.mark.django_db
URL = "/kinerja/pengaturan/"


def form_data(**changes):
    data = SettingsForm.initial_from(PerformanceRules().to_mapping())
    data.update(reason="Perbup 12/2026", **changes)
    return {k: v for k, v in data.items() if v is not None}


def test_settings_matrix(cast):
    assert reverse("performance:settings") == URL
    check_matrix(
        cast, "get", URL, expectations(403, anonymous=302, other_tenant=200, **dict.fromkeys(PERFORMANCE, 200))
    )
    posted = expectations(403, anonymous=302, planner=302)
    check_matrix(cast, "post", URL, posted, data=form_data(cap_percent="120"), content_type=None)


def test_the_planner_changes_the_rules_and_scores_are_rebuilt(cast, scenario, django_capture_on_commit_callbacks):
    client = cast.client_for("planner")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(cap_percent="120", green_from="92,5", reminder_days_before="5, 1"))
    assert response.status_code == 302
    tenant = Tenant.objects.get(pk=cast.tenant.pk)
    rules = PerformanceRules.from_mapping(tenant.settings["performance"])
    assert (str(rules.cap_percent), str(rules.traffic_light.green_from), rules.reminder_days_before) == (
        "120",
        "92.5",
        (5, 1),
    )
    event = AuditEvent.objects.get(action="performance.settings.updated")
    assert event.reason == "Perbup 12/2026" and event.after["cap_percent"] == "120"
    assert ScoreRefresh.objects.filter(tenant=cast.tenant).exists()  # the refresh job ran on commit
    # the same values again change nothing and record nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(cap_percent="120", green_from="92,5", reminder_days_before="5, 1"))
    assert AuditEvent.objects.filter(action="performance.settings.updated").count() == 1
    html = cast.client_for("verifier").get(URL).content.decode()
    assert "92,5" in html and "disabled" in html and 'data-testid="submit"' not in html


def test_bad_values_are_named_and_nothing_is_saved(cast):
    client = cast.client_for("planner")
    response = client.post(URL, form_data(cap_percent="80", green_from="70", yellow_from="75", red_streak_periods="0"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "100%" in html and "Batas kuning" in html and "periode merah" in html
    response = client.post(URL, form_data(capaian_predicates="TINGGI | Tinggi\nRENDAH | Rendah | 0"))
    assert "KODE | Label | batas bawah" in response.content.decode()
    assert "performance" not in Tenant.objects.get(pk=cast.tenant.pk).settings


def test_the_service_refuses_others(cast):
    values = PerformanceRules().to_mapping()
    with pytest.raises(Forbidden):
        services.performance_settings_update(actor=cast.users["sekda"], values=values)
    with pytest.raises(NotFoundError):
        services.performance_settings_update(actor=cast.users["asn"], values=values)
    with pytest.raises(ValidationFailed) as info:
        services.performance_settings_update(actor=cast.users["planner"], values={"warna": "merah"})
    assert "warna" in info.value.field_errors
