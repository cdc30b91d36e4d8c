"""Geschäftsgang pages: Meine Aufgaben, a task, starting a Verfügung, its record, Vertretung and
notification settings, Ablaufvorlagen.

Views translate between HTTP and the services; every lookup goes through the tenant-scoped
managers, so rows of other organisations answer 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rathausnetz.akten.models import Dokument, Dokumentversion, Vorgang
from rathausnetz.geschaeftsgang import forms
from rathausnetz.geschaeftsgang.models import (
    Ablaufvorlage,
    Schrittart,
    Verfuegung,
    Verfuegungsschritt,
    Vertretung,
)
from rathausnetz.geschaeftsgang.services import benachrichtigung, verfuegungen, vertretung, vorlagen
from rathausnetz.zugang.forms import fehler_ins_formular
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht


def _meldung(request: HttpRequest, fehler: ValidationError | PermissionDenied) -> None:
    text = " ".join(fehler.messages) if isinstance(fehler, ValidationError) else str(fehler)
    messages.error(request, text)


def _aufgabe(pk: int) -> Verfuegungsschritt:
    return get_object_or_404(
        Verfuegungsschritt.objects.select_related(
            "verfuegung__vorgang__akte", "verfuegung__dokument", "verfuegung__erstellt_von", "fuer_benutzer",
            "fuer_einheit", "erledigt_von", "in_vertretung_fuer",
        ),
        pk=pk,
    )  # fmt: skip


# --- Meine Aufgaben ------------------------------------------------------------------------------


@login_required
def aufgaben(request: HttpRequest) -> HttpResponse:
    erledigt = request.GET.get("ansicht") == "erledigt"
    liste = list((verfuegungen.meine_erledigten() if erledigt else verfuegungen.meine_aufgaben())[:200])
    return render(
        request,
        "geschaeftsgang/aufgaben.html",
        {"liste": liste, "erledigt": erledigt, "heute": timezone.localdate(), "ich": request.user.pk},
    )


def _dokumente(verfuegung: Verfuegung) -> list[tuple[Dokument, Dokumentversion | None]]:
    qs = Dokument.objects.filter(pk=verfuegung.dokument_id) if verfuegung.dokument_id else None
    if qs is None:
        qs = Dokument.objects.filter(vorgang_id=verfuegung.vorgang_id)
    return [(d, d.versionen.order_by("-nummer").first()) for d in qs.order_by("erstellt_am")]


@login_required
def aufgabe(request: HttpRequest, pk: int) -> HttpResponse:
    schritt = _aufgabe(pk)
    v = schritt.verfuegung
    darf = verfuegungen.darf_handeln(schritt, request.zugriff)
    vertretener = None
    if darf:
        vertretener = verfuegungen.handlungsrecht(schritt, request.zugriff)
    return render(
        request,
        "geschaeftsgang/aufgabe.html",
        {
            "s": schritt,
            "v": v,
            "darf": darf,
            "vertretener": vertretener,
            "vorgang_sichtbar": Vorgang.objects.filter(pk=v.vorgang_id).exists(),
            "dokumente": _dokumente(v),
            "schritte": v.schritte.select_related("fuer_benutzer", "fuer_einheit", "erledigt_von",
                                                  "in_vertretung_fuer").order_by("stufe", "id"),
            "kommentar_form": forms.KommentarForm(),
            "weiter_form": forms.WeiterleitenForm(ohne={request.user.pk, schritt.fuer_benutzer_id or 0}),
            "zeichnen_fehlt": schritt.art == "zeichnung" and not request.zugriff.darf(Recht.ZEICHNEN),
            "geplant": _geplant(v) if darf and schritt.ruecklauf else [],
            "rueckgabe": _rueckgabe(v.vorgaenger) if v.vorgaenger_id else None,
        },
    )  # fmt: skip


def _geplant(v: Verfuegung) -> list[str]:
    """„1. Mitzeichnung – BA – Bauamt“: what a resubmission would route, for the hint beside the button."""
    return [
        f"{g.stufe}. {Schrittart(g.art).label} – "
        f"{g.fuer_benutzer.anzeigename if g.fuer_benutzer else g.fuer_einheit}"
        for g in verfuegungen.geplante_schritte(v)
    ]


def _rueckgabe(vorgaenger: Verfuegung) -> dict[str, Verfuegungsschritt | None]:
    """What the recipients of a resubmitted route should know: why it came back, and what the
    initiator said when resubmitting."""
    schritte = vorgaenger.schritte.select_related("erledigt_von", "in_vertretung_fuer")
    return {
        "zurueckgegeben": schritte.filter(status=Verfuegungsschritt.Status.ZURUECKGEGEBEN).first(),
        "ruecklauf": schritte.filter(ruecklauf=True).first(),
    }


@login_required
@require_POST
def erledigen(request: HttpRequest, pk: int) -> HttpResponse:
    schritt = _aufgabe(pk)
    form = forms.KommentarForm(request.POST)
    form.is_valid()
    try:
        verfuegungen.erledigen(schritt, form.cleaned_data.get("kommentar", ""))
    except (ValidationError, PermissionDenied) as fehler:
        _meldung(request, fehler)
        return redirect(schritt)
    messages.success(request, f"Erledigt: {schritt.get_art_display()} – {schritt.verfuegung.betreff}.")
    return redirect("geschaeftsgang:aufgaben")


@login_required
@require_POST
def zurueckgeben(request: HttpRequest, pk: int) -> HttpResponse:
    schritt = _aufgabe(pk)
    form = forms.KommentarForm(request.POST)
    form.is_valid()
    try:
        verfuegungen.zurueckgeben(schritt, form.cleaned_data.get("kommentar", ""))
    except (ValidationError, PermissionDenied) as fehler:
        _meldung(request, fehler)
        return redirect(schritt)
    messages.success(request, "Zurückgegeben. Die Verfügung liegt wieder bei ihrem Absender.")
    return redirect("geschaeftsgang:aufgaben")


@login_required
@require_POST
def erneut_vorlegen(request: HttpRequest, pk: int) -> HttpResponse:
    schritt = _aufgabe(pk)
    form = forms.KommentarForm(request.POST)
    form.is_valid()
    try:
        neu = verfuegungen.erneut_vorlegen(schritt, form.cleaned_data.get("kommentar", ""))
    except (ValidationError, PermissionDenied) as fehler:
        _meldung(request, fehler)
        return redirect(schritt)
    messages.success(request, f"Erneut vorgelegt: Die Verfügung „{neu.betreff}“ läuft wieder.")
    return redirect(neu)


@login_required
@require_POST
def weiterleiten(request: HttpRequest, pk: int) -> HttpResponse:
    schritt = _aufgabe(pk)
    form = forms.WeiterleitenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bitte wählen Sie eine Person aus Ihrer Organisation.")
        return redirect(schritt)
    try:
        neu = verfuegungen.weiterleiten(
            schritt, form.cleaned_data["benutzer"], form.cleaned_data["kommentar"]
        )
    except (ValidationError, PermissionDenied) as fehler:
        _meldung(request, fehler)
        return redirect(schritt)
    messages.success(request, f"Weitergeleitet an {neu.fuer_benutzer.anzeigename}.")
    return redirect("geschaeftsgang:aufgaben")


# --- Verfügungen ---------------------------------------------------------------------------------


@login_required
def verfuegung_starten(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the full form; POST: rows or a template (button ``vorlage``), from here or the Vorgang page."""
    vorgang = get_object_or_404(Vorgang.objects.select_related("akte"), pk=pk)
    if request.method == "POST" and request.POST.get("vorlage"):
        vorlage = get_object_or_404(Ablaufvorlage.objects, pk=request.POST["vorlage"])
        try:
            v = verfuegungen.verfuegung_aus_vorlage(vorgang, vorlage)
        except (ValidationError, PermissionDenied) as fehler:
            _meldung(request, fehler)
            return redirect(vorgang)
        messages.success(request, f"Verfügung „{v.betreff}“ gestartet.")
        return redirect(vorgang)
    kopf = forms.VerfuegungForm(request.POST or None, vorgang=vorgang)
    zeilen = forms.zeilen(request.POST or None, forms.ZEILEN_SEITE)
    if request.method == "POST":
        gueltig = kopf.is_valid() & all([z.is_valid() for z in zeilen])
        if gueltig:
            angaben = [z.angabe() for z in zeilen if not z.leer]
            try:
                v = verfuegungen.verfuegung_starten(
                    vorgang,
                    angaben,
                    kopf.cleaned_data["betreff"],
                    kopf.cleaned_data["notiz"],
                    kopf.cleaned_data["dokument"],
                )
            except PermissionDenied as fehler:
                _meldung(request, fehler)
            except ValidationError as fehler:
                _fehler_in_zeilen(kopf, zeilen, fehler)
            else:
                messages.success(request, f"Verfügung „{v.betreff}“ gestartet.")
                return redirect(vorgang)
    return render(
        request,
        "geschaeftsgang/verfuegung_starten.html",
        {
            "vorgang": vorgang,
            "kopf": kopf,
            "zeilen": zeilen,
            "vorlagen": Ablaufvorlage.objects.filter(aktiv=True),
        },
    )


