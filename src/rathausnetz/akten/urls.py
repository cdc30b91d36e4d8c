from django.urls import path

from rathausnetz.akten import views

app_name = "akten"
urlpatterns = [
    path("", views.uebersicht, name="uebersicht"),
    path("neu/", views.akte_neu, name="akte_neu"),
    path("<int:pk>/", views.akte_detail, name="akte"),
    path("<int:pk>/bearbeiten/", views.akte_bearbeiten, name="akte_bearbeiten"),
    path("<int:pk>/schliessen/", views.akte_schliessen, name="akte_schliessen"),
    path("<int:pk>/oeffnen/", views.akte_oeffnen, name="akte_oeffnen"),
    path("<int:pk>/freigeben/", views.akte_freigeben, name="akte_freigeben"),
    path(
        "<int:pk>/freigaben/<int:organisation_id>/entziehen/",
        views.akte_freigabe_entziehen,
        name="freigabe_entziehen",
    ),
    path("<int:pk>/vorgang/", views.vorgang_neu, name="vorgang_neu"),
    path("vorgang/<int:pk>/", views.vorgang_detail, name="vorgang"),
    path("vorgang/<int:pk>/hochladen/", views.hochladen, name="hochladen"),
    path("vorgang/<int:pk>/zda/", views.vorgang_zda, name="vorgang_zda"),
    path("vorgang/<int:pk>/wieder/", views.vorgang_wieder, name="vorgang_wieder"),
    path("vorgang/<int:pk>/verschieben/", views.vorgang_verschieben, name="vorgang_verschieben"),
    path("vorgang/<int:pk>/wiedervorlage/", views.wiedervorlage_neu, name="wiedervorlage_neu"),
    path("wiedervorlage/<int:pk>/erledigt/", views.wiedervorlage_erledigt, name="wiedervorlage_erledigt"),
    path("dokument/<int:pk>/", views.dokument_detail, name="dokument"),
    path("dokument/<int:pk>/datei/<int:nummer>/", views.datei, name="datei"),
    path("dokument/<int:pk>/vorschau/<int:nummer>/", views.vorschau, name="vorschau"),
    path("dokument/<int:pk>/version/", views.version_neu, name="version_neu"),
    path("dokument/<int:pk>/verschieben/", views.dokument_verschieben, name="dokument_verschieben"),
    path("wiedervorlagen/", views.wiedervorlagen, name="wiedervorlagen"),
    path("aussonderung/", views.aussonderung, name="aussonderung"),
    path("aktenplan/", views.aktenplan_editor, name="aktenplan"),
    path("aktenplan/<int:pk>/", views.aktenplan_eintrag, name="aktenplan_eintrag"),
    path("aktenplan/export/", views.aktenplan_export, name="aktenplan_export"),
    path("aktenplan/import/", views.aktenplan_import, name="aktenplan_import"),
    path("aktenplan/muster/", views.aktenplan_muster, name="aktenplan_muster"),
]
