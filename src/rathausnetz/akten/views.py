"""E-Akte pages: file plan → Akten → Akte → Vorgang → Dokument, Wiedervorlagen, Aussonderung.

Views only translate between HTTP and the services; every lookup of an Akte, Vorgang or
Dokument goes through the tenant-scoped managers, so foreign rows answer 404.
"""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rathausnetz.akten.api import AKTEN_SORTIERUNGEN, akten_abfrage, datei_antwort
from rathausnetz.akten.forms import (
    AkteForm,
    CsvForm,
    DokumentForm,
    EintragForm,
    FreigabeForm,
    HochladenForm,
    VersionForm,
    VorgangForm,
    WiedervorlageForm,
    ZielForm,
)
from rathausnetz.akten.models import (
    Akte,
    Aktenfreigabe,
    Aktenplaneintrag,
    Dokument,
    Dokumentversion,
    Verschiebung,
    Vorgang,
    Wiedervorlage,
)
from rathausnetz.akten.services import akten, aktenplan, dokumente, vorgaenge
from rathausnetz.akten.services.aussonderung import abgelaufene_akten
from rathausnetz.akten.services.verlauf import verlauf_akte, verlauf_dokument, verlauf_vorgang
from rathausnetz.akten.services.vorschau import vorschau_pfad
from rathausnetz.kommunen.models import Organisation
from rathausnetz.pagination import CursorError, paginate, paginate_parts
from rathausnetz.zugang.forms import fehler_ins_formular as _fehler_ins_formular
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht
from rathausnetz.zugang.sichtbarkeit import darf_akte_bearbeiten


def _meldung(request: HttpRequest, fehler: ValidationError | PermissionDenied) -> None:
    text = " ".join(fehler.messages) if isinstance(fehler, ValidationError) else str(fehler)
    messages.error(request, text)


ZAEHLGRENZE = 5000  # the Akten list counts up to here; beyond, it says "mehr als 5.000"
AUF_DER_AKTE = 50  # documents shown on the Akte page; all of them on their own page
VERLAUF_EINTRAEGE = 30  # newest timeline entries on a page; the full log is under Protokoll


def _baum_html(baum, kennzeichen: str, status: str) -> str:
    """The file plan navigation as HTML. Built as a string: 150 entries through the template
    engine cost more than the rest of the page."""
    from urllib.parse import quote

    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    zeilen = []
    for e, tiefe in baum:
        aktuell = ' aria-current="true"' if e.kennzeichen == kennzeichen else ""
        zeilen.append(
            f'<li class="ebene-{tiefe}"><a href="?kennzeichen={quote(e.kennzeichen)}'
            f'&amp;status={escape(status)}"{aktuell}>'
            f'<span class="kennzeichen">{escape(e.kennzeichen)}</span> {escape(e.titel)}</a></li>'
        )
    return mark_safe("<ul>" + "".join(zeilen) + "</ul>")  # noqa: S308 - escaped above


def _akte(pk: int) -> Akte:
    return get_object_or_404(
        Akte.objects.select_related(
            "aktenplaneintrag", "organisationseinheit", "verantwortlich", "organisation"
        ),
        pk=pk,
    )


def _vorgang(pk: int) -> Vorgang:
    return get_object_or_404(
        Vorgang.objects.select_related("akte__aktenplaneintrag", "verantwortlich"), pk=pk
    )


def _dokument(pk: int) -> Dokument:
    return get_object_or_404(Dokument.objects.select_related("vorgang__akte", "dokumenttyp"), pk=pk)


# --- Übersicht und Akten -------------------------------------------------------------------------


