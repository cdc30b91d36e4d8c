"""XDOMEA pages: hand an Akte over, receive a package (check, choose file plan entries, import).

Views translate HTTP to the services in ``services/``; the Akte lookup goes through the tenant
manager, so someone else's Akte answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from rathausnetz.akten.models import Akte, Aktenplaneintrag
from rathausnetz.austausch.api import nachricht_antwort
from rathausnetz.austausch.forms import AbgabeForm, AktenplanExportForm, ImportForm
from rathausnetz.austausch.models import Nachricht
from rathausnetz.austausch.schema import SchemaFehlt, UngueltigeNachricht
from rathausnetz.austausch.services import abgabe as abgabe_dienst
from rathausnetz.austausch.services import aktenplan as aktenplan_dienst
from rathausnetz.austausch.services import empfang
from rathausnetz.kommunen.models import Organisation
from rathausnetz.zugang.rechte import Recht


def _fehlertexte(fehler: Exception) -> list[str]:
    if isinstance(fehler, ValidationError):
        return fehler.messages
    return [str(fehler)]


@login_required
def uebersicht(request: HttpRequest) -> HttpResponse:
    nachrichten = Nachricht.objects.select_related("akte").order_by("-erstellt_am", "-id")[:100]
    return render(
        request,
        "austausch/uebersicht.html",
        {
            "nachrichten": nachrichten,
            "form": ImportForm(),
            "darf": request.zugriff.darf(Recht.DATEN_BEARBEITEN),
        },
    )


def _eintraege() -> list[Aktenplaneintrag]:
    return list(Aktenplaneintrag.objects.filter(aktiv=True).order_by("sortierung"))


@login_required
@require_POST
def importieren(request: HttpRequest) -> HttpResponse:
    """Step 1 (upload): store, validate, show what would be imported. Step 2 (referenz): import."""
    referenz = request.POST.get("referenz", "")
    try:
        if not request.zugriff.darf(Recht.DATEN_BEARBEITEN):
            raise PermissionDenied("Zum Importieren fehlt Ihnen die Berechtigung.")
        if not referenz:
            form = ImportForm(request.POST, request.FILES)
            if not form.is_valid():
                return render(
                    request,
                    "austausch/uebersicht.html",
                    {"form": form, "nachrichten": [], "darf": True},
                    status=422,
                )
            hochgeladen = form.cleaned_data["datei"]
            referenz = empfang.hochladen(hochgeladen, hochgeladen.name)
            pfad, dateiname = empfang.aufloesen(referenz)
            vorschau = empfang.vorschau(pfad)
            if vorschau.typ == "0301":
                return render(
                    request,
                    "austausch/aktenplan_vorschau.html",
                    {
                        "abgleich": vorschau.abgleich,
                        "kopf": vorschau.kopf,
                        "referenz": referenz,
                        "dateiname": dateiname,
                        "modi": aktenplan_dienst.MODI,
                        "darf_aendern": request.zugriff.darf(Recht.ORGANISATION_VERWALTEN),
                    },
                )
            if vorschau.typ == "0401":
                return render(
                    request,
                    "austausch/vorschau.html",
                    {
                        "vorschau": vorschau,
                        "referenz": referenz,
                        "eintraege": _eintraege(),
                        "dateiname": dateiname,
                    },
                )
        pfad, dateiname = empfang.aufloesen(referenz)
        gewaehlt = {
            schluessel.removeprefix("eintrag_"): wert
            for schluessel, wert in request.POST.items()
            if schluessel.startswith("eintrag_") and wert
        }
        eintraege = {
            e.pk: e
            for e in Aktenplaneintrag.objects.filter(pk__in=[w for w in gewaehlt.values() if w.isdigit()])
        }
        zuordnung = {
            xid: eintraege[int(w)] for xid, w in gewaehlt.items() if w.isdigit() and int(w) in eintraege
        }
        ergebnis = empfang.empfangen(
            pfad, dateiname, eintraege=zuordnung, modus=request.POST.get("modus", "kenntnis")
        )
    except (UngueltigeNachricht, ValidationError, PermissionDenied, SchemaFehlt) as fehler:
        befunde = getattr(fehler, "befunde", [])
        return render(
            request,
            "austausch/fehler.html",
            {"meldungen": _fehlertexte(fehler)[:1] if befunde else _fehlertexte(fehler), "befunde": befunde},
            status=422,
        )
    return render(request, "austausch/ergebnis.html", {"ergebnis": ergebnis})


@login_required
def nachricht_datei(request: HttpRequest, pk: int) -> FileResponse:
    return nachricht_antwort(pk)


@login_required
def abgabe(request: HttpRequest, pk: int) -> HttpResponse:
    akte = get_object_or_404(Akte.objects.select_related("aktenplaneintrag", "organisation"), pk=pk)
    form = AbgabeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            export = abgabe_dienst.akte_exportieren(
                akte, form.cleaned_data["empfaenger"], form.cleaned_data["hinweis"]
            )
        except (ValidationError, PermissionDenied, SchemaFehlt) as fehler:
            for text in _fehlertexte(fehler):
                messages.error(request, text)
            return redirect("austausch:abgabe", pk=akte.pk)
        return FileResponse(
            export.datei, as_attachment=True, filename=export.dateiname, content_type="application/zip"
        )
    return render(
        request,
        "austausch/abgabe.html",
        {
            "akte": akte,
            "form": form,
            "organisationen": Organisation.objects.exclude(pk=akte.organisation_id)
            .order_by("name")
            .values_list("name", flat=True)[:1000],
            "bisher": Nachricht.objects.filter(akte=akte).order_by("-erstellt_am"),
        },
    )


@login_required
def aktenplan_export(request: HttpRequest) -> HttpResponse:
    """Send the own file plan to a partner as 0301, e.g. to harmonise plans within a cooperation."""
    form = AktenplanExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            export = aktenplan_dienst.aktenplan_exportieren(
                form.cleaned_data["empfaenger"], form.cleaned_data["hinweis"]
            )
        except (ValidationError, PermissionDenied, SchemaFehlt) as fehler:
            for text in _fehlertexte(fehler):
                messages.error(request, text)
            return redirect("austausch:aktenplan_export")
        return FileResponse(
            export.datei, as_attachment=True, filename=export.dateiname, content_type="application/zip"
        )
    return render(
        request,
        "austausch/aktenplan_export.html",
        {
            "form": form,
            "anzahl": Aktenplaneintrag.objects.count(),
            "organisationen": Organisation.objects.exclude(pk=request.zugriff.organisation_id)
            .order_by("name")
            .values_list("name", flat=True)[:1000],
            "bisher": Nachricht.objects.filter(typ__in=["0301", "0302"]).order_by("-erstellt_am")[:50],
        },
    )
