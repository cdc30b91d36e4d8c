"""Looking after courses (network staff): change, reorder and delete modules, change and delete
sessions, delete or archive a course. Deletions ask first (``netzwerk/loeschen.html``) and happen
only on POST; the services decide whether something may go."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from rathausnetz.netzwerk.forms._felder import als_id
from rathausnetz.netzwerk.forms.kurse import ModulForm, TerminForm
from rathausnetz.netzwerk.models import Kurs, Kursmodul, Kurstermin
from rathausnetz.netzwerk.services import kurspflege
from rathausnetz.netzwerk.services.kurse import Termindaten
from rathausnetz.netzwerk.views._hilfen import Loeschung, loeschen_bestaetigen, nur_netzwerk
from rathausnetz.zugang.forms import fehler_ins_formular


def _modul(pk: int) -> Kursmodul:
    return get_object_or_404(Kursmodul.objects.select_related("kurs"), pk=pk)


def _termin(pk: int) -> Kurstermin:
    return get_object_or_404(Kurstermin.objects.select_related("durchgang__kurs", "modul"), pk=pk)


@nur_netzwerk
def modul_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    modul = _modul(pk)
    form = ModulForm(
        request.POST or None,
        initial={"titel": modul.titel, "beschreibung": modul.beschreibung, "pflicht": modul.pflicht},
    )
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            kurspflege.modul_aendern(modul, c["titel"], c["beschreibung"], c["pflicht"])
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, f"Modul „{modul.titel}“ gespeichert.")
            return redirect(modul.kurs.get_absolute_url())
    return render(
        request,
        "netzwerk/modul_form.html",
        {"form": form, "modul": modul, "k": modul.kurs},
    )


@nur_netzwerk
@require_POST
def modul_verschieben(request: HttpRequest, pk: int) -> HttpResponse:
    modul = _modul(pk)
    try:
        verschoben = kurspflege.modul_verschieben(modul, request.POST.get("richtung", ""))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        if not verschoben:
            messages.info(request, f"„{modul.titel}“ steht bereits an dieser Stelle.")
    return redirect(f"{modul.kurs.get_absolute_url()}#module")


@nur_netzwerk
def modul_loeschen(request: HttpRequest, pk: int) -> HttpResponse:
    modul = _modul(pk)
    kurs_url = modul.kurs.get_absolute_url()
    return loeschen_bestaetigen(
        request,
        Loeschung(
            was=f"das Modul „{modul.titel}“ des Kurses „{modul.kurs.titel}“",
            ausfuehren=lambda: kurspflege.modul_loeschen(modul),
            ziel=kurs_url,
            zurueck=kurs_url,
            grund=kurspflege.modul_loeschbar(modul),
            titel=f"Modul „{modul.titel}“ löschen",
            erfolg=f"Modul „{modul.titel}“ gelöscht.",
        ),
    )


@nur_netzwerk
def termin_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    termin = _termin(pk)
    d = termin.durchgang
    form = TerminForm(
        request.POST or None,
        module=list(d.kurs.module.all()),
        initial={
            "modul": str(termin.modul_id or ""),
            "beginn": termin.beginn,
            "ende": termin.ende,
            "form": termin.form,
            "ort": termin.ort,
            "online_link": termin.online_link,
        },
    )
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        daten = Termindaten(
            c["beginn"], c["ende"], c["form"], c["ort"], c["online_link"], als_id(c.get("modul"))
        )
        try:
            kurspflege.termin_aendern(termin, daten)
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, "Termin gespeichert.")
            return redirect(d.get_absolute_url())
    return render(
        request,
        "netzwerk/termin_form.html",
        {"form": form, "d": d, "termin": termin, "hat_anwesenheit": termin.anwesenheiten.exists()},
    )


@nur_netzwerk
def termin_loeschen(request: HttpRequest, pk: int) -> HttpResponse:
    termin = _termin(pk)
    d = termin.durchgang
    beschreibung = f"{termin.beginn:%d.%m.%Y %H:%M} Uhr" + (f", {termin.modul.titel}" if termin.modul else "")
    return loeschen_bestaetigen(
        request,
        Loeschung(
            was=f"den Termin am {beschreibung} im Durchgang „{d.bezeichnung}“",
            ausfuehren=lambda: kurspflege.termin_loeschen(termin),
            ziel=d.get_absolute_url(),
            zurueck=d.get_absolute_url(),
            grund=kurspflege.termin_loeschbar(termin),
            titel="Termin löschen",
            erfolg=f"Termin am {beschreibung} gelöscht.",
        ),
    )


@nur_netzwerk
def kurs_loeschen(request: HttpRequest, pk: int) -> HttpResponse:
    kurs = get_object_or_404(Kurs, pk=pk)
    bestand = kurspflege.kursbestand(kurs)
    folgen = [
        f"{bestand.module} Module",
        f"{bestand.durchgaenge} Durchgänge mit {bestand.termine} Terminen",
        f"{bestand.teilnahmen} Einschreibungen (die Verwaltungen der Navigatoren sehen die Löschung "
        "in ihrem Protokoll)",
    ]
    return loeschen_bestaetigen(
        request,
        Loeschung(
            was=f"den Kurs „{kurs.titel}“",
            ausfuehren=lambda: kurspflege.kurs_loeschen(kurs),
            ziel=reverse("netzwerk:kurse"),
            zurueck=kurs.get_absolute_url(),
            grund=bestand.grund,
            folgen=folgen,
            archivieren_url=""
            if kurs.status == "archiviert"
            else reverse("netzwerk:kurs_archivieren", args=[kurs.pk]),
            titel=f"Kurs „{kurs.titel}“ löschen",
            erfolg=f"Kurs „{kurs.titel}“ gelöscht.",
        ),
    )


@nur_netzwerk
@require_POST
def kurs_archivieren(request: HttpRequest, pk: int) -> HttpResponse:
    kurs = get_object_or_404(Kurs, pk=pk)
    try:
        kurspflege.kurs_archivieren(kurs)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request, f"Kurs „{kurs.titel}“ archiviert: Er wird nicht mehr angeboten, alle Nachweise bleiben."
        )
    return redirect(kurs.get_absolute_url())