@login_required
def uebersicht(request: HttpRequest) -> HttpResponse:
    pruefe_recht(Recht.DATEN_LESEN)
    kennzeichen = request.GET.get("kennzeichen", "").strip()[:40]
    q = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "offen")
    if status not in {"", "offen", "abgeschlossen"}:
        status = "offen"
    sortierung = request.GET.get("sort", "neu")
    if sortierung not in AKTEN_SORTIERUNGEN:
        sortierung = "neu"
    try:
        seite = paginate_parts(
            [
                # the page shows neither the file plan entry nor the sharing that the API lists
                akten_abfrage(q, status, kennzeichen, teil)
                .select_related(None)
                .prefetch_related(None)
                .select_related("organisation")
                for teil in Akte.objects.teile()
            ],
            AKTEN_SORTIERUNGEN[sortierung][1],
            limit=50,
            cursor=request.GET.get("cursor") or None,
            max_count=ZAEHLGRENZE,
        )
    except CursorError:
        raise Http404("Ungültige Seite") from None
    weiter = request.GET.copy()
    weiter["cursor"] = seite.next_cursor or ""
    return render(
        request,
        "akten/uebersicht.html",
        {
            "baum_html": _baum_html(aktenplan.baum(nur_aktive=True), kennzeichen, status),
            "akten": seite.items,
            "anzahl": seite.count,
            "mehr_als": seite.count > ZAEHLGRENZE,
            "zaehlgrenze": ZAEHLGRENZE,
            "weiter": weiter.urlencode() if seite.next_cursor else "",
            "kennzeichen": kennzeichen,
            "q": q,
            "status": status,
            "sortierung": sortierung,
            "sortierungen": [(k, v[0]) for k, v in AKTEN_SORTIERUNGEN.items()],
            "eintrag": Aktenplaneintrag.objects.filter(kennzeichen=kennzeichen).first()
            if kennzeichen
            else None,
        },
    )


@login_required
def akte_neu(request: HttpRequest) -> HttpResponse:
    pruefe_recht(Recht.DATEN_BEARBEITEN)
    initial = {"vertraulichkeit": "offen", "verantwortlich": request.user}
    if eintrag := Aktenplaneintrag.objects.filter(kennzeichen=request.GET.get("kennzeichen", "")).first():
        initial["aktenplaneintrag"] = eintrag
    form = AkteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            daten = dict(form.cleaned_data)
            akte = akten.akte_anlegen(daten.pop("aktenplaneintrag"), **daten)
        except ValidationError as fehler:
            _fehler_ins_formular(form, fehler)
        else:
            messages.success(request, f"Die Akte {akte.aktenzeichen} wurde angelegt.")
            return redirect(akte)
    return render(request, "akten/akte_form.html", {"form": form, "akte": None})


@login_required
def akte_detail(request: HttpRequest, pk: int) -> HttpResponse:
    akte = _akte(pk)
    vorgaenge_ = (
        Vorgang.objects.filter(akte=akte).select_related("verantwortlich").order_by("status", "-erstellt_am")
    )
    alle_dokumente = Dokument.objects.filter(vorgang__akte=akte)
    dokumente_ = alle_dokumente.select_related("vorgang", "dokumenttyp").order_by("-erstellt_am", "-id")[
        :AUF_DER_AKTE
    ]
    eigene = akte.organisation_id == request.zugriff.organisation_id
    return render(
        request,
        "akten/akte.html",
        {
            "akte": akte,
            "vorgaenge": vorgaenge_,
            "dokumente": dokumente_,
            "anzahl_dokumente": alle_dokumente.count(),
            "darf_bearbeiten": darf_akte_bearbeiten(request.zugriff, akte)
            and akte.status == Akte.Status.OFFEN,
            "darf_oeffnen": darf_akte_bearbeiten(request.zugriff, akte)
            and akte.status == Akte.Status.ABGESCHLOSSEN,
            "eigene": eigene,
            "freigaben": Aktenfreigabe.objects.filter(akte=akte).select_related("organisation")
            if eigene
            else [],
            "freigabe_form": FreigabeForm(akte=akte) if eigene else None,
            "vorgang_form": VorgangForm(),
            "verlauf": verlauf_akte(akte, limit=VERLAUF_EINTRAEGE),
        },
    )


