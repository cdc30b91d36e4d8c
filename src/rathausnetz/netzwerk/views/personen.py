"""Lotsen and Navigatoren: lists and forms for the network staff; a municipality's own view of
its Navigatoren, their courses and certificates (``qualifizierung``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from rathausnetz.netzwerk.forms.personen import LotseForm, NavigatorForm
from rathausnetz.netzwerk.models import Lotse, Navigator, Teilnahme
from rathausnetz.netzwerk.services import kurse, personen
from rathausnetz.netzwerk.views._hilfen import ist_staff, nur_netzwerk
from rathausnetz.zugang.forms import fehler_ins_formular


@nur_netzwerk
def lotsen(request: HttpRequest) -> HttpResponse:
    liste = Lotse.objects.annotate(
        anzahl_navigatoren=Count("navigatoren", filter=Q(navigatoren__aktiv=True), distinct=True)
    )
    return render(request, "netzwerk/lotsen.html", {"lotsen": liste})


@nur_netzwerk
def lotse_neu(request: HttpRequest) -> HttpResponse:
    form = LotseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lotse = personen.lotse_anlegen(form.daten())
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, f"{lotse.name} ist als Digital-Lotsin/-Lotse erfasst.")
            return redirect("netzwerk:lotsen")
    return render(request, "netzwerk/person_form.html", {"form": form, "titel": "Lotsin / Lotse erfassen"})


@nur_netzwerk
def lotse_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    lotse = get_object_or_404(Lotse, pk=pk)
    form = LotseForm(request.POST or None, initial=vars(personen.daten_von(lotse)))
    if request.method == "POST" and form.is_valid():
        try:
            personen.lotse_aendern(lotse, form.daten())
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, "Änderungen gespeichert.")
            return redirect("netzwerk:lotsen")
    return render(request, "netzwerk/person_form.html", {"form": form, "titel": f"{lotse.name} bearbeiten"})


@nur_netzwerk
def navigatoren(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()[:100]
    liste = Navigator.objects.select_related("kommune", "lotse").annotate(
        abschluesse=Count("teilnahmen", filter=Q(teilnahmen__status=Teilnahme.Status.ABGESCHLOSSEN)),
        ausgebildet=Count(
            "teilnahmen",
            filter=Q(
                teilnahmen__status=Teilnahme.Status.ABGESCHLOSSEN,
                teilnahmen__durchgang__kurs__qualifizierend=True,
            ),
        ),
    )
    if q:
        liste = liste.filter(
            Q(nachname__icontains=q) | Q(vorname__icontains=q) | Q(kommune__name__icontains=q)
        )
    return render(request, "netzwerk/navigatoren.html", {"navigatoren": liste, "q": q})


@nur_netzwerk
def navigator_neu(request: HttpRequest) -> HttpResponse:
    form = NavigatorForm(request.POST or None, initial={"aktiv": True})
    if request.method == "POST" and form.is_valid():
        try:
            navigator = personen.navigator_anlegen(form.daten())
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, f"{navigator.name} ({navigator.kommune.name}) ist erfasst.")
            return redirect(navigator.get_absolute_url())
    return render(
        request, "netzwerk/person_form.html", {"form": form, "titel": "Navigatorin / Navigator erfassen"}
    )


@nur_netzwerk
def navigator_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    navigator = get_object_or_404(Navigator, pk=pk)
    form = NavigatorForm(request.POST or None, initial=vars(personen.daten_von(navigator)))
    if request.method == "POST" and form.is_valid():
        try:
            personen.navigator_aendern(navigator, form.daten())
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, "Änderungen gespeichert.")
            return redirect(navigator.get_absolute_url())
    return render(
        request, "netzwerk/person_form.html", {"form": form, "titel": f"{navigator.name} bearbeiten"}
    )


def _teilnahmen_mit_stand(navigatoren: list[Navigator]) -> dict[int, list[tuple[Teilnahme, object]]]:
    """Each Navigator's participations with their progress (and certificate, if any)."""
    teilnahmen = list(
        Teilnahme.objects.filter(navigator__in=navigatoren)
        .select_related("durchgang__kurs", "zertifikat")
        .order_by("-eingeschrieben_am")
    )
    stand_je_durchgang = {}
    ergebnis: dict[int, list[tuple[Teilnahme, object]]] = {n.pk: [] for n in navigatoren}
    for t in teilnahmen:
        if t.durchgang_id not in stand_je_durchgang:
            stand_je_durchgang[t.durchgang_id] = kurse.fortschritte(t.durchgang)
        ergebnis[t.navigator_id].append((t, stand_je_durchgang[t.durchgang_id].get(t.pk)))
    return ergebnis


@login_required
def navigator(request: HttpRequest, pk: int) -> HttpResponse:
    n = get_object_or_404(Navigator.objects.select_related("kommune", "lotse"), pk=pk)
    return render(
        request,
        "netzwerk/navigator.html",
        {
            "n": n,
            "teilnahmen": _teilnahmen_mit_stand([n])[n.pk],
            "ausgebildet": personen.ist_ausgebildet(n),
            "projekte": n.projekte.all(),
            "staff": ist_staff(request),
        },
    )


@login_required
def qualifizierung(request: HttpRequest) -> HttpResponse:
    """The acting administration's Navigatoren: courses, progress, certificates to download."""
    if request.zugriff.organisation_id is None:
        raise PermissionDenied("Bitte wählen Sie zuerst Ihre Organisation.")
    eigene = list(
        Navigator.objects.filter(organisation_id=request.zugriff.organisation_id).select_related(
            "kommune", "lotse"
        )
    )
    stand = _teilnahmen_mit_stand(eigene)
    return render(
        request,
        "netzwerk/qualifizierung.html",
        {
            "eintraege": [(n, stand[n.pk], personen.ist_ausgebildet(n)) for n in eigene],
            "staff": ist_staff(request),
        },
    )
