"""The tools: partner finder, § 2b UStG check and cost-sharing calculator, with their PDFs."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rathausnetz.ikz.forms import UmlageForm, UstForm
from rathausnetz.ikz.models import Aufgabenbereich, Kooperationsmitglied, Umlage, UstPruefung
from rathausnetz.ikz.services import partnersuche, steuer, umlagen, ust
from rathausnetz.ikz.services import umlage as rechner
from rathausnetz.ikz.services.kooperationen import pruefe_bearbeiten
from rathausnetz.ikz.views.kooperationen import kooperation_oder_404
from rathausnetz.kommunen.models import Kommune
from rathausnetz.kommunen.services.karten import landeskarte
from rathausnetz.kommunen.services.verzeichnis import datalist, schluessel_aus
from rathausnetz.web import pdf as berichte
from rathausnetz.zugang.forms import fehler_ins_formular


def partner(request: HttpRequest) -> HttpResponse:
    eingabe = (request.GET.get("kommune") or "").strip()[:200]
    bereich = request.GET.get("aufgabenbereich", "")
    kontext: dict[str, object] = {
        "eingabe": eingabe,
        "bereich": bereich,
        "bereiche": Aufgabenbereich.objects.all(),
        "kommunen": datalist(),
    }
    if eingabe:
        ags, fehler = schluessel_aus(eingabe)
        if not fehler and len(ags) != 8:
            fehler = "Bitte wählen Sie eine Gemeinde (kein Landkreis)."
        if fehler:
            kontext["fehler"] = fehler
        else:
            try:
                ergebnis = partnersuche.partner_finden(ags, bereich or None)
            except ValidationError as e:
                kontext["fehler"] = " ".join(e.messages)
            else:
                kommune = Kommune.objects.select_related("land").get(ags=ags)
                kontext["ergebnis"] = ergebnis
                kontext["kommune"] = kommune
                karte = landeskarte(kommune.land, ags, [k.ags for k in ergebnis.kandidaten[:5]])
                kontext["karte"] = karte.svg("partner-karte")
    return render(request, "ikz/partnersuche.html", kontext)


@login_required
def ust_neu(request: HttpRequest, pk: int) -> HttpResponse:
    k = kooperation_oder_404(pk)
    pruefe_bearbeiten(k)
    form = UstForm(request.POST or None, kooperation=k, initial=UstForm.vorschlag(k))
    if request.method == "POST" and form.is_valid():
        leistender = None
        if form.cleaned_data["leistender"]:
            leistender = Kooperationsmitglied.objects.filter(
                kooperation=k, pk=form.cleaned_data["leistender"]
            ).first()
        try:
            pruefung = steuer.pruefung_speichern(
                k, form.cleaned_data["leistung"], form.antworten(), leistender
            )
        except ValidationError as e:
            if hasattr(e, "error_dict"):
                umbenannt = {
                    (f"f_{f}" if f"f_{f}" in form.fields else f): m for f, m in e.message_dict.items()
                }
                e = ValidationError(umbenannt)
            fehler_ins_formular(form, e)
        else:
            messages.success(
                request,
                f"Prüfung gespeichert: {pruefung.leistung} – {steuer.ergebnis_label(pruefung.ergebnis)}.",
            )
            return redirect("ikz:ust", pk=pruefung.pk)
    return render(
        request,
        "ikz/ust_form.html",
        {
            "k": k,
            "form": form,
            "tage": ust.tage_bis_pflicht(_heute()),
            "hinweis": ust.HINWEIS_KEINE_STEUERBERATUNG,
        },
    )


@login_required
@require_POST
def ust_vorschau(request: HttpRequest, pk: int) -> HttpResponse:
    """While the clerk answers: which questions still matter, and the preliminary result.
    Nothing is stored; the check on saving is the one that counts."""
    kooperation_oder_404(pk)
    antworten = {
        f.schluessel: request.POST.get(f"f_{f.schluessel}", "")
        for f in ust.FRAGEN
        if request.POST.get(f"f_{f.schluessel}", "").strip()
    }
    erreicht = ust.naechste_fragen(antworten)
    ergebnis = None
    with contextlib.suppress(ust.UstEingabeFehler):
        ergebnis = ust.pruefen(antworten, stichtag=_heute())
    erheblich = {f.schluessel for f in (ergebnis.schritte if ergebnis else erreicht)}
    offen = next((f for f in erreicht if f.schluessel not in antworten), None) if ergebnis is None else None
    return render(
        request,
        "ikz/_ust_vorschau.html",
        {
            "ergebnis": ergebnis,
            "offen": offen,
            "fragen": [(f, f.schluessel in erheblich or f.schluessel in antworten) for f in ust.FRAGEN],
        },
    )


def _heute() -> dt.date:
    return timezone.localdate()


def _pruefung_oder_404(pk: int) -> UstPruefung:
    return get_object_or_404(
        UstPruefung.objects.select_related("kooperation__rechtsform", "leistender__kommune"), pk=pk
    )


def _ust_kontext(pruefung: UstPruefung) -> dict[str, object]:
    return {
        "p": pruefung,
        "k": pruefung.kooperation,
        "label": steuer.ergebnis_label(pruefung.ergebnis),
        "hinweis": ust.HINWEIS_KEINE_STEUERBERATUNG,
        "tage": ust.tage_bis_pflicht(_heute()),
    }


def ust_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "ikz/ust.html", _ust_kontext(_pruefung_oder_404(pk)))


def ust_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    pruefung = _pruefung_oder_404(pk)
    inhalt = berichte.pdf("ikz/pdf/ust.html", _ust_kontext(pruefung))
    antwort = HttpResponse(inhalt, content_type="application/pdf")
    name = berichte.dateiname(
        f"Pruefung-2b-UStG-{pruefung.kooperation.titel}-{pruefung.geprueft_am:%Y-%m-%d}", "pdf"
    )
    antwort["Content-Disposition"] = f'attachment; filename="{name}"'
    return antwort


@login_required
def umlage_neu(request: HttpRequest, pk: int) -> HttpResponse:
    k = kooperation_oder_404(pk)
    pruefe_bearbeiten(k)
    initial = {
        "verfahren": k.modell.aktuelle_fassung.umlage_verfahren
        if k.modell_id and k.modell.aktuelle_fassung
        else "einwohner"
    }
    form = UmlageForm(request.POST or None, kooperation=k, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            umlage = umlagen.umlage_berechnen(
                k,
                bezeichnung=d["bezeichnung"],
                gesamtbetrag=d["gesamtbetrag"],
                verfahren=d["verfahren"],
                stichtag=d["stichtag"],
                haushaltsjahr=d["haushaltsjahr"],
                fallzahlen=form.je_mitglied("fallzahl"),
                prozente=form.je_mitglied("prozent"),
                vorauszahlungen=form.je_mitglied("vorauszahlung"),
                sockel_prozent=d["sockel_prozent"],
                variable_basis=d["variable_basis"],
            )
        except ValidationError as e:
            if hasattr(e, "error_dict"):
                e = ValidationError(_umlagefelder(form, e.message_dict))
            fehler_ins_formular(form, e)
        else:
            messages.success(request, f"Umlage „{umlage.bezeichnung}“ berechnet und gespeichert.")
            return redirect("ikz:umlage", pk=umlage.pk)
    einwohner, stand = umlagen.einwohner_am(k, None)
    return render(
        request, "ikz/umlage_form.html", {"k": k, "form": form, "einwohner": einwohner, "stand": stand}
    )


def _umlagefelder(form: UmlageForm, fehler: dict[str, list[str]]) -> dict[str, list[str]]:
    """Map the calculator's field names (``beteiligte.2.prozent``) onto the form's fields."""
    ergebnis: dict[str, list[str]] = {}
    for feld, meldungen in fehler.items():
        teile = feld.split(".")
        if (
            len(teile) == 3
            and teile[0] == "beteiligte"
            and teile[1].isdigit()
            and int(teile[1]) < len(form.mitglieder)
        ):
            ziel = f"{teile[2]}_{form.mitglieder[int(teile[1])].schluessel}"
            feld = ziel if ziel in form.fields else None
        elif feld not in form.fields:
            feld = None
        ergebnis.setdefault(feld or "__all__", []).extend(meldungen)
    return ergebnis


def _umlage_oder_404(pk: int) -> Umlage:
    return get_object_or_404(Umlage.objects.select_related("kooperation"), pk=pk)


def _umlage_kontext(umlage: Umlage) -> dict[str, object]:
    ergebnis = umlagen.ergebnis_von(umlage)
    return {
        "u": umlage,
        "k": umlage.kooperation,
        "ergebnis": ergebnis,
        "verfahren": rechner.Verfahren(umlage.verfahren).label,
        "zeilen": [
            {
                "z": z,
                "betrag": rechner.euro(z.betrag),
                "sockel": rechner.euro(z.sockelbetrag),
                "variabel": rechner.euro(z.variabler_betrag),
                "vorauszahlung": rechner.euro(z.vorauszahlung),
                "saldo": rechner.euro(z.saldo),
                "anteil": f"{z.anteil * 100:.2f}".replace(".", ",") + " %",
            }
            for z in ergebnis.zeilen
        ],
        "summe": rechner.euro(sum((z.betrag for z in ergebnis.zeilen), Decimal(0))),
        "summe_vorauszahlung": rechner.euro(ergebnis.summe_vorauszahlungen),
        "summe_saldo": rechner.euro(ergebnis.summe_saldo),
        "gesamt": rechner.euro(umlage.gesamtbetrag),
    }


def umlage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "ikz/umlage.html", _umlage_kontext(_umlage_oder_404(pk)))


def umlage_csv(request: HttpRequest, pk: int) -> HttpResponse:
    umlage = _umlage_oder_404(pk)
    inhalt = "\ufeff" + rechner.als_csv(umlagen.ergebnis_von(umlage))
    antwort = HttpResponse(inhalt, content_type="text/csv; charset=utf-8")
    antwort["Content-Disposition"] = (
        f'attachment; filename="{berichte.dateiname(f"Umlage-{umlage.bezeichnung}", "csv")}"'
    )
    return antwort


def umlage_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    umlage = _umlage_oder_404(pk)
    antwort = HttpResponse(
        berichte.pdf("ikz/pdf/umlage.html", _umlage_kontext(umlage)), content_type="application/pdf"
    )
    antwort["Content-Disposition"] = (
        f'attachment; filename="{berichte.dateiname(f"Umlage-{umlage.bezeichnung}", "pdf")}"'
    )
    return antwort