@login_required
def akte_dokumente(request: HttpRequest, pk: int) -> HttpResponse:
    """All documents of an Akte, 100 per page (keyset)."""
    akte = _akte(pk)
    qs = Dokument.objects.filter(vorgang__akte=akte).select_related("vorgang", "dokumenttyp")
    try:
        seite = paginate(qs, ["-erstellt_am", "-id"], limit=100, cursor=request.GET.get("cursor") or None)
    except CursorError:
        raise Http404("Ungültige Seite") from None
    return render(
        request,
        "akten/akte_dokumente.html",
        {"akte": akte, "dokumente": seite.items, "anzahl": seite.count, "weiter": seite.next_cursor},
    )


@login_required
def akte_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    akte = _akte(pk)
    felder = ["titel", "beschreibung", "organisationseinheit", "verantwortlich", "vertraulichkeit"]
    form = AkteForm(request.POST or None, initial={f: getattr(akte, f) for f in felder}, akte=akte)
    if request.method == "POST" and form.is_valid():
        try:
            akten.akte_aendern(akte, **form.cleaned_data)
        except ValidationError as fehler:
            _fehler_ins_formular(form, fehler)
        else:
            messages.success(request, "Die Akte wurde gespeichert.")
            return redirect(akte)
    return render(request, "akten/akte_form.html", {"form": form, "akte": akte})


@login_required
@require_POST
def akte_schliessen(request: HttpRequest, pk: int) -> HttpResponse:
    akte = _akte(pk)
    try:
        akten.akte_schliessen(akte)
    except ValidationError as fehler:
        _meldung(request, fehler)
    else:
        hinweis = (
            f" Aussonderung ab {akte.aussonderungsdatum:%d.%m.%Y}."
            if akte.aussonderungsdatum
            else " Dauernd aufzubewahren."
        )
        messages.success(request, f"Die Akte {akte.aktenzeichen} ist geschlossen.{hinweis}")
    return redirect(akte)


@login_required
@require_POST
def akte_oeffnen(request: HttpRequest, pk: int) -> HttpResponse:
    akte = _akte(pk)
    try:
        akten.akte_wieder_oeffnen(akte)
    except ValidationError as fehler:
        _meldung(request, fehler)
    else:
        messages.success(request, f"Die Akte {akte.aktenzeichen} ist wieder geöffnet.")
    return redirect(akte)


@login_required
@require_POST
def akte_freigeben(request: HttpRequest, pk: int) -> HttpResponse:
    akte = _akte(pk)
    form = FreigabeForm(request.POST, akte=akte)
    if form.is_valid():
        try:
            akten.freigeben(akte, form.cleaned_data["organisation"], form.cleaned_data["rolle"])
        except ValidationError as fehler:
            _meldung(request, fehler)
        else:
            messages.success(
                request, f"Die Akte ist für {form.cleaned_data['organisation'].name} freigegeben."
            )
    else:
        messages.error(request, "Bitte Organisation und Rolle wählen.")
    return redirect(akte)


@login_required
@require_POST
def akte_freigabe_entziehen(request: HttpRequest, pk: int, organisation_id: int) -> HttpResponse:
    akte = _akte(pk)
    organisation = get_object_or_404(Organisation.objects, pk=organisation_id)
    akten.freigabe_entziehen(akte, organisation)
    messages.success(request, f"Die Freigabe für {organisation.name} ist entzogen.")
    return redirect(akte)


# --- Vorgänge ------------------------------------------------------------------------------------


@login_required
@require_POST
def vorgang_neu(request: HttpRequest, pk: int) -> HttpResponse:
    akte = _akte(pk)
    form = VorgangForm(request.POST)
    if form.is_valid():
        try:
            vorgang = vorgaenge.vorgang_anlegen(akte, **form.cleaned_data)
        except ValidationError as fehler:
            _meldung(request, fehler)
        else:
            messages.success(request, f"Vorgang „{vorgang.betreff}“ angelegt.")
            return redirect(vorgang)
    else:
        messages.error(request, "Bitte einen Betreff angeben (mindestens 2 Zeichen).")
    return redirect(akte)


