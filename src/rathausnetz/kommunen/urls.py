from django.urls import path

from rathausnetz.kommunen import views

app_name = "kommunen"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("statistik/", views.statistik_view, name="statistik"),
    path("<str:ags>/", views.detail, name="detail"),
    path("<str:ags>/aktivieren/", views.aktivieren, name="aktivieren"),
]
