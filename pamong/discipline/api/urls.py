"""Routes of the discipline API (/api/discipline/...), one module per sub-domain."""

from . import cases_urls, ladder_urls, supervision_urls

urlpatterns = [*ladder_urls.urlpatterns, *cases_urls.urlpatterns, *supervision_urls.urlpatterns]