@login_required
def vorgang_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vorgang = _vorgang(pk)
    darf = darf_akte_bearbeiten(request.zugriff, vorgang.akte) and vorgang.akte.status == Akte.Status.OFFEN
    return render(
        request,
        "akten/vorgang.html",
        {
            "vorgang": vorgang,
            "akte": vorgang.akte,
            "dokumente": Dokument.objects.filter(vorgang=vorgang)
            .select_related("dokumenttyp")
            .order_by("-erstellt_am"),
            "wiedervorlagen": Wiedervorlage.objects.filter(vorgang=vorgang).select_related(
                "fuer_benutzer", "fuer_einheit"
            ),
            "darf_bearbeiten": darf and vorgang.status != Vorgang.Status.ZDA,
            "darf_wieder": darf and vorgang.status == Vorgang.Status.ZDA,
            "hochladen_form": HochladenForm(),
            "wv_form": WiedervorlageForm(initial={"fuer_benutzer": request.user}),
            "ziel_form": ZielForm(),
            "verlauf": verlauf_vorgang(vorgang, limit=VERLAUF_EINTRAEGE),
            "verschiebungen": Verschiebung.objects.filter(art=Verschiebung.Art.VORGANG, objekt_id=vorgang.pk),
        },
    )


@login_required
@require_POST
def hochladen(request: HttpRequest, pk: int) -> HttpResponse:
    """Several files at once. Each file is its own Dokument; one bad file does not stop the others."""
    vorgang = _vorgang(pk)
    form = HochladenForm(request.POST, request.FILES)
    if not form.is_valid():
        for fehler in form.errors.values():
            messages.error(request, " ".join(fehler))
        return redirect(vorgang)
    angenommen, abgelehnt = [], []
    for datei in form.cleaned_data["dateien"]:
        try:
            with transaction.atomic():
                dokumente.dokument_hochladen(
                    vorgang,
                    datei,
                    datei.name,
                    richtung=form.cleaned_data["richtung"] or Dokument.Richtung.EINGANG,
                    absender=form.cleaned_data["absender"],
                )
            angenommen.append(datei.name)
        except ValidationError as fehler:
            abgelehnt.append(" ".join(fehler.messages))
    if angenommen:
        messages.success(request, f"{len(angenommen)} Dokument(e) abgelegt: {', '.join(angenommen)}.")
    for meldung in abgelehnt:
        messages.error(request, meldung)
    return redirect(vorgang)


@login_required
@require_POST
def vorgang_zda(request: HttpRequest, pk: int) -> HttpResponse:
    vorgang = _vorgang(pk)
    try:
        vorgaenge.vorgang_zda(vorgang)
    except ValidationError as fehler:
        _meldung(request, fehler)
    else:
        messages.success(request, f"„{vorgang.betreff}“ ist zdA.")
    return redirect(vorgang)


@login_required
@require_POST
def vorgang_wieder(request: HttpRequest, pk: int) -> HttpResponse:
    vorgang = _vorgang(pk)
    try:
        vorgaenge.vorgang_wieder_aufnehmen(vorgang)
    except ValidationError as fehler:
        _meldung(request, fehler)
    return redirect(vorgang)


@login_required
@require_POST
def vorgang_verschieben(request: HttpRequest, pk: int) -> HttpResponse:
    vorgang = _vorgang(pk)
    form = ZielForm(request.POST)
    ziel = (
        Akte.objects.filter(aktenzeichen=form.data.get("ziel", "").strip()).first()
        if form.is_valid()
        else None
    )
    if ziel is None:
        messages.error(request, "Keine Akte mit diesem Aktenzeichen gefunden.")
        return redirect(vorgang)
    try:
        vorgaenge.vorgang_verschieben(vorgang, ziel)
    except ValidationError as fehler:
        _meldung(request, fehler)
    else:
        messages.success(request, f"Der Vorgang liegt jetzt in {ziel.aktenzeichen}.")
    return redirect(vorgang)


