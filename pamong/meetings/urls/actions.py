"""Meetings pages: actions (filled by its sub-domain)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
