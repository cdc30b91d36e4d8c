"""The Reifegradcheck pages: the questionnaire (public to read), filling it for one's own
municipality, the result with radar chart, comparisons and recommendations, and the list of
results (own municipality; all of them for the network staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from rathausnetz.netzwerk.forms.reifegrad import ReifegradForm
from rathausnetz.netzwerk.models import Reifegradcheck
from rathausnetz.netzwerk.services import reifegrad
from rathausnetz.netzwerk.views._hilfen import ist_staff
from rathausnetz.zugang.forms import fehler_ins_formular
from rathausnetz.zugang.rechte import Recht


def fragebogen(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "netzwerk/reifegrad_fragebogen.html",
        {"bogen": reifegrad.AKTUELL, "stufen": reifegrad.STUFEN},
    )


@login_required
def uebersicht(request: HttpRequest) -> HttpResponse:
    zugriff = request.zugriff
    checks = Reifegradcheck.objects.select_related("kommune").order_by("-erstellt_am", "-pk")
    if ist_staff(request):
        # staff: the latest result of every municipality
        neueste = Reifegradcheck.objects.filter(kommune=OuterRef("kommune")).order_by("-erstellt_am", "-pk")
        checks = checks.filter(pk=Subquery(neueste.values("pk")[:1])).order_by("kommune__name")
    checks_liste = list(checks[:500])
    return render(
        request,
        "netzwerk/reifegrad.html",
        {
            "checks": checks_liste,
            "staff": ist_staff(request),
            "kann_ausfuellen": bool(reifegrad.eigene_kommunen(zugriff.organisation_id))
            and zugriff.darf(Recht.DATEN_BEARBEITEN),
            "bogen": reifegrad.AKTUELL,
        },
    )


@login_required
def neu(request: HttpRequest) -> HttpResponse:
    zugriff = request.zugriff
    kommunen = reifegrad.eigene_kommunen(zugriff.organisation_id)
    if not kommunen or not zugriff.darf(Recht.DATEN_BEARBEITEN):
        raise PermissionDenied(
            "Den Reifegradcheck füllt die Verwaltung einer Kommune für sich selbst aus (mit dem Recht, "
            "Daten zu bearbeiten)."
        )
    form = ReifegradForm(request.POST or None, fragebogen=reifegrad.AKTUELL, kommunen=kommunen)
    if request.method == "POST" and form.is_valid():
        kommune = None
        if "kommune" in form.fields and form.cleaned_data.get("kommune"):
            kommune = next((k for k in kommunen if k.ags == form.cleaned_data["kommune"]), None)
        try:
            check = reifegrad.check_speichern(form.antworten(), kommune)
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, f"Reifegradcheck für {check.kommune.name} gespeichert.")
            return redirect(check.get_absolute_url())
    vorher = (
        Reifegradcheck.objects.filter(kommune__in=kommunen).order_by("-erstellt_am", "-pk").first()
        if len(kommunen) == 1
        else None
    )
    return render(
        request,
        "netzwerk/reifegrad_form.html",
        {"form": form, "kommunen": kommunen, "vorher": vorher, "bogen": reifegrad.AKTUELL},
    )


def _zeilen(bogen, check: Reifegradcheck, vorher: Reifegradcheck | None, klasse) -> list[dict]:
    zeilen = []
    for d in bogen.dimensionen:
        wert = check.ergebnisse.get(d.code)
        alt = vorher.ergebnisse.get(d.code) if vorher else None
        zeilen.append(
            {
                "name": d.name,
                "wert": wert,
                "vorher": alt,
                "differenz": wert - alt if wert is not None and alt is not None else None,
                "durchschnitt": klasse.durchschnitt.get(d.code) if klasse.durchschnitt else None,
            }
        )
    return zeilen


@login_required
def ergebnis(request: HttpRequest, pk: int) -> HttpResponse:
    check = get_object_or_404(Reifegradcheck.objects.select_related("kommune"), pk=pk)
    bogen = reifegrad.fragebogen(check.fassung)
    vorher = reifegrad.vorheriger(check)
    klasse = reifegrad.klassendurchschnitt(check)
    reihen = [(f"{check.kommune.name} am {check.erstellt_am:%d.%m.%Y}", "radar-aktuell", check.ergebnisse)]
    if vorher is not None:
        reihen.append(
            (f"vorheriger Check am {vorher.erstellt_am:%d.%m.%Y}", "radar-vorher", vorher.ergebnisse)
        )
    if klasse.durchschnitt:
        reihen.append((f"Durchschnitt {klasse.klasse}", "radar-klasse", klasse.durchschnitt))
    diagramm = reifegrad.radar(
        f"Reifegrad von {check.kommune.name} je Dimension",
        [(d.code, d.name) for d in bogen.dimensionen],
        reihen,
    )
    return render(
        request,
        "netzwerk/reifegrad_ergebnis.html",
        {
            "c": check,
            "bogen": bogen,
            "vorher": vorher,
            "klasse": klasse,
            "mindestanzahl": reifegrad.MINDESTANZAHL,
            "radar": diagramm,
            "zeilen": _zeilen(bogen, check, vorher, klasse),
            "empfehlungen": reifegrad.empfehlungen(check),
            "antworten": [
                (d, [(f, check.antworten.get(f.code)) for f in d.fragen]) for d in bogen.dimensionen
            ],
            "verlauf": Reifegradcheck.objects.filter(kommune=check.kommune).order_by("erstellt_am", "pk"),
            "darf_ausfuellen": request.zugriff.darf(Recht.DATEN_BEARBEITEN)
            and check.kommune_id
            in {k.pk for k in reifegrad.eigene_kommunen(request.zugriff.organisation_id)},
        },
    )
