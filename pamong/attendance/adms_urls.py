"""The ZKTeco push (ADMS/iclock) endpoints, mounted at /iclock/ outside the login wall (owned by views.adms)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
