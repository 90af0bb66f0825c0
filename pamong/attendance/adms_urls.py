"""The ZKTeco push (ADMS/iclock) endpoints, mounted at /iclock/ outside the login wall (owned by views.adms).

``cdata``, ``getrequest``, ``devicecmd`` and ``ping``, each also with the ``.aspx`` suffix some eSSL firmware
calls and with a trailing slash (``rules.adms.route``).
"""

from django.urls import URLPattern, URLResolver, re_path

from .views.adms import iclock

urlpatterns: list[URLPattern | URLResolver] = [
    re_path(r"^(?P<endpoint>cdata|getrequest|devicecmd|ping)(?:\.aspx)?/?$", iclock, name="adms-iclock"),
]
