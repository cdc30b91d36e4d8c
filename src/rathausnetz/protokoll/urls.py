from django.urls import path

from rathausnetz.protokoll import views

app_name = "protokoll"
urlpatterns = [path("", views.liste, name="liste")]
