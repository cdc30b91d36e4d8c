"""Municipality directory: list with filters, detail with maps, statistics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from rathausnetz.kommunen.forms import KommunenFilterForm
from rathausnetz.kommunen.models import Kommune, Land, Organisation
from rathausnetz.kommunen.services import karten, mandanten, statistik
from rathausnetz.kommunen.services.verzeichnis import (
    ZEILENFELDER,
    Kommunenfilter,
    kommunen_suchen,
    verzeichniszeilen,
)
from rathausnetz.zugang.kontext import systemzugriff

SEITENGROESSE = 50


def liste(request: HttpRequest) -> HttpResponse:
    form = KommunenFilterForm(request.GET or None)
    kommunen = Kommune.objects.none()
    if not request.GET:
        kommunen = kommunen_suchen(Kommunenfilter())
    elif form.is_valid():
        d = form.cleaned_data
        kommunen = kommunen_suchen(
            Kommunenfilter(
                q=d["q"] or "",
                land=d["land"] or "",
                kreis=d["kreis"] or "",
                typ=d["typ"] or "",
                verband_typ=d["verband_typ"] or "",
                min_einwohner=d["min_einwohner"],
                max_einwohner=d["max_einwohner"],
                sortierung=d["sort"] or "name",
            )
        )
    seite = Paginator(kommunen.values(*ZEILENFELDER), SEITENGROESSE).get_page(request.GET.get("seite"))
    seite.object_list = verzeichniszeilen(seite.object_list)
    abfrage = request.GET.copy()
    abfrage.pop("seite", None)
    kontext = {"form": form, "seite": seite, "abfrage": abfrage.urlencode()}
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "ergebnisse":
        return render(request, "kommunen/_ergebnisse.html", kontext)
    return render(request, "kommunen/liste.html", kontext)


def _kommune_oder_404(ags: str) -> Kommune:
    if not (len(ags) == 8 and ags.isdigit()):
        raise Http404("Kein gültiger Gemeindeschlüssel")
    return get_object_or_404(
        Kommune.objects.select_related("land", "kreis", "gemeindeverband__sitzgemeinde").defer(
            "gemeindeverband__sitzgemeinde__grenze"
        ),
        ags=ags,
    )


def detail(request: HttpRequest, ags: str) -> HttpResponse:
    kommune = _kommune_oder_404(ags)
    nachbarn = list(
        kommune.nachbarschaften.select_related("nachbar")
        .defer("nachbar__grenze")
        .order_by("-grenzlaenge_km", "nachbar_name")
    )
    verband = (
        kommune.gemeindeverband if kommune.gemeindeverband and kommune.gemeindeverband.ist_verband else None
    )
    mitglieder = list(verband.mitglieder.defer("grenze").order_by("name")) if verband else []
    landeskarte = umgebungskarte = None
    if kommune.grenze:
        landeskarte = karten.landeskarte(
            kommune.land, hervorheben=kommune.ags, nachbarn=[n.nachbar_ags for n in nachbarn]
        ).svg("karte-land", "karte-land")
        umgebung = karten.umgebungskarte(kommune)
        umgebungskarte = umgebung.svg("karte-umgebung", "karte-umgebung") if umgebung else None
    return render(
        request,
        "kommunen/detail.html",
        {
            "kommune": kommune,
            "nachbarn": nachbarn,
            "verband": verband,
            "mitglieder": mitglieder,
            "landeskarte_svg": landeskarte,
            "umgebungskarte_svg": umgebungskarte,
            "bevoelkerung": kommune.bevoelkerung.order_by("-stichtag"),
            "groessenklasse": statistik.groessenklasse(kommune.einwohner),
            "organisationen": Organisation.objects.filter(kommunen=kommune, aktiv=True).order_by("name"),
        },
    )


@login_required
@require_POST
def aktivieren(request: HttpRequest) -> HttpResponse:
    """Operators (superusers) activate a municipality, union or Landkreis as a tenant."""
    if not request.user.is_superuser:
        raise PermissionDenied("Nur Betreiber können Mandanten aktivieren.")
    schluessel = request.POST.get("schluessel", "")
    try:
        with systemzugriff(f"Mandant aktivieren durch {request.user.username}"):
            organisation, neu = mandanten.aktivieren(schluessel)
    except ValidationError as fehler:
        messages.error(request, " ".join(fehler.messages))
        return redirect("kommunen:liste")
    if neu:
        messages.success(request, f"{organisation.name} ist jetzt als Mandant aktiv.")
    else:
        messages.info(request, f"{organisation.name} war bereits aktiv.")
    weiter = request.POST.get("weiter", "")
    if weiter.startswith("/kommunen/") and url_has_allowed_host_and_scheme(weiter, allowed_hosts=None):
        return redirect(weiter)
    return redirect("kommunen:liste")


def statistik_view(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("land", "14")
    land = Land.objects.filter(code=code).first()
    if land is None:
        land = Land.objects.filter(code="14").first() or Land.objects.first()
    if land is None:
        raise Http404("Das Kommunenregister ist leer.")
    kreise = statistik.nach_kreis(land)
    klassen = statistik.nach_groessenklasse(land)
    return render(
        request,
        "kommunen/statistik.html",
        {
            "land": land,
            "laender": Land.objects.all(),
            "kreise": kreise,
            "kreise_summe": statistik.summe(kreise),
            "klassen": klassen,
            "klassen_summe": statistik.summe(klassen),
            "diagramm_klassen": statistik.balkendiagramm(
                f"Gemeinden in {land.name} nach Einwohnerzahl",
                [(z.name, z.anzahl) for z in klassen],
                "Gemeinden",
            ),
            "diagramm_kreise": statistik.balkendiagramm(
                f"Einwohner in {land.name} nach Kreisen",
                [(z.name, z.einwohner) for z in kreise],
                "Einwohner",
            ),
        },
    )
