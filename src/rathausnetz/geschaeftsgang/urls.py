from django.urls import path

from rathausnetz.geschaeftsgang import views

app_name = "geschaeftsgang"
urlpatterns = [
    path("", views.aufgaben, name="aufgaben"),
    path("<id:pk>/", views.aufgabe, name="aufgabe"),
    path("<id:pk>/erledigen/", views.erledigen, name="erledigen"),
    path("<id:pk>/zurueckgeben/", views.zurueckgeben, name="zurueckgeben"),
    path("<id:pk>/weiterleiten/", views.weiterleiten, name="weiterleiten"),
    path("<id:pk>/erneut-vorlegen/", views.erneut_vorlegen, name="erneut_vorlegen"),
    path("vorgang/<id:pk>/verfuegung/", views.verfuegung_starten, name="verfuegung_starten"),
    path("verfuegung/<id:pk>/", views.verfuegung, name="verfuegung"),
    path("einstellungen/", views.einstellungen, name="einstellungen"),
    path("vertretung/<id:pk>/loeschen/", views.vertretung_loeschen, name="vertretung_loeschen"),
    path("vorlagen/", views.vorlagen_liste, name="vorlagen"),
    path("vorlagen/neu/", views.vorlage_bearbeiten, name="vorlage_neu"),
    path("vorlagen/<id:pk>/", views.vorlage_bearbeiten, name="vorlage"),
    path("vorlagen/<id:pk>/deaktivieren/", views.vorlage_deaktivieren, name="vorlage_deaktivieren"),
]
