from django.urls import path  # noqa: F401

app_name = "veranstaltungen"
urlpatterns: list = []
