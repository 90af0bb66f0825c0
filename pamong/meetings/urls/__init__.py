"""Meetings pages under /rapat/, one route module per sub-domain."""

from . import actions, directives, meetings

app_name = "meetings"

urlpatterns = [*meetings.urlpatterns, *actions.urlpatterns, *directives.urlpatterns]
