from django.urls import include, path

from rathausnetz.austausch import views

app_name = "austausch"
urlpatterns = [
    path("", views.uebersicht, name="uebersicht"),
    path("import/", views.importieren, name="import"),
    path("nachrichten/<int:pk>/", views.nachricht_datei, name="nachricht_datei"),
    path("akten/<int:pk>/abgabe/", views.abgabe, name="abgabe"),
    path("aktenplan/", views.aktenplan_export, name="aktenplan_export"),
    path("aussonderung/", include("rathausnetz.austausch.urls_aussonderung")),
]
