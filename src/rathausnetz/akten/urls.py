from django.urls import path

from rathausnetz.akten import views

app_name = "akten"
urlpatterns = [
    path("", views.uebersicht, name="uebersicht"),
    path("neu/", views.akte_neu, name="akte_neu"),
    path("<id:pk>/", views.akte_detail, name="akte"),
    path("<id:pk>/bearbeiten/", views.akte_bearbeiten, name="akte_bearbeiten"),
    path("<id:pk>/dokumente/", views.akte_dokumente, name="akte_dokumente"),
    path("<id:pk>/schliessen/", views.akte_schliessen, name="akte_schliessen"),
    path("<id:pk>/oeffnen/", views.akte_oeffnen, name="akte_oeffnen"),
    path("<id:pk>/freigeben/", views.akte_freigeben, name="akte_freigeben"),
    path(
        "<id:pk>/freigaben/<id:organisation_id>/entziehen/",
        views.akte_freigabe_entziehen,
        name="freigabe_entziehen",
    ),
    path("<id:pk>/vorgang/", views.vorgang_neu, name="vorgang_neu"),
    path("vorgang/<id:pk>/", views.vorgang_detail, name="vorgang"),
    path("vorgang/<id:pk>/hochladen/", views.hochladen, name="hochladen"),
    path("vorgang/<id:pk>/zda/", views.vorgang_zda, name="vorgang_zda"),
    path("vorgang/<id:pk>/wieder/", views.vorgang_wieder, name="vorgang_wieder"),
    path("vorgang/<id:pk>/verschieben/", views.vorgang_verschieben, name="vorgang_verschieben"),
    path("vorgang/<id:pk>/wiedervorlage/", views.wiedervorlage_neu, name="wiedervorlage_neu"),
    path("wiedervorlage/<id:pk>/erledigt/", views.wiedervorlage_erledigt, name="wiedervorlage_erledigt"),
    path("dokument/<id:pk>/", views.dokument_detail, name="dokument"),
    path("dokument/<id:pk>/datei/<id:nummer>/", views.datei, name="datei"),
    path("dokument/<id:pk>/vorschau/<id:nummer>/", views.vorschau, name="vorschau"),
    path("dokument/<id:pk>/version/", views.version_neu, name="version_neu"),
    path("dokument/<id:pk>/verschieben/", views.dokument_verschieben, name="dokument_verschieben"),
    path("wiedervorlagen/", views.wiedervorlagen, name="wiedervorlagen"),
    path("aussonderung/", views.aussonderung, name="aussonderung"),
    path("einstellungen/", views.einstellungen, name="einstellungen"),
    path("aktenplan/", views.aktenplan_editor, name="aktenplan"),
    path("aktenplan/<id:pk>/", views.aktenplan_eintrag, name="aktenplan_eintrag"),
    path("aktenplan/export/", views.aktenplan_export, name="aktenplan_export"),
    path("aktenplan/import/", views.aktenplan_import, name="aktenplan_import"),
    path("aktenplan/muster/", views.aktenplan_muster, name="aktenplan_muster"),
]