def _fehler_in_zeilen(kopf, zeilen, fehler: ValidationError) -> None:
    """Service errors keyed ``schritte.N.feld`` land in the N-th non-empty row."""
    belegt = [z for z in zeilen if not z.leer]
    if not hasattr(fehler, "error_dict"):
        fehler_ins_formular(kopf, fehler)
        return
    for schluessel, meldungen in fehler.message_dict.items():
        teile = schluessel.split(".")
        if teile[0] == "schritte" and len(teile) == 3 and int(teile[1]) < len(belegt):
            feld = "empfaenger" if teile[2] in {"fuer_benutzer", "fuer_einheit", "empfaenger"} else teile[2]
            zeile = belegt[int(teile[1])]
            for m in meldungen:
                zeile.add_error(feld if feld in zeile.fields else None, m)
        else:
            for m in meldungen:
                kopf.add_error(schluessel if schluessel in kopf.fields else None, m)


@login_required
def verfuegung(request: HttpRequest, pk: int) -> HttpResponse:
    v = get_object_or_404(
        Verfuegung.objects.select_related("vorgang__akte", "dokument", "erstellt_von"), pk=pk
    )
    return render(
        request,
        "geschaeftsgang/verfuegung.html",
        {
            "v": v,
            "schritte": v.schritte.select_related("fuer_benutzer", "fuer_einheit", "erledigt_von",
                                                  "in_vertretung_fuer").order_by("stufe", "id"),
            "vermerke": v.vermerke.order_by("zeitpunkt", "id"),
        },
    )  # fmt: skip


