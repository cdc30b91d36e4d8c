from django.urls import path

from rathausnetz.kommunen import views

app_name = "kommunen"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("statistik/", views.statistik_view, name="statistik"),
    path("mandant-aktivieren/", views.aktivieren, name="aktivieren"),
    path("<str:ags>/", views.detail, name="detail"),
]
