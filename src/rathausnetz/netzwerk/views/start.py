"""The network's start page: figures, the map of reached municipalities, and the ways in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rathausnetz.netzwerk.models import Kurs, Praxisbeispiel
from rathausnetz.netzwerk.models.kurse import Veroeffentlichung
from rathausnetz.netzwerk.services.kennzahlen import kennzahlen, netzwerkkarte
from rathausnetz.netzwerk.views._hilfen import ist_staff


def start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "netzwerk/start.html",
        {
            "k": kennzahlen(),
            "karte": netzwerkkarte(),
            "kurse": Kurs.objects.filter(status=Veroeffentlichung.VEROEFFENTLICHT).order_by("titel")[:5],
            "beispiele": Praxisbeispiel.objects.filter(status=Veroeffentlichung.VEROEFFENTLICHT).order_by(
                "-veroeffentlicht_am", "titel"
            )[:5],
            "staff": ist_staff(request),
        },
    )