# --- Einstellungen: Vertretung, Benachrichtigung -------------------------------------------------


@login_required
def einstellungen(request: HttpRequest) -> HttpResponse:
    ich = request.user.pk
    vform = forms.VertretungForm(ich=ich)
    bform = forms.BenachrichtigungForm(initial={"haeufigkeit": benachrichtigung.haeufigkeit(request.user)})
    if request.method == "POST" and "haeufigkeit" in request.POST:
        bform = forms.BenachrichtigungForm(request.POST)
        if bform.is_valid():
            benachrichtigung.haeufigkeit_setzen(request.user, bform.cleaned_data["haeufigkeit"])
            messages.success(request, "Ihre Einstellung zu E-Mails ist gespeichert.")
            return redirect("geschaeftsgang:einstellungen")
    elif request.method == "POST":
        vform = forms.VertretungForm(request.POST, ich=ich)
        if vform.is_valid():
            try:
                vertretung.vertretung_anlegen(**vform.cleaned_data)
            except (ValidationError, PermissionDenied) as fehler:
                if isinstance(fehler, PermissionDenied):
                    _meldung(request, fehler)
                else:
                    fehler_ins_formular(vform, fehler)
            else:
                messages.success(request, "Die Vertretung ist eingerichtet.")
                return redirect("geschaeftsgang:einstellungen")
    return render(
        request,
        "geschaeftsgang/einstellungen.html",
        {
            "vertretungen": vertretung.meine_vertretungen(),
            "vform": vform,
            "bform": bform,
            "ich": ich,
            "heute": timezone.localdate(),
        },
    )


