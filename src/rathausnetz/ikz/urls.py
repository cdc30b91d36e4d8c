from django.urls import path

from rathausnetz.ikz.views import katalog, kooperationen, werkzeuge

app_name = "ikz"
urlpatterns = [
    path("", kooperationen.uebersicht, name="uebersicht"),
    path("kooperationen/neu/", kooperationen.anlegen, name="anlegen"),
    path("kooperationen/<int:pk>/", kooperationen.detail, name="kooperation"),
    path("kooperationen/<int:pk>/bearbeiten/", kooperationen.bearbeiten, name="bearbeiten"),
    path("kooperationen/<int:pk>/akte/", kooperationen.akte_anlegen, name="akte_anlegen"),
    path("kooperationen/<int:pk>/ust/neu/", werkzeuge.ust_neu, name="ust_neu"),
    path("kooperationen/<int:pk>/ust/vorschau/", werkzeuge.ust_vorschau, name="ust_vorschau"),
    path("kooperationen/<int:pk>/umlage/neu/", werkzeuge.umlage_neu, name="umlage_neu"),
    path("ust/<int:pk>/", werkzeuge.ust_detail, name="ust"),
    path("ust/<int:pk>/pdf/", werkzeuge.ust_pdf, name="ust_pdf"),
    path("umlage/<int:pk>/", werkzeuge.umlage_detail, name="umlage"),
    path("umlage/<int:pk>/csv/", werkzeuge.umlage_csv, name="umlage_csv"),
    path("umlage/<int:pk>/pdf/", werkzeuge.umlage_pdf, name="umlage_pdf"),
    path("fachverfahren/", kooperationen.fachverfahren, name="fachverfahren"),
    path("portfolio/", kooperationen.portfolio_seite, name="portfolio"),
    path("partnersuche/", werkzeuge.partner, name="partnersuche"),
    path("rechtsformen/", katalog.rechtsformen, name="rechtsformen"),
    path("modelle/", katalog.modellkatalog, name="modelle"),
    path("modelle/<slug:code>/", katalog.modell, name="modell"),
    path("modelle/<slug:code>/bearbeiten/", katalog.modell_bearbeiten, name="modell_bearbeiten"),
    path("karte/", katalog.karte, name="karte"),
    path("statistik/", katalog.statistik_seite, name="statistik"),
]
