"""Start page (dashboard), static information pages and the German error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rathausnetz.kommunen.models import Kommune, Land, Organisation
from rathausnetz.zugang.rechte import Recht, Rolle


@login_required
def start(request: HttpRequest) -> HttpResponse:
    zugriff = request.zugriff
    organisation = (
        Organisation.objects.filter(pk=zugriff.organisation_id).prefetch_related("kommunen").first()
        if zugriff.organisation_id
        else None
    )
    kommunen = []
    if organisation is not None:
        kommunen = list(
            organisation.kommunen.select_related("kreis", "gemeindeverband__sitzgemeinde").order_by("name")
        )
    nachbarn = []
    if len(kommunen) == 1:
        nachbarn = list(kommunen[0].nachbarschaften.select_related("nachbar").order_by("nachbar_name"))
    verbandsmitglieder = []
    if len(kommunen) == 1 and kommunen[0].gemeindeverband and kommunen[0].gemeindeverband.ist_verband:
        verbandsmitglieder = list(kommunen[0].gemeindeverband.mitglieder.order_by("name"))
    landesueberblick = None
    if zugriff.hat_rolle(Rolle.SERVICESTELLE_IKZ) or zugriff.hat_rolle(Rolle.DIGITAL_LOTSE):
        landesueberblick = Land.objects.annotate(
            anzahl=Count("kommunen", filter=Q(kommunen__aktiv=True)),
            klein=Count("kommunen", filter=Q(kommunen__aktiv=True, kommunen__einwohner__lt=5000)),
            einwohner=Sum("kommunen__einwohner", filter=Q(kommunen__aktiv=True)),
        ).order_by("code")
    faelligkeit = None
    if organisation is not None:
        from rathausnetz.akten.services.vorgaenge import meine_wiedervorlagen, nach_faelligkeit

        faelligkeit = nach_faelligkeit(meine_wiedervorlagen(zugriff))
    return render(
        request,
        "web/start.html",
        {
            "faelligkeit": faelligkeit,
            "organisation": organisation,
            "kommunen": kommunen,
            "nachbarn": nachbarn,
            "verbandsmitglieder": verbandsmitglieder,
            "landesueberblick": landesueberblick,
            "mandanten_anzahl": Organisation.objects.filter(aktiv=True).count() if landesueberblick else None,
            "rollen": [Rolle(r).label for r in sorted(zugriff.rollen)],
            "darf_verwalten": zugriff.darf(Recht.ORGANISATION_VERWALTEN),
        },
    )


def quellen(request: HttpRequest) -> HttpResponse:
    from rathausnetz.kommunen.services.register import DATEN

    stand = (DATEN / "stand.json").read_text(encoding="utf-8")
    return render(request, "web/quellen.html", {"stand": stand, "anzahl": Kommune.objects.count()})


def barrierefreiheit(request: HttpRequest) -> HttpResponse:
    return render(request, "web/barrierefreiheit.html")


def fehler_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/fehler.html",
        {
            "code": 404,
            "titel": "Seite nicht gefunden",
            "text": "Diese Seite gibt es nicht, oder sie ist für Sie nicht sichtbar.",
        },
        status=404,
    )


def fehler_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    text = (
        str(exception) if exception and str(exception) else "Für diese Aktion fehlt Ihnen die Berechtigung."
    )
    return render(
        request,
        "web/fehler.html",
        {"code": 403, "titel": "Keine Berechtigung", "text": text},
        status=403,
    )


def fehler_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/fehler.html",
        {"code": 400, "titel": "Ungültige Anfrage", "text": "Die Anfrage konnte nicht verarbeitet werden."},
        status=400,
    )


def fehler_500(request: HttpRequest) -> HttpResponse:
    # Deliberately without the base layout: it must render even when the database is down.
    return render(request, "web/fehler_500.html", status=500)


def csrf_fehler(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "web/fehler.html",
        {
            "code": 403,
            "titel": "Sitzung abgelaufen",
            "text": "Das Formular war zu alt oder kam nicht von dieser Seite. Bitte laden Sie die Seite neu "
            "und versuchen Sie es noch einmal.",
        },
        status=403,
    )
