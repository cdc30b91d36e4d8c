from django.urls import path

from rathausnetz.eingang import views

app_name = "eingang"

urlpatterns = [
    path("", views.korb, name="korb"),
    path("einstellungen/", views.einstellungen, name="einstellungen"),
    path("einstellungen/<str:art>/<int:pk>/entfernen/", views.entfernen, name="entfernen"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/zeile/", views.zeile, name="zeile"),
    path("<int:pk>/verwerfen/", views.verwerfen, name="verwerfen"),
    path("<int:pk>/teilen/", views.teilen, name="teilen"),
    path("<int:pk>/wiederholen/", views.wiederholen, name="wiederholen"),
    path("<int:pk>/datei/", views.datei, name="datei"),
    path("<int:pk>/vorschau/", views.vorschau, name="vorschau"),
]
