from django.contrib import admin
from django.urls import include, path

import rathausnetz.web.konverter  # noqa: F401  (registers <id:…>)
from rathausnetz.api import api
from rathausnetz.zugang.urls import auth_urlpatterns

admin.site.site_header = "Rathausnetz – Betrieb"
admin.site.site_title = "Rathausnetz"

# The API comes first: it answers the most requests (and a rush of registrations), and Django
# tries the patterns in order, through every included app before it.
urlpatterns = [
    path("api/", api.urls),
    path("", include("rathausnetz.web.urls")),
    path("", include(auth_urlpatterns)),
    path("", include("rathausnetz.zugang.urls")),
    path("kommunen/", include("rathausnetz.kommunen.urls")),
    path("protokoll/", include("rathausnetz.protokoll.urls")),
    path("akten/", include("rathausnetz.akten.urls")),
    path("suche/", include("rathausnetz.suche.urls")),
    path("posteingang/", include("rathausnetz.eingang.urls")),
    path("aufgaben/", include("rathausnetz.geschaeftsgang.urls")),
    path("austausch/", include("rathausnetz.austausch.urls")),
    path("ikz/", include("rathausnetz.ikz.urls")),
    path("netzwerk/", include("rathausnetz.netzwerk.urls")),
    path("veranstaltungen/", include("rathausnetz.veranstaltungen.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "rathausnetz.web.views.fehler_400"
handler403 = "rathausnetz.web.views.fehler_403"
handler404 = "rathausnetz.web.views.fehler_404"
handler500 = "rathausnetz.web.views.fehler_500"
