"""Routes of the meetings API (/api/meetings/...), one module per sub-domain."""

from . import actions_urls, directives_urls, meetings_urls

urlpatterns = [*meetings_urls.urlpatterns, *actions_urls.urlpatterns, *directives_urls.urlpatterns]
