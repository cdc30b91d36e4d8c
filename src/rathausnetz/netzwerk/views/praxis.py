"""The best-practice library: search and read (published ones also for guests), record and edit
(staff), attachments (upload by staff, download for whoever sees the example)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from rathausnetz import speicher
from rathausnetz.ikz.models import Aufgabenbereich
from rathausnetz.kommunen.models import Kommune
from rathausnetz.netzwerk.forms.praxis import AnhangForm, PraxisForm
from rathausnetz.netzwerk.models import Anhang, Praxisbeispiel, Thema
from rathausnetz.netzwerk.services import praxis
from rathausnetz.netzwerk.services.reifegrad.fragebogen import DIMENSIONEN
from rathausnetz.netzwerk.views._hilfen import Loeschung, ist_staff, loeschen_bestaetigen, nur_netzwerk
from rathausnetz.zugang.forms import fehler_ins_formular


def liste(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()[:200]
    bereich = (request.GET.get("bereich") or "")[:40]
    thema = (request.GET.get("thema") or "")[:80]
    return render(
        request,
        "netzwerk/praxisbeispiele.html",
        {
            "treffer": praxis.suchen(q, bereich, thema),
            "q": q,
            "bereich": bereich,
            "thema": thema,
            "bereiche": Aufgabenbereich.objects.all(),
            "themen": Thema.objects.filter(praxisbeispiele__in=Praxisbeispiel.objects.all()).distinct(),
            "staff": ist_staff(request),
        },
    )


def _beispiel(pk: int) -> Praxisbeispiel:
    """The one lookup for pages: drafts exist only for staff."""
    return get_object_or_404(Praxisbeispiel, pk=pk)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    b = _beispiel(pk)
    return render(
        request,
        "netzwerk/praxisbeispiel.html",
        {
            "b": b,
            "anhaenge": list(b.anhaenge.all()),
            "dimensionen": [DIMENSIONEN[c] for c in b.dimensionen if c in DIMENSIONEN],
            "staff": ist_staff(request),
            "anhangform": AnhangForm(),
            "projekte": b.projekte.select_related("kommune"),
        },
    )


def _kommunenliste() -> list[tuple[str, str]]:
    return list(Kommune.objects.filter(aktiv=True).order_by("name").values_list("ags", "name"))


@nur_netzwerk
def neu(request: HttpRequest) -> HttpResponse:
    form = PraxisForm(request.POST or None, initial={"status": "entwurf"})
    if request.method == "POST" and form.is_valid():
        try:
            b = praxis.praxisbeispiel_anlegen(form.daten())
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, f"Praxisbeispiel „{b.titel}“ gespeichert.")
            return redirect(b.get_absolute_url())
    return render(
        request,
        "netzwerk/praxisbeispiel_form.html",
        {"form": form, "titel": "Praxisbeispiel erfassen", "kommunen": _kommunenliste()},
    )


@nur_netzwerk
def bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    b = _beispiel(pk)
    form = PraxisForm(request.POST or None, initial=PraxisForm.initial_von(praxis.daten_von(b)))
    if request.method == "POST" and form.is_valid():
        try:
            praxis.praxisbeispiel_aendern(b, form.daten())
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, "Änderungen gespeichert.")
            return redirect(b.get_absolute_url())
    return render(
        request,
        "netzwerk/praxisbeispiel_form.html",
        {"form": form, "titel": f"{b.titel} bearbeiten", "b": b, "kommunen": _kommunenliste()},
    )


@nur_netzwerk
@require_POST
def anhang_neu(request: HttpRequest, pk: int) -> HttpResponse:
    b = _beispiel(pk)
    form = AnhangForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(m for fehler in form.errors.values() for m in fehler))
        return redirect(b.get_absolute_url())
    datei = form.cleaned_data["datei"]
    try:
        anhang = praxis.anhang_hochladen(b, datei, datei.name, form.cleaned_data["beschreibung"])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"„{anhang.dateiname}“ hinzugefügt.")
    return redirect(b.get_absolute_url())


def anhang(request: HttpRequest, pk: int) -> HttpResponse:
    a = get_object_or_404(Anhang, pk=pk)
    try:
        datei = speicher.oeffnen(a.sha256)
    except FileNotFoundError:
        return render(
            request,
            "web/fehler.html",
            {
                "code": 410,
                "titel": "Datei fehlt",
                "text": "Die Datei dieses Anhangs ist nicht mehr vorhanden.",
            },
            status=410,
        )
    antwort = FileResponse(datei, as_attachment=True, filename=a.dateiname, content_type=a.mime_typ)
    antwort["X-Content-Type-Options"] = "nosniff"
    return antwort


@nur_netzwerk
def loeschen(request: HttpRequest, pk: int) -> HttpResponse:
    b = _beispiel(pk)
    anzahl = b.anhaenge.count()
    return loeschen_bestaetigen(
        request,
        Loeschung(
            was=f"das Praxisbeispiel „{b.titel}“",
            ausfuehren=lambda: praxis.praxisbeispiel_loeschen(b),
            ziel=reverse("netzwerk:praxisbeispiele"),
            zurueck=b.get_absolute_url(),
            grund=praxis.praxisbeispiel_loeschbar(b),
            folgen=[f"{anzahl} Anhänge werden entfernt; die gespeicherten Dateien selbst bleiben im Archiv."]
            if anzahl
            else [],
            archivieren_url=""
            if b.status == "archiviert"
            else reverse("netzwerk:praxisbeispiel_archivieren", args=[b.pk]),
            titel=f"Praxisbeispiel „{b.titel}“ löschen",
            erfolg=f"Praxisbeispiel „{b.titel}“ gelöscht.",
        ),
    )


@nur_netzwerk
@require_POST
def archivieren(request: HttpRequest, pk: int) -> HttpResponse:
    b = _beispiel(pk)
    try:
        praxis.praxisbeispiel_archivieren(b)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Praxisbeispiel „{b.titel}“ archiviert.")
    return redirect(b.get_absolute_url())


@nur_netzwerk
def anhang_entfernen(request: HttpRequest, pk: int) -> HttpResponse:
    a = get_object_or_404(Anhang.objects.select_related("praxisbeispiel"), pk=pk)
    b = a.praxisbeispiel
    return loeschen_bestaetigen(
        request,
        Loeschung(
            was=f"den Anhang „{a.dateiname}“ vom Praxisbeispiel „{b.titel}“",
            ausfuehren=lambda: praxis.anhang_entfernen(a),
            ziel=b.get_absolute_url(),
            zurueck=b.get_absolute_url(),
            folgen=[
                "Entfernt wird nur die Verknüpfung; die gespeicherte Datei bleibt unverändert im Archiv."
            ],
            knopf="Anhang entfernen",
            titel=f"Anhang „{a.dateiname}“ entfernen",
            erfolg=f"Anhang „{a.dateiname}“ entfernt.",
        ),
    )
