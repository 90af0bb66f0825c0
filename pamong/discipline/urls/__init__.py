"""Discipline pages under /disiplin/, one route module per sub-domain."""

from . import cases, ladder, supervision

app_name = "discipline"

urlpatterns = [*ladder.urlpatterns, *cases.urlpatterns, *supervision.urlpatterns]
