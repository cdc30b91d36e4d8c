"""Reference pages: legal forms, model catalogue (with versions and editing), maps, statistics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from rathausnetz.ikz.forms import ModellForm
from rathausnetz.ikz.models import Aufgabenbereich, Kooperation, Modell, Rechtsform
from rathausnetz.ikz.services import modelle
from rathausnetz.ikz.services.karten import ANSICHTEN, kommunen_ohne_kooperation, kooperationskarte
from rathausnetz.ikz.services.statistik import als_csv, statistik
from rathausnetz.kommunen.models import Land
from rathausnetz.zugang.forms import fehler_ins_formular
from rathausnetz.zugang.rechte import Recht


def rechtsformen(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "ikz/rechtsformen.html",
        {"rechtsformen": Rechtsform.objects.all(), "bereiche": Aufgabenbereich.objects.all()},
    )


def modellkatalog(request: HttpRequest) -> HttpResponse:
    eintraege = Modell.objects.filter(aktiv=True).select_related("aufgabenbereich", "aktuelle_fassung")
    return render(request, "ikz/modelle.html", {"modelle": eintraege})


def modell(request: HttpRequest, code: str) -> HttpResponse:
    m = get_object_or_404(Modell.objects.select_related("aufgabenbereich"), code=code)
    fassungen = list(m.fassungen.order_by("-nummer"))
    gewaehlt = m.aktuelle_fassung
    if request.GET.get("fassung"):
        try:
            gewaehlt = next(f for f in fassungen if f.nummer == int(request.GET["fassung"]))
        except (ValueError, StopIteration):
            raise Http404("Diese Fassung gibt es nicht.") from None
    if gewaehlt is None:
        raise Http404("Das Modell hat noch keinen Inhalt.")
    return render(
        request,
        "ikz/modell.html",
        {
            "m": m,
            "f": gewaehlt,
            "fassungen": fassungen,
            "rechtsformen": list(gewaehlt.rechtsformen.all()),
            "kooperationen": Kooperation.objects.filter(modell=m).order_by("titel")[:50],
            "darf_bearbeiten": request.zugriff.darf(Recht.IKZ_VERWALTEN),
        },
    )


@login_required
def modell_bearbeiten(request: HttpRequest, code: str) -> HttpResponse:
    m = get_object_or_404(Modell, code=code)
    if not request.zugriff.darf(Recht.IKZ_VERWALTEN):
        raise PermissionDenied("Den Modellkatalog pflegt die Servicestelle IKZ.")
    form = ModellForm(request.POST or None, initial=ModellForm.initial_von(m.aktuelle_fassung))
    if request.method == "POST" and form.is_valid():
        try:
            fassung = modelle.modell_bearbeiten(
                m, form.werte(), form.cleaned_data["rechtsformen"], form.cleaned_data["aenderungsnotiz"]
            )
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, f"Fassung {fassung.nummer} gespeichert.")
            return redirect(m.get_absolute_url())
    return render(request, "ikz/modell_form.html", {"m": m, "form": form})


def _land(request: HttpRequest) -> Land:
    code = request.GET.get("land", "14")
    land = Land.objects.filter(code=code).first()
    if land is None:
        raise Http404("Unbekanntes Land")
    return land


def karte(request: HttpRequest) -> HttpResponse:
    land = _land(request)
    ansicht = request.GET.get("ansicht", "verbaende")
    if ansicht not in ANSICHTEN:
        ansicht = "verbaende"
    bereich = request.GET.get("bereich", "")
    form = request.GET.get("rechtsform", "")
    if bereich and not Aufgabenbereich.objects.filter(code=bereich).exists():
        bereich = ""
    if form and not Rechtsform.objects.filter(code=form).exists():
        form = ""
    return render(
        request,
        "ikz/karte.html",
        {
            "land": land,
            "laender": Land.objects.all(),
            "ansicht": ansicht,
            "ansichten": ANSICHTEN,
            "bereich": bereich,
            "rechtsform": form,
            "bereiche": Aufgabenbereich.objects.all(),
            "rechtsformen": Rechtsform.objects.all(),
            "k": kooperationskarte(land, ansicht, bereich, form),
            "ohne": kommunen_ohne_kooperation(land) if ansicht == "ohne" else [],
        },
    )


def statistik_seite(request: HttpRequest) -> HttpResponse:
    land = request.GET.get("land", "")
    if land and not Land.objects.filter(code=land).exists():
        land = ""
    s = statistik(land)
    if request.GET.get("format") == "csv":
        antwort = HttpResponse("\ufeff" + als_csv(s), content_type="text/csv; charset=utf-8")
        antwort["Content-Disposition"] = 'attachment; filename="kooperationen-statistik.csv"'
        return antwort
    return render(request, "ikz/statistik.html", {"s": s, "land": land, "laender": Land.objects.all()})
