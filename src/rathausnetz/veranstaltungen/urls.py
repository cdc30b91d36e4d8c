from django.urls import path

from rathausnetz.veranstaltungen.views import oeffentlich, verwaltung

app_name = "veranstaltungen"
urlpatterns = [
    path("", oeffentlich.liste, name="liste"),
    path("neu/", verwaltung.neu, name="neu"),
    path("<int:pk>/", oeffentlich.detail, name="detail"),
    path("<int:pk>/anmelden/", oeffentlich.anmelden, name="anmelden"),
    path("<int:pk>/kalender.ics", oeffentlich.ics, name="ics"),
    path("<int:pk>/statistik/", oeffentlich.statistik_veranstaltung, name="statistik"),
    path("<int:pk>/bearbeiten/", verwaltung.bearbeiten, name="bearbeiten"),
    path("<int:pk>/teilnehmende/", verwaltung.teilnehmende, name="teilnehmende"),
    path("<int:pk>/teilnehmende.<str:format>", verwaltung.export, name="export"),
    path("<int:pk>/checkin/", verwaltung.checkin, name="checkin"),
    path("<int:pk>/checkin/<int:anmeldung_id>/", verwaltung.checkin_setzen, name="checkin_setzen"),
    path(
        "<int:pk>/bescheinigung/<int:anmeldung_id>/",
        verwaltung.bescheinigung,
        name="bescheinigung_verwaltung",
    ),
    path(
        "anmeldung/<int:anmeldung_id>/<str:token>/bestaetigen/", oeffentlich.bestaetigen, name="bestaetigen"
    ),
    path("anmeldung/<int:anmeldung_id>/<str:token>/stornieren/", oeffentlich.stornieren, name="stornieren"),
    path(
        "anmeldung/<int:anmeldung_id>/<str:token>/bescheinigung/",
        oeffentlich.bescheinigung,
        name="bescheinigung",
    ),
    path("statistik/", oeffentlich.statistik_aktuell, name="statistik_aktuell"),
    path("statistik/<int:jahr>/", oeffentlich.statistik_jahr, name="statistik_jahr"),
    path("presse/", oeffentlich.presse_liste, name="presse"),
    path("presse/neu/", verwaltung.presse_neu, name="presse_neu"),
    path("presse/<int:pk>/", oeffentlich.pressemitteilung, name="pressemitteilung"),
    path("presse/<int:pk>/pdf/", oeffentlich.pressemitteilung_pdf, name="pressemitteilung_pdf"),
    path("presse/<int:pk>/bearbeiten/", verwaltung.presse_bearbeiten, name="presse_bearbeiten"),
    path(
        "presse/<int:pk>/veroeffentlichen/",
        verwaltung.presse_veroeffentlichen,
        name="presse_veroeffentlichen",
    ),
]
