"""Courses: the public catalogue and course pages; for staff the cohort page with enrolment,
sessions, attendance and completion. A municipality's administration enrols its own Navigatoren
from the course page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from rathausnetz.netzwerk.forms._felder import als_id
from rathausnetz.netzwerk.forms.kurse import DurchgangForm, KursForm, ModulForm, TerminForm
from rathausnetz.netzwerk.models import Anwesenheit, Durchgang, Kurs, Kurstermin, Navigator, Teilnahme
from rathausnetz.netzwerk.models.kurse import Veroeffentlichung
from rathausnetz.netzwerk.services import kurse
from rathausnetz.netzwerk.services.reifegrad.fragebogen import DIMENSIONEN
from rathausnetz.netzwerk.views._hilfen import ist_staff, nur_netzwerk
from rathausnetz.zugang.forms import fehler_ins_formular
from rathausnetz.zugang.rechte import Recht


def kursliste(request: HttpRequest) -> HttpResponse:
    qs = Kurs.objects.select_related("verantwortlich")
    if not ist_staff(request):
        qs = qs.filter(status=Veroeffentlichung.VEROEFFENTLICHT)
    return render(request, "netzwerk/kurse.html", {"kurse": qs, "staff": ist_staff(request)})


def _kurs(pk: int) -> Kurs:
    """The one lookup of a course for pages: drafts exist only for staff."""
    return get_object_or_404(Kurs.objects.select_related("verantwortlich"), pk=pk)


def kurs(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kurs(pk)
    zugriff = request.zugriff
    eigene_navigatoren: list[Navigator] = []
    eingeschrieben: set[tuple[int, int]] = set()
    if zugriff.organisation_id and zugriff.darf(Recht.DATEN_BEARBEITEN) and not ist_staff(request):
        eigene_navigatoren = list(
            Navigator.objects.filter(organisation_id=zugriff.organisation_id, aktiv=True)
        )
        eingeschrieben = set(
            Teilnahme.objects.filter(navigator__in=eigene_navigatoren, durchgang__kurs=k).values_list(
                "durchgang_id", "navigator_id"
            )
        )
    durchgaenge = [
        (
            d,
            termine,
            kurse.belegte_plaetze(d),
            [n for n in eigene_navigatoren if (d.pk, n.pk) not in eingeschrieben],
        )
        for d, termine in kurse.durchgaenge_mit_terminen(k)
    ]
    return render(
        request,
        "netzwerk/kurs.html",
        {
            "k": k,
            "module": list(k.module.all()),
            "durchgaenge": durchgaenge,
            "dimensionen": [DIMENSIONEN[c] for c in k.dimensionen if c in DIMENSIONEN],
            "staff": ist_staff(request),
            "modulform": ModulForm(initial={"pflicht": True}),
            "anmelden": bool(eigene_navigatoren) and k.status == Veroeffentlichung.VEROEFFENTLICHT,
        },
    )


@nur_netzwerk
def kurs_neu(request: HttpRequest) -> HttpResponse:
    form = KursForm(
        request.POST or None, initial={"status": Veroeffentlichung.ENTWURF, "mindestanwesenheit": 80}
    )
    if request.method == "POST" and form.is_valid():
        try:
            k = kurse.kurs_anlegen(form.daten())
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(
                request, f"Kurs „{k.titel}“ angelegt. Fügen Sie nun Module und einen Durchgang hinzu."
            )
            return redirect(k.get_absolute_url())
    return render(request, "netzwerk/kurs_form.html", {"form": form, "titel": "Kurs anlegen"})


@nur_netzwerk
def kurs_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kurs(pk)
    form = KursForm(request.POST or None, initial=KursForm.initial_von(kurse.daten_von(k)))
    if request.method == "POST" and form.is_valid():
        try:
            kurse.kurs_aendern(k, form.daten())
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, "Änderungen gespeichert.")
            return redirect(k.get_absolute_url())
    return render(
        request, "netzwerk/kurs_form.html", {"form": form, "titel": f"{k.titel} bearbeiten", "k": k}
    )


@nur_netzwerk
@require_POST
def modul_neu(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kurs(pk)
    form = ModulForm(request.POST)
    if form.is_valid():
        try:
            modul = kurse.modul_hinzufuegen(
                k, form.cleaned_data["titel"], form.cleaned_data["beschreibung"], form.cleaned_data["pflicht"]
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, f"Modul „{modul.titel}“ hinzugefügt.")
    else:
        messages.error(request, "Bitte geben Sie den Titel des Moduls an (höchstens 200 Zeichen).")
    return redirect(k.get_absolute_url())


@nur_netzwerk
def durchgang_neu(request: HttpRequest, pk: int) -> HttpResponse:
    k = _kurs(pk)
    form = DurchgangForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            durchgang = kurse.durchgang_anlegen(
                k, d["bezeichnung"], als_id(d.get("leitung")), d.get("plaetze")
            )
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, f"Durchgang „{durchgang.bezeichnung}“ angelegt.")
            return redirect(durchgang.get_absolute_url())
    return render(request, "netzwerk/durchgang_form.html", {"form": form, "k": k})


def _durchgang(pk: int) -> Durchgang:
    return get_object_or_404(Durchgang.objects.select_related("kurs", "leitung"), pk=pk)


@nur_netzwerk
def durchgang(request: HttpRequest, pk: int) -> HttpResponse:
    d = _durchgang(pk)
    teilnahmen = list(
        Teilnahme.objects.filter(durchgang=d).select_related("navigator__kommune", "zertifikat")
    )
    termine = list(Kurstermin.objects.filter(durchgang=d).select_related("modul"))
    stand = kurse.fortschritte(d)
    anwesend = {
        (a.teilnahme_id, a.termin_id): a.anwesend for a in Anwesenheit.objects.filter(termin__durchgang=d)
    }
    zeilen = [(t, stand[t.pk], [anwesend.get((t.pk, termin.pk)) for termin in termine]) for t in teilnahmen]
    eingeschrieben = {t.navigator_id for t in teilnahmen}
    return render(
        request,
        "netzwerk/durchgang.html",
        {
            "d": d,
            "zeilen": zeilen,
            "termine": termine,
            "navigatoren": Navigator.objects.filter(aktiv=True)
            .exclude(pk__in=eingeschrieben)
            .select_related("kommune"),
            "belegt": kurse.belegte_plaetze(d),
            "ohne_termin": kurse.pflichtmodule_ohne_termin(d),
            "terminform": TerminForm(module=list(d.kurs.module.all())),
        },
    )


@nur_netzwerk
def termin_neu(request: HttpRequest, pk: int) -> HttpResponse:
    d = _durchgang(pk)
    form = TerminForm(request.POST or None, module=list(d.kurs.module.all()))
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            kurse.termin_anlegen(
                d, c["beginn"], c["ende"], c["form"], c["ort"], c["online_link"], als_id(c.get("modul"))
            )
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, "Termin angelegt.")
            return redirect(d.get_absolute_url())
    return render(request, "netzwerk/termin_form.html", {"form": form, "d": d})


@login_required
@require_POST
def einschreiben(request: HttpRequest, pk: int) -> HttpResponse:
    d = _durchgang(pk)
    navigator = get_object_or_404(Navigator, pk=als_id(request.POST.get("navigator")) or 0)
    try:
        t = kurse.einschreiben(d, navigator)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"{t.navigator.name} ist in „{d.bezeichnung}“ eingeschrieben.")
    return redirect(d.get_absolute_url() if ist_staff(request) else d.kurs.get_absolute_url())


@nur_netzwerk
def anwesenheit(request: HttpRequest, pk: int) -> HttpResponse:
    termin = get_object_or_404(Kurstermin.objects.select_related("durchgang__kurs", "modul"), pk=pk)
    teilnahmen = list(
        Teilnahme.objects.filter(durchgang=termin.durchgang)
        .exclude(status=Teilnahme.Status.ABGEBROCHEN)
        .select_related("navigator__kommune")
    )
    if request.method == "POST":
        gewaehlt = {int(v) for v in request.POST.getlist("anwesend") if v.isdigit()}
        try:
            anzahl = kurse.anwesenheit_erfassen(termin, gewaehlt)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, f"Anwesenheit gespeichert: {anzahl} von {len(teilnahmen)} anwesend.")
            return redirect(termin.durchgang.get_absolute_url())
    vorhanden = dict(termin.anwesenheiten.values_list("teilnahme_id", "anwesend"))
    return render(
        request,
        "netzwerk/anwesenheit.html",
        {"termin": termin, "zeilen": [(t, vorhanden.get(t.pk)) for t in teilnahmen]},
    )


@nur_netzwerk
@require_POST
def abschluesse(request: HttpRequest, pk: int) -> HttpResponse:
    d = _durchgang(pk)
    bericht = kurse.abschluesse_feststellen(d)
    if bericht.neu_abgeschlossen:
        namen = ", ".join(t.navigator.name for t in bericht.neu_abgeschlossen)
        messages.success(
            request,
            f"Abschluss festgestellt und Zertifikat ausgestellt für {namen} "
            f"({len(bericht.neu_abgeschlossen)} Person{'en' if len(bericht.neu_abgeschlossen) > 1 else ''}).",
        )
    else:
        messages.info(request, "Niemand hat die Abschlussbedingungen neu erfüllt.")
    if bericht.offen:
        messages.info(request, f"{bericht.offen} Teilnehmende erfüllen die Bedingungen noch nicht.")
    return redirect(d.get_absolute_url())


@nur_netzwerk
@require_POST
def teilnahme_abbrechen(request: HttpRequest, pk: int) -> HttpResponse:
    t = get_object_or_404(Teilnahme.objects.select_related("durchgang", "navigator"), pk=pk)
    try:
        kurse.teilnahme_abbrechen(t)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Teilnahme von {t.navigator.name} als abgebrochen vermerkt.")
    return redirect(t.durchgang.get_absolute_url())
