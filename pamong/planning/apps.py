from django.apps import AppConfig


class PlanningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pamong.planning"
    verbose_name = "Perencanaan"
