"""Public pages: events, registration without an account, the links from the mails, figures,
press releases."""

from __future__ import annotations

import functools

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rathausnetz.kommunen.services.verzeichnis import datalist, schluessel_aus
from rathausnetz.veranstaltungen.forms import AnmeldeForm
from rathausnetz.veranstaltungen.models import Anmeldung, Pressemitteilung, Programmpunkt, Veranstaltung
from rathausnetz.veranstaltungen.services import anmeldungen, kalender, presse, statistik
from rathausnetz.web import gastseiten
from rathausnetz.web import pdf as berichte
from rathausnetz.zugang.forms import fehler_ins_formular
from rathausnetz.zugang.rechte import Recht


def veranstaltung_oder_404(pk: int) -> Veranstaltung:
    """The one lookup of an event: drafts exist only for the organisers."""
    return get_object_or_404(
        Veranstaltung.objects.select_related("organisation", "organisationseinheit"), pk=pk
    )


def liste(request: HttpRequest) -> HttpResponse:
    jetzt = timezone.now()
    alle = Veranstaltung.objects.order_by("beginn")
    return render(
        request,
        "veranstaltungen/liste.html",
        {
            "kommend": alle.filter(ende__gte=jetzt),
            "vergangen": alle.filter(ende__lt=jetzt).order_by("-beginn")[:20],
            "darf_verwalten": request.zugriff.darf(Recht.NETZWERK_VERWALTEN),
        },
    )


def _detail_daten(pk: int) -> tuple[Veranstaltung, list[Programmpunkt], anmeldungen.Belegung]:
    v = veranstaltung_oder_404(pk)
    return v, list(v.programm.all()), anmeldungen.belegung(v)


def _detail_seite(
    request: HttpRequest,
    daten: tuple[Veranstaltung, list[Programmpunkt], anmeldungen.Belegung],
    form: AnmeldeForm | None,
    extra: dict[str, object],
) -> HttpResponse:
    v, programm, belegung = daten
    kontext = {
        "v": v,
        "programm": programm,
        "belegung": belegung,
        "form": form or AnmeldeForm(),
        "kommunen": datalist() if v.anmeldung_offen else "",
        "darf_verwalten": request.zugriff.darf(Recht.NETZWERK_VERWALTEN),
    }
    return render(
        request, "veranstaltungen/detail.html", kontext | extra, status=422 if form is not None else 200
    )


def detail(request: HttpRequest, pk: int, form: AnmeldeForm | None = None) -> HttpResponse:
    if form is not None or not gastseiten.ist_gast(request):
        return _detail_seite(request, _detail_daten(pk), form, {})
    # the page everybody opens when registration starts: the same for every guest
    daten = functools.cache(lambda: _detail_daten(pk))

    def stand() -> list[object]:
        v, programm, belegung = daten()
        return [
            gastseiten.werte(v),
            v.organisation.name,
            v.organisationseinheit.name if v.organisationseinheit else "",
            [gastseiten.werte(p) for p in programm],
            belegung,
            v.anmeldung_offen,
        ]

    return gastseiten.ausliefern(
        request, f"veranstaltung:{pk}", stand, lambda extra: _detail_seite(request, daten(), None, extra)
    )


@require_POST
def anmelden(request: HttpRequest, pk: int) -> HttpResponse:
    v = veranstaltung_oder_404(pk)
    form = AnmeldeForm(request.POST)
    if not form.is_valid():
        return detail(request, pk, form)
    d = form.cleaned_data
    if d["website"]:  # the invisible field: a bot; answer as if all went well, store nothing
        return render(request, "veranstaltungen/angemeldet.html", {"v": v})
    ags = ""
    if d["kommune"].strip():
        ags, fehler = schluessel_aus(d["kommune"])
        if fehler or len(ags) != 8:
            form.add_error("kommune", fehler or "Bitte eine Gemeinde wählen.")
            return detail(request, pk, form)
    try:
        anmeldungen.anmelden(
            v,
            anmeldungen.Anmeldedaten(
                name=d["name"],
                email=d["email"],
                rolle=d["rolle"],
                kommune_ags=ags,
                organisation_text=d["organisation_text"],
                einwilligung=d["einwilligung"],
            ),
        )
    except ValidationError as e:
        fehler_ins_formular(form, e)
        return detail(request, pk, form)
    return render(request, "veranstaltungen/angemeldet.html", {"v": v})


def _link_seite(request: HttpRequest, vorlage: str, anmeldung: Anmeldung, **kontext) -> HttpResponse:
    return render(request, vorlage, {"a": anmeldung, "v": anmeldung.veranstaltung, **kontext})


def _ungueltig(request: HttpRequest) -> HttpResponse:
    return render(
        request, "veranstaltungen/link_ungueltig.html", {"text": anmeldungen.UNGUELTIGER_LINK}, status=404
    )


