from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pamong.reports"
    verbose_name = "Laporan berkala"