@login_required
@require_POST
def wiedervorlage_neu(request: HttpRequest, pk: int) -> HttpResponse:
    vorgang = _vorgang(pk)
    form = WiedervorlageForm(request.POST)
    if form.is_valid():
        try:
            vorgaenge.wiedervorlage_anlegen(vorgang, **form.cleaned_data)
        except ValidationError as fehler:
            _meldung(request, fehler)
        else:
            messages.success(request, f"Wiedervorlage am {form.cleaned_data['faellig_am']:%d.%m.%Y} gesetzt.")
    else:
        messages.error(request, "Bitte ein gültiges Datum angeben.")
    return redirect(vorgang)


@login_required
@require_POST
def wiedervorlage_erledigt(request: HttpRequest, pk: int) -> HttpResponse:
    wv = get_object_or_404(Wiedervorlage.objects.select_related("vorgang__akte"), pk=pk)
    try:
        vorgaenge.wiedervorlage_erledigen(wv)
    except ValidationError as fehler:
        _meldung(request, fehler)
    else:
        messages.success(request, "Wiedervorlage erledigt.")
    weiter = request.POST.get("weiter", "")
    return redirect(weiter if weiter in {"/akten/wiedervorlagen/", "/"} else wv.vorgang.get_absolute_url())


# --- Dokumente -----------------------------------------------------------------------------------


@login_required
def dokument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dokument = _dokument(pk)
    akte = dokument.vorgang.akte
    darf = darf_akte_bearbeiten(request.zugriff, akte) and akte.status == Akte.Status.OFFEN
    felder = dokumente.FELDER
    form = DokumentForm(request.POST or None, initial={f: getattr(dokument, f) for f in felder})
    if request.method == "POST":
        if not darf:
            raise PermissionDenied("Dieses Dokument können Sie nicht ändern.")
        if form.is_valid():
            try:
                dokumente.dokument_aendern(dokument, **form.cleaned_data)
            except ValidationError as fehler:
                _fehler_ins_formular(form, fehler)
            else:
                messages.success(request, "Die Angaben zum Dokument wurden gespeichert.")
                return redirect(dokument)
    versionen = list(
        Dokumentversion.objects.filter(dokument=dokument).select_related("datei", "erstellt_von")
    )
    return render(
        request,
        "akten/dokument.html",
        {
            "dokument": dokument,
            "vorgang": dokument.vorgang,
            "akte": akte,
            "form": form,
            "versionen": versionen,
            "aktuell": versionen[0] if versionen else None,
            "darf_bearbeiten": darf,
            "version_form": VersionForm(),
            "ziel_form": ZielForm(),
            "verlauf": verlauf_dokument(dokument),
            "verschiebungen": Verschiebung.objects.filter(
                art=Verschiebung.Art.DOKUMENT, objekt_id=dokument.pk
            ),
            "andere_vorgaenge": Vorgang.objects.filter(akte=akte)
            .exclude(pk=dokument.vorgang_id)
            .exclude(status="zda"),
        },
    )


@login_required
def datei(request: HttpRequest, pk: int, nummer: int) -> FileResponse:
    inline = request.GET.get("ansicht") == "1"
    return datei_antwort(_dokument(pk), nummer, inline=inline)


@login_required
def vorschau(request: HttpRequest, pk: int, nummer: int) -> FileResponse:
    dokument = _dokument(pk)
    version = get_object_or_404(
        Dokumentversion.objects.select_related("datei"), dokument=dokument, nummer=nummer
    )
    pfad = vorschau_pfad(version.datei.sha256, version.datei.mime_typ)
    if pfad is None:
        raise Http404("Keine Vorschau")
    antwort = FileResponse(pfad.open("rb"), content_type="image/png")
    antwort["Cache-Control"] = "private, max-age=86400"
    return antwort


@login_required
@require_POST
def version_neu(request: HttpRequest, pk: int) -> HttpResponse:
    dokument = _dokument(pk)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            v = dokumente.version_hinzufuegen(
                dokument,
                form.cleaned_data["datei"],
                form.cleaned_data["datei"].name,
                form.cleaned_data["kommentar"],
            )
        except ValidationError as fehler:
            _meldung(request, fehler)
        else:
            messages.success(request, f"Version {v.nummer} abgelegt.")
    else:
        messages.error(request, "Bitte eine Datei auswählen.")
    return redirect(dokument)