def bestaetigen(request: HttpRequest, anmeldung_id: int, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: mail scanners that open links must not confirm."""
    try:
        a = anmeldungen.anmeldung_per_link(anmeldung_id, token)
    except Http404:
        return _ungueltig(request)
    if request.method == "POST":
        try:
            a = anmeldungen.bestaetigen(anmeldung_id, token)
        except ValidationError as e:
            return _link_seite(
                request, "veranstaltungen/link.html", a, fehler=" ".join(e.messages), art="bestaetigen"
            )
    return _link_seite(request, "veranstaltungen/link.html", a, art="bestaetigen")


def stornieren(request: HttpRequest, anmeldung_id: int, token: str) -> HttpResponse:
    try:
        a = anmeldungen.anmeldung_per_link(anmeldung_id, token)
    except Http404:
        return _ungueltig(request)
    if request.method == "POST":
        try:
            a, _ = anmeldungen.stornieren(anmeldung_id, token)
        except ValidationError as e:
            return _link_seite(
                request, "veranstaltungen/link.html", a, fehler=" ".join(e.messages), art="stornieren"
            )
    return _link_seite(request, "veranstaltungen/link.html", a, art="stornieren")


def bescheinigung_pdf(a: Anmeldung) -> HttpResponse:
    if not a.erschienen_am:
        raise Http404("Eine Teilnahmebescheinigung gibt es für Personen, die anwesend waren.")
    v = a.veranstaltung
    inhalt = berichte.pdf(
        "veranstaltungen/pdf/bescheinigung.html", {"a": a, "v": v, "beginn": timezone.localtime(v.beginn)}
    )
    antwort = HttpResponse(inhalt, content_type="application/pdf")
    name = berichte.dateiname(f"Teilnahmebescheinigung-{v.titel}-{a.name}", "pdf")
    antwort["Content-Disposition"] = f'attachment; filename="{name}"'
    return antwort


def bescheinigung(request: HttpRequest, anmeldung_id: int, token: str) -> HttpResponse:
    try:
        a = anmeldungen.anmeldung_per_link(anmeldung_id, token)
    except Http404:
        return _ungueltig(request)
    if not a.erschienen_am:
        return render(
            request,
            "veranstaltungen/link_ungueltig.html",
            {"text": "Eine Teilnahmebescheinigung gibt es, sobald Ihre Teilnahme erfasst wurde."},
            status=404,
        )
    return bescheinigung_pdf(a)


def ics(request: HttpRequest, pk: int) -> HttpResponse:
    v = veranstaltung_oder_404(pk)
    antwort = HttpResponse(kalender.ics(v), content_type="text/calendar; charset=utf-8")
    antwort["Content-Disposition"] = f'attachment; filename="{berichte.dateiname(v.titel, "ics")}"'
    return antwort


def statistik_veranstaltung(request: HttpRequest, pk: int) -> HttpResponse:
    v = veranstaltung_oder_404(pk)
    return render(request, "veranstaltungen/statistik.html", {"s": statistik.fuer_veranstaltung(v), "v": v})


def statistik_jahr(request: HttpRequest, jahr: int) -> HttpResponse:
    if not 2000 <= jahr <= 2100:
        raise Http404("Kein gültiges Jahr")
    return render(request, "veranstaltungen/statistik.html", {"s": statistik.fuer_jahr(jahr), "jahr": jahr})


def statistik_aktuell(request: HttpRequest) -> HttpResponse:
    return redirect("veranstaltungen:statistik_jahr", jahr=timezone.localdate().year)


def presse_liste(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "veranstaltungen/presse_liste.html",
        {
            "mitteilungen": Pressemitteilung.objects.order_by("-jahr", "-nummer", "-pk")[:100],
            "darf_verwalten": request.zugriff.darf(Recht.NETZWERK_VERWALTEN),
        },
    )


def _presse_kontext(pm: Pressemitteilung) -> dict[str, object]:
    return {"pm": pm, "schluss": presse.verbandszahlen(pm.organisation).schlussabsatz}


def pressemitteilung(request: HttpRequest, pk: int) -> HttpResponse:
    pm = get_object_or_404(Pressemitteilung.objects.select_related("organisation"), pk=pk)
    kontext = _presse_kontext(pm) | {"darf_verwalten": request.zugriff.darf(Recht.NETZWERK_VERWALTEN)}
    return render(request, "veranstaltungen/pressemitteilung.html", kontext)


def pressemitteilung_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    pm = get_object_or_404(Pressemitteilung.objects.select_related("organisation"), pk=pk)
    antwort = HttpResponse(
        berichte.pdf("veranstaltungen/pdf/pressemitteilung.html", _presse_kontext(pm)),
        content_type="application/pdf",
    )
    name = berichte.dateiname(f"Pressemitteilung-{pm.nummer_text}-{pm.titel}", "pdf")
    antwort["Content-Disposition"] = f'attachment; filename="{name}"'
    return antwort
