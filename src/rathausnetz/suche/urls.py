from django.urls import path

from rathausnetz.suche import views

app_name = "suche"

urlpatterns = [path("", views.suche, name="suche")]
