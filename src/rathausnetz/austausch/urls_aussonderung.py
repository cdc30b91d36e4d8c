"""Aussonderung pages under ``/austausch/aussonderung/`` (namespace ``austausch``)."""

from django.urls import path

from rathausnetz.austausch import views_aussonderung as views

urlpatterns = [
    path("", views.start, name="aussonderung_start"),
    path("<int:pk>/", views.verfahren, name="aussonderung_verfahren"),
    path("<int:pk>/0501/", views.anbieteverzeichnis, name="aussonderung_0501"),
    path("<int:pk>/0503/", views.aussondern, name="aussonderung_0503"),
    path("<int:pk>/nachricht/<str:typ>/", views.nachricht, name="aussonderung_nachricht"),
    path("<int:pk>/hochladen/", views.hochladen, name="aussonderung_hochladen"),
    path("<int:pk>/vernichten/", views.vernichten, name="aussonderung_vernichten"),
    path("<int:pk>/protokoll/", views.protokoll, name="aussonderung_protokoll"),
    path("akten/<int:akte_pk>/loeschsperre/", views.loeschsperre, name="aussonderung_loeschsperre"),
]
