"""The Reifegradcheck pages: the questionnaire (public to read), filling it for one's own
municipality (the network staff: on behalf of any), the result with radar chart, comparisons and
recommendations, as page and as PDF, and the list of results (own municipality; all of them for the
network staff)."""

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
from rathausnetz.netzwerk.views._hilfen import ist_staff, pdf_antwort
from rathausnetz.zugang.forms import fehler_ins_formular


def fragebogen(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "netzwerk/reifegrad_fragebogen.html",
        {"bogen": reifegrad.AKTUELL, "stufen": reifegrad.STUFEN},
    )


def _kann_ausfuellen(request: HttpRequest) -> bool:
    return bool(reifegrad.kommunen_zum_ausfuellen(request.zugriff))  # type: ignore[attr-defined]


@login_required
def uebersicht(request: HttpRequest) -> HttpResponse:
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
            "kann_ausfuellen": _kann_ausfuellen(request),
            "bogen": reifegrad.AKTUELL,
        },
    )


@login_required
def neu(request: HttpRequest) -> HttpResponse:
    """Fill the check: an administration for its own municipality; the network staff on behalf of
    a municipality they choose (e.g. from a paper questionnaire or a coaching session)."""
    staff = ist_staff(request)
    kommunen = reifegrad.kommunen_zum_ausfuellen(request.zugriff)
    if not kommunen:
        raise PermissionDenied(
            "Den Reifegradcheck füllt die Verwaltung einer Kommune für sich selbst aus (mit dem Recht, "
            "Daten zu bearbeiten); die Servicestelle und die Digital-Lotsen können ihn stellvertretend "
            "eintragen."
        )
    vorgewaehlt = (request.GET.get("kommune") or "")[:8]
    form = ReifegradForm(
        request.POST or None,
        fragebogen=reifegrad.AKTUELL,
        kommunen=kommunen,
        kommune_waehlen=staff,
        initial={"kommune": vorgewaehlt} if vorgewaehlt else None,
    )
    if request.method == "POST" and form.is_valid():
        kommune = None
        if "kommune" in form.fields and form.cleaned_data.get("kommune"):
            kommune = next((k for k in kommunen if k.ags == form.cleaned_data["kommune"]), None)
        try:
            check = reifegrad.check_speichern(form.antworten(), kommune)
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            if check.stellvertretend:
                messages.success(
                    request, f"Reifegradcheck stellvertretend für {check.kommune.name} eingetragen."
                )
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
        {
            "form": form,
            "kommunen": kommunen,
            "vorher": vorher,
            "bogen": reifegrad.AKTUELL,
            "stellvertretend": staff,
        },
    )


def _check(pk: int) -> Reifegradcheck:
    """The one lookup of a result: the municipality's administrations and the staff see it."""
    return get_object_or_404(Reifegradcheck.objects.select_related("kommune", "eingetragen_durch"), pk=pk)


@login_required
def ergebnis(request: HttpRequest, pk: int) -> HttpResponse:
    check = _check(pk)
    b = reifegrad.bericht_erstellen(check)
    ausfuellbar = {k.pk for k in reifegrad.kommunen_zum_ausfuellen(request.zugriff)}
    return render(
        request,
        "netzwerk/reifegrad_ergebnis.html",
        {
            "c": check,
            "bogen": b.bogen,
            "vorher": b.vorher,
            "klasse": b.klasse,
            "mindestanzahl": reifegrad.MINDESTANZAHL,
            "radar": b.radar,
            "zeilen": b.zeilen,
            "empfehlungen": b.empfehlungen,
            "antworten": [
                (d, [(f, check.antworten.get(f.code)) for f in d.fragen]) for d in b.bogen.dimensionen
            ],
            "verlauf": Reifegradcheck.objects.filter(kommune=check.kommune).order_by("erstellt_am", "pk"),
            "darf_ausfuellen": check.kommune_id in ausfuellbar,
            "staff": ist_staff(request),
        },
    )


@login_required
def ergebnis_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    check = _check(pk)
    return pdf_antwort(reifegrad.bericht_pdf(check), reifegrad.bericht_dateiname(check))