@login_required
@require_POST
def vertretung_loeschen(request: HttpRequest, pk: int) -> HttpResponse:
    v = get_object_or_404(Vertretung.objects, pk=pk, vertretener_id=request.user.pk)
    vertretung.vertretung_beenden(v)
    messages.success(request, "Die Vertretung ist gelöscht.")
    return redirect("geschaeftsgang:einstellungen")


# --- Ablaufvorlagen ------------------------------------------------------------------------------


@login_required
def vorlagen_liste(request: HttpRequest) -> HttpResponse:
    pruefe_recht(Recht.DATEN_LESEN)
    return render(
        request,
        "geschaeftsgang/vorlagen.html",
        {
            "vorlagen": Ablaufvorlage.objects.prefetch_related(
                "schritte__fuer_benutzer", "schritte__fuer_einheit"
            ),
            "darf": request.zugriff.darf(Recht.ORGANISATION_VERWALTEN),
        },
    )


@login_required
def vorlage_bearbeiten(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    vorlage = get_object_or_404(Ablaufvorlage.objects, pk=pk) if pk else None
    initial_kopf = (
        {"name": vorlage.name, "beschreibung": vorlage.beschreibung, "aktiv": vorlage.aktiv}
        if vorlage
        else None
    )
    initial_zeilen = [
        {
            "stufe": s.stufe,
            "art": s.art,
            "empfaenger": f"p:{s.fuer_benutzer_id}" if s.fuer_benutzer_id else f"e:{s.fuer_einheit_id}",
            "frist_tage": s.frist_tage,
            "notiz": s.notiz,
        }
        for s in (vorlage.schritte.all() if vorlage else [])
    ]
    kopf = forms.VorlageForm(request.POST or None, initial=initial_kopf)
    anzahl = max(forms.ZEILEN_SEITE, len(initial_zeilen) + 2)
    zeilen = forms.zeilen(request.POST or None, anzahl, mit_tagen=True, initial=initial_zeilen)
    if request.method == "POST" and kopf.is_valid() & all([z.is_valid() for z in zeilen]):
        belegt = [z for z in zeilen if not z.leer]
        angaben = [z.angabe() for z in belegt]
        tage = [z.cleaned_data.get("frist_tage") for z in belegt]
        try:
            if vorlage is None:
                vorlage = vorlagen.vorlage_anlegen(
                    kopf.cleaned_data["name"], angaben, tage, kopf.cleaned_data["beschreibung"]
                )
            else:
                vorlagen.vorlage_aendern(
                    vorlage, kopf.cleaned_data["name"], angaben, tage, kopf.cleaned_data["beschreibung"],
                    kopf.cleaned_data["aktiv"],
                )  # fmt: skip
        except ValidationError as fehler:
            _fehler_in_zeilen(kopf, zeilen, fehler)
        else:
            messages.success(request, f"Ablaufvorlage „{vorlage.name}“ gespeichert.")
            return redirect("geschaeftsgang:vorlagen")
    return render(
        request, "geschaeftsgang/vorlage_form.html", {"vorlage": vorlage, "kopf": kopf, "zeilen": zeilen}
    )


@login_required
@require_POST
def vorlage_deaktivieren(request: HttpRequest, pk: int) -> HttpResponse:
    vorlage = get_object_or_404(Ablaufvorlage.objects, pk=pk)
    vorlagen.vorlage_deaktivieren(vorlage)
    messages.success(request, f"Ablaufvorlage „{vorlage.name}“ ist deaktiviert.")
    return redirect("geschaeftsgang:vorlagen")
