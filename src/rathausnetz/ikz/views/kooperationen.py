"""Cooperation registry pages: overview with map, detail, record and edit, the shared Akte."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from rathausnetz.akten.models import Aktenplaneintrag
from rathausnetz.ikz.forms import KooperationForm
from rathausnetz.ikz.models import Aufgabenbereich, Fachverfahren, Kooperation, Rechtsform
from rathausnetz.ikz.services import akte as akte_service
from rathausnetz.ikz.services import fachverfahren as fachverfahren_service
from rathausnetz.ikz.services import kooperationen
from rathausnetz.ikz.services.karten import kooperationskarte
from rathausnetz.ikz.services.steuer import portfolio
from rathausnetz.kommunen.models import Kommune, Kreis, Land
from rathausnetz.kommunen.services.verzeichnis import datalist
from rathausnetz.web import pdf as berichte
from rathausnetz.zugang.forms import fehler_ins_formular
from rathausnetz.zugang.sichtbarkeit import darf_kooperation_bearbeiten

SEITENGROESSE = 50


def kooperation_oder_404(pk: int) -> Kooperation:
    """The one lookup of a cooperation for pages: invisible ones do not exist."""
    return get_object_or_404(Kooperation.objects.select_related("rechtsform", "modell", "akte"), pk=pk)


def _land(code: str) -> Land:
    return Land.objects.filter(code=code).first() or Land.objects.get(code="14")


def uebersicht(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()[:100]
    status = request.GET.get("status", "")
    rechtsform = request.GET.get("rechtsform", "")
    bereich = request.GET.get("bereich", "")
    kreis = request.GET.get("kreis", "")
    kooperationen_qs = Kooperation.objects.select_related("rechtsform").annotate(
        mitgliederzahl=Count("mitglieder", distinct=True)
    )
    if q:
        kooperationen_qs = kooperationen_qs.filter(
            Q(titel__icontains=q) | Q(mitglieder__kommune__name__icontains=q)
        ).distinct()
    if status in Kooperation.Status.values:
        kooperationen_qs = kooperationen_qs.filter(status=status)
    if rechtsform:
        kooperationen_qs = kooperationen_qs.filter(rechtsform__code=rechtsform)
    if bereich:
        kooperationen_qs = kooperationen_qs.filter(aufgabenbereiche__code=bereich)
    if kreis:
        kooperationen_qs = kooperationen_qs.filter(mitglieder__kommune__kreis__ags=kreis).distinct()
    seite = Paginator(kooperationen_qs.order_by("titel", "pk"), SEITENGROESSE).get_page(
        request.GET.get("seite")
    )
    abfrage = request.GET.copy()
    abfrage.pop("seite", None)
    return render(
        request,
        "ikz/uebersicht.html",
        {
            "seite": seite,
            "abfrage": abfrage.urlencode(),
            "filter": {
                "q": q,
                "status": status,
                "rechtsform": rechtsform,
                "bereich": bereich,
                "kreis": kreis,
            },
            "stati": Kooperation.Status.choices,
            "rechtsformen": Rechtsform.objects.all(),
            "bereiche": Aufgabenbereich.objects.all(),
            "kreise": Kreis.objects.order_by("land", "name"),
            "karte": kooperationskarte(_land("14"), "verbaende"),
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    kooperation = kooperation_oder_404(pk)
    mitglieder = list(kooperation.mitglieder.select_related("kommune__kreis", "kreis"))
    zugriff = request.zugriff
    return render(
        request,
        "ikz/kooperation.html",
        {
            "k": kooperation,
            "mitglieder": mitglieder,
            "einwohner": sum(m.kommune.einwohner for m in mitglieder if m.kommune_id),
            "bereiche": list(kooperation.aufgabenbereiche.all()),
            "pruefungen": list(kooperation.ust_pruefungen.order_by("-geprueft_am", "-pk")[:20]),
            "umlagen": list(kooperation.umlagen.order_by("-erstellt_am", "-pk")[:20]),
            "darf_bearbeiten": zugriff.angemeldet and darf_kooperation_bearbeiten(zugriff, kooperation),
            "aktenplaneintraege": (
                Aktenplaneintrag.objects.filter(aktiv=True).order_by("sortierung")
                if zugriff.organisation_id and not kooperation.akte_id
                else []
            ),
            "eintrag_vorschlag": akte_service.vorgeschlagener_eintrag() if zugriff.organisation_id else None,
        },
    )


def _kommunenliste() -> str:
    return datalist()


@login_required
def anlegen(request: HttpRequest) -> HttpResponse:
    form = KooperationForm(
        request.POST or None,
        initial={
            "status": Kooperation.Status.VERHANDLUNG,
            "sichtbarkeit": Kooperation.Sichtbarkeit.MITGLIEDER,
        },
    )
    if request.method == "POST" and form.is_valid():
        daten = form.daten()
        if daten is not None:
            try:
                k = kooperationen.kooperation_anlegen(daten)
            except ValidationError as e:
                fehler_ins_formular(form, e)
            except PermissionDenied as e:
                raise PermissionDenied(str(e)) from None
            else:
                messages.success(request, f"Kooperation „{k.titel}“ erfasst.")
                return redirect(k.get_absolute_url())
    return render(request, "ikz/kooperation_form.html", {"form": form, "kommunen": _kommunenliste()})


@login_required
def bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    k = kooperation_oder_404(pk)
    kooperationen.pruefe_bearbeiten(k)
    form = KooperationForm(
        request.POST or None, initial=KooperationForm.initial_von(kooperationen.daten_von(k))
    )
    if request.method == "POST" and form.is_valid():
        daten = form.daten()
        if daten is not None:
            try:
                kooperationen.kooperation_aendern(k, daten)
            except ValidationError as e:
                fehler_ins_formular(form, e)
            else:
                messages.success(request, "Änderungen gespeichert.")
                return redirect(k.get_absolute_url())
    return render(request, "ikz/kooperation_form.html", {"form": form, "k": k, "kommunen": _kommunenliste()})


@login_required
@require_POST
def akte_anlegen(request: HttpRequest, pk: int) -> HttpResponse:
    k = kooperation_oder_404(pk)
    kooperationen.pruefe_bearbeiten(k)
    try:
        eintrag = Aktenplaneintrag.objects.get(pk=int(request.POST.get("eintrag", "")))
    except (ValueError, Aktenplaneintrag.DoesNotExist):
        messages.error(request, "Bitte wählen Sie einen Aktenplaneintrag Ihrer Organisation.")
        return redirect(k.get_absolute_url())
    try:
        akte = akte_service.akte_anlegen(k, eintrag)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(k.get_absolute_url())
    messages.success(request, f"Akte {akte.aktenzeichen} angelegt und mit den Mitgliedern geteilt.")
    return redirect(k.get_absolute_url())


@login_required
def portfolio_seite(request: HttpRequest) -> HttpResponse:
    """§ 2b status of every cooperation: one municipality's (own by default), or all for the
    Servicestelle."""
    ags = request.GET.get("kommune", "")
    kommune = None
    if ags:
        if not (len(ags) == 8 and ags.isdigit()):
            raise Http404("Kein gültiger Gemeindeschlüssel")
        kommune = get_object_or_404(Kommune, ags=ags)
    elif request.zugriff.organisation_id:
        eigene = Kommune.objects.filter(organisationen=request.zugriff.organisation_id)
        if eigene.count() == 1:
            kommune = eigene.first()
    kontext = {"portfolio": portfolio(kommune), "kommune": kommune}
    if request.GET.get("format") == "pdf":
        antwort = HttpResponse(
            berichte.pdf("ikz/pdf/portfolio.html", kontext), content_type="application/pdf"
        )
        name = berichte.dateiname(f"Umsatzsteuer-2b-Uebersicht-{kommune.name if kommune else 'alle'}", "pdf")
        antwort["Content-Disposition"] = f'attachment; filename="{name}"'
        return antwort
    return render(request, "ikz/portfolio.html", kontext)


@login_required
def fachverfahren(request: HttpRequest) -> HttpResponse:
    """The acting administration records the software of its municipalities, per task area."""
    kommunen = fachverfahren_service.eigene_kommunen(request.zugriff.organisation_id)
    if not kommunen:
        raise PermissionDenied("Fachverfahren erfasst die Verwaltung einer Gemeinde.")
    kommune = next((k for k in kommunen if k.ags == request.GET.get("kommune")), kommunen[0])
    bereiche = list(Aufgabenbereich.objects.all())
    vorhanden = {f.aufgabenbereich_id: f for f in Fachverfahren.objects.filter(kommune=kommune)}
    fehler = None
    if request.method == "POST":
        eintraege = {
            b.code: (
                request.POST.get(f"software_{b.code}", "")[:300],
                request.POST.get(f"hersteller_{b.code}", "")[:300],
            )
            for b in bereiche
        }
        try:
            fachverfahren_service.fachverfahren_speichern(kommune, eintraege)
        except ValidationError as e:
            fehler = e.messages
        else:
            messages.success(request, f"Fachverfahren von {kommune.name} gespeichert.")
            return redirect(f"{request.path}?kommune={kommune.ags}")
    zeilen = [(b, vorhanden.get(b.pk)) for b in bereiche]
    return render(
        request,
        "ikz/fachverfahren.html",
        {"kommune": kommune, "kommunen": kommunen, "zeilen": zeilen, "fehler": fehler},
    )
