from django.urls import path

from rathausnetz.web import views

app_name = "web"
urlpatterns = [
    path("", views.start, name="start"),
    path("quellen/", views.quellen, name="quellen"),
    path("barrierefreiheit/", views.barrierefreiheit, name="barrierefreiheit"),
]