@login_required
@require_POST
def dokument_verschieben(request: HttpRequest, pk: int) -> HttpResponse:
    dokument = _dokument(pk)
    try:
        ziel = Vorgang.objects.select_related("akte").get(pk=int(request.POST.get("ziel", "")))
    except (ValueError, Vorgang.DoesNotExist):
        messages.error(request, "Diesen Vorgang gibt es nicht.")
        return redirect(dokument)
    try:
        dokumente.dokument_verschieben(dokument, ziel)
    except ValidationError as fehler:
        _meldung(request, fehler)
    else:
        messages.success(
            request, f"Das Dokument liegt jetzt im Vorgang „{ziel.betreff}“ ({ziel.akte.aktenzeichen})."
        )
    return redirect(dokument)


# --- Wiedervorlagen und Aussonderung -------------------------------------------------------------


@login_required
def wiedervorlagen(request: HttpRequest) -> HttpResponse:
    faellig = vorgaenge.nach_faelligkeit(vorgaenge.meine_wiedervorlagen(request.zugriff))
    return render(request, "akten/wiedervorlagen.html", {"faellig": faellig, "heute": timezone.localdate()})


@login_required
def aussonderung(request: HttpRequest) -> HttpResponse:
    pruefe_recht(Recht.DATEN_LESEN)
    return render(
        request, "akten/aussonderung.html", {"akten": abgelaufene_akten().select_related("aktenplaneintrag")}
    )


# --- Aktenplan-Editor ----------------------------------------------------------------------------


@login_required
def aktenplan_editor(request: HttpRequest) -> HttpResponse:
    pruefe_recht(Recht.DATEN_LESEN)
    darf = request.zugriff.darf(Recht.ORGANISATION_VERWALTEN)
    form = EintragForm(request.POST or None)
    if request.method == "POST":
        pruefe_recht(Recht.ORGANISATION_VERWALTEN)
        if form.is_valid():
            try:
                daten = {k: v for k, v in form.cleaned_data.items() if v is not None or k != "gueltig_ab"}
                eintrag = aktenplan.eintrag_anlegen(**daten)
            except ValidationError as fehler:
                _fehler_ins_formular(form, fehler)
            else:
                messages.success(request, f"Eintrag {eintrag} angelegt.")
                return redirect("akten:aktenplan")
    return render(
        request,
        "akten/aktenplan.html",
        {"baum": aktenplan.baum(), "form": form, "csv_form": CsvForm(), "darf_verwalten": darf},
    )


@login_required
def aktenplan_eintrag(request: HttpRequest, pk: int) -> HttpResponse:
    eintrag = get_object_or_404(Aktenplaneintrag.objects, pk=pk)
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    felder = [
        "kennzeichen",
        "titel",
        "beschreibung",
        "aufbewahrungsfrist",
        "archivwuerdigkeit",
        "aktiv",
        "gueltig_ab",
        "uebergeordnet",
    ]
    form = EintragForm(
        request.POST or None, initial={f: getattr(eintrag, f) for f in felder}, eintrag=eintrag
    )
    if request.method == "POST" and "loeschen" in request.POST:
        try:
            aktenplan.eintrag_loeschen(eintrag)
        except ValidationError as fehler:
            _meldung(request, fehler)
            return redirect("akten:aktenplan_eintrag", pk=eintrag.pk)
        messages.success(request, f"Eintrag {eintrag.kennzeichen} gelöscht.")
        return redirect("akten:aktenplan")
    if request.method == "POST" and form.is_valid():
        daten = {k: v for k, v in form.cleaned_data.items() if k not in {"kennzeichen", "uebergeordnet"}}
        if not daten.get("gueltig_ab"):
            daten.pop("gueltig_ab", None)
        try:
            with transaction.atomic():
                aktenplan.eintrag_aendern(eintrag, **daten)
                if form.cleaned_data["uebergeordnet"] != eintrag.uebergeordnet:
                    aktenplan.eintrag_verschieben(eintrag, form.cleaned_data["uebergeordnet"])
        except ValidationError as fehler:
            _fehler_ins_formular(form, fehler)
        else:
            messages.success(request, f"Eintrag {eintrag} gespeichert.")
            return redirect("akten:aktenplan")
    return render(
        request,
        "akten/aktenplan_eintrag.html",
        {"form": form, "eintrag": eintrag, "anzahl_akten": eintrag.akten.count()},
    )


@login_required
def aktenplan_export(request: HttpRequest) -> HttpResponse:
    pruefe_recht(Recht.DATEN_LESEN)
    antwort = HttpResponse(aktenplan.export_csv(), content_type="text/csv; charset=utf-8")
    antwort["Content-Disposition"] = 'attachment; filename="aktenplan.csv"'
    return antwort


@login_required
@require_POST
def aktenplan_import(request: HttpRequest) -> HttpResponse:
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    form = CsvForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Bitte eine CSV-Datei auswählen.")
        return redirect("akten:aktenplan")
    datei_ = form.cleaned_data["datei"]
    if datei_.size > 5 * 1024 * 1024:
        messages.error(request, "Die CSV-Datei ist größer als 5 MB.")
        return redirect("akten:aktenplan")
    try:
        ergebnis = aktenplan.import_csv(datei_.read())
    except aktenplan.CsvFehler as fehler:
        messages.error(request, "Nichts importiert. " + " ".join(fehler.fehler[:20]))
    else:
        messages.success(
            request,
            f"Aktenplan importiert: {ergebnis.neu} neu, {ergebnis.geaendert} geändert, "
            f"{ergebnis.unveraendert} unverändert.",
        )
    return redirect("akten:aktenplan")


@login_required
def einstellungen(request: HttpRequest) -> HttpResponse:
    """Aktenzeichen pattern and document types of the organisation."""
    from rathausnetz.akten.models import Dokumenttyp
    from rathausnetz.akten.services import einrichtung
    from rathausnetz.akten.services.aktenzeichen import muster_fuer

    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    fehler = ""
    if request.method == "POST":
        try:
            if "muster" in request.POST:
                einrichtung.aktenzeichen_muster_setzen(request.POST["muster"][:100])
                messages.success(request, "Das Muster gilt für alle neuen Akten.")
            elif request.POST.get("typ_neu", "").strip():
                einrichtung.dokumenttyp_anlegen(request.POST["typ_neu"][:80])
                messages.success(request, "Dokumenttyp angelegt.")
            elif "typ" in request.POST:
                typ = get_object_or_404(Dokumenttyp.objects, pk=request.POST.get("typ", "0") or 0)
                einrichtung.dokumenttyp_umschalten(typ)
            elif "standard" in request.POST:
                einrichtung.standard_dokumenttypen_anlegen()
            return redirect("akten:einstellungen")
        except ValidationError as e:
            fehler = " ".join(e.messages)
    beispiel = ""
    muster = muster_fuer(request.zugriff.organisation_id)
    with contextlib.suppress(ValueError, KeyError, IndexError):
        beispiel = muster.format(kennzeichen="022.31", laufnummer=1, jahr=timezone.localdate().year, oe="HA")
    return render(
        request,
        "akten/einstellungen.html",
        {
            "muster": request.POST.get("muster", muster),
            "beispiel": beispiel,
            "fehler": fehler,
            "typen": Dokumenttyp.objects.order_by("name"),
        },
    )


@login_required
@require_POST
def aktenplan_muster(request: HttpRequest) -> HttpResponse:
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    from rathausnetz.akten.services.einrichtung import standard_dokumenttypen_anlegen

    ergebnis = aktenplan.demo_aktenplan_laden()
    standard_dokumenttypen_anlegen()
    messages.success(request, f"Muster-Aktenplan übernommen: {ergebnis.neu} Einträge neu.")
    return redirect("akten:aktenplan")
