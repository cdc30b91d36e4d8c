"""Posteingangskorb pages: upload, list with live status, one Eingang with its suggestions.

Views translate between HTTP and the services in ``eingang.services``; lookups go through the
tenant-scoped manager, so another organisation's Eingang answers 404.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from rathausnetz import speicher
from rathausnetz.akten.models import Akte, Vorgang
from rathausnetz.akten.services.vorschau import vorschau_pfad
from rathausnetz.eingang.forms import (
    AblageForm,
    HochladenForm,
    PostfachForm,
    RegelForm,
    TeilenForm,
    VerwerfenForm,
)
from rathausnetz.eingang.models import Ablageregel, Eingang, Postfach
from rathausnetz.eingang.services import ablage, annahme, verarbeitung
from rathausnetz.kommunen.models import Organisation
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.forms import fehler_ins_formular
from rathausnetz.zugang.rechte import Recht

OFFEN = Eingang.Erledigung.OFFEN


def _eingang(pk: int) -> Eingang:
    return get_object_or_404(Eingang.objects.select_related("datei", "duplikat_von", "eltern"), pk=pk)


def _darf(request: HttpRequest) -> bool:
    return request.zugriff.darf(Recht.DATEN_BEARBEITEN)


def _fehlertext(fehler: ValidationError | PermissionDenied) -> str:
    return " ".join(fehler.messages) if isinstance(fehler, ValidationError) else str(fehler)


@login_required
def korb(request: HttpRequest) -> HttpResponse:
    form = HochladenForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not _darf(request):
            raise PermissionDenied("Sie dürfen nichts in den Posteingang legen.")
        if form.is_valid():
            angenommen = 0
            for datei in form.cleaned_data["dateien"]:
                try:
                    annahme.hochladen(datei, datei.name or "dokument")
                    angenommen += 1
                except ValidationError as fehler:
                    messages.error(request, _fehlertext(fehler))
            if angenommen:
                messages.success(
                    request,
                    f"{angenommen} Datei{'en' if angenommen != 1 else ''} angenommen; die Verarbeitung "
                    "läuft im Hintergrund.",
                )
            return redirect("eingang:korb")
    ansicht = request.GET.get("ansicht", "offen")
    qs = Eingang.objects.select_related("duplikat_von").order_by("-erstellt_am", "-id")
    qs = qs.exclude(erledigung=OFFEN) if ansicht == "erledigt" else qs.filter(erledigung=OFFEN)
    return render(
        request,
        "eingang/korb.html",
        {
            "form": form,
            "eingaenge": qs[:200],
            "anzahl": qs.count(),
            "ansicht": ansicht,
            "darf_bearbeiten": _darf(request),
        },
    )


@login_required
def zeile(request: HttpRequest, pk: int) -> HttpResponse:
    """One row of the list, polled by htmx while the Eingang is being processed."""
    return render(request, "eingang/_zeile.html", {"e": _eingang(pk)})


def _akten_fuer(eingang: Eingang) -> list[Akte]:
    ids = [v["id"] for v in eingang.vorschlaege.get("akte", [])]
    gefunden = {a.pk: a for a in Akte.objects.filter(pk__in=ids, status=Akte.Status.OFFEN)}
    return [gefunden[i] for i in ids if i in gefunden]


def _vorschlag_start(eingang: Eingang, akten: list[Akte]) -> dict:
    meta = eingang.metadaten or {}
    typen = eingang.vorschlaege.get("dokumenttyp", [])
    return {
        "akte": akten[0].aktenzeichen if akten else "",
        "betreff": meta.get("betreff") or eingang.dateiname.rsplit(".", 1)[0],
        "neuer_vorgang": meta.get("betreff") or eingang.dateiname.rsplit(".", 1)[0],
        "dokumentdatum": meta.get("datum"),
        "absender": meta.get("absender_organisation") or meta.get("absender_person") or "",
        "dokumenttyp": typen[0]["id"] if typen else None,
        "mit_anhaengen": True,
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    eingang = _eingang(pk)
    akten = _akten_fuer(eingang)
    vorgaenge = Vorgang.objects.filter(akte__in=akten[:3]).exclude(status="zda").select_related("akte")[:50]
    form = AblageForm(request.POST or None, initial=_vorschlag_start(eingang, akten), vorgaenge=vorgaenge)
    if request.method == "POST":
        if not _darf(request):
            raise PermissionDenied("Sie dürfen keine Eingänge ablegen.")
        if form.is_valid():
            daten = form.cleaned_data
            akte = daten["akte"]
            vorgang = None
            if daten["vorgang"]:
                vorgang = (
                    Vorgang.objects.filter(pk=daten["vorgang"], akte=akte).select_related("akte").first()
                )
                if vorgang is None:
                    form.add_error("vorgang", "Dieser Vorgang gehört nicht zur gewählten Akte.")
            if not form.errors:
                try:
                    dokument = ablage.ablegen(
                        eingang,
                        vorgang=vorgang,
                        akte=akte,
                        neuer_vorgang=daten["neuer_vorgang"],
                        betreff=daten["betreff"],
                        dokumentdatum=daten["dokumentdatum"],
                        absender=daten["absender"],
                        dokumenttyp=daten["dokumenttyp"],
                        vertraulichkeit=daten["vertraulichkeit"],
                        mit_anhaengen=daten["mit_anhaengen"],
                    )
                except (ValidationError, PermissionDenied) as fehler:
                    if isinstance(fehler, ValidationError):
                        fehler_ins_formular(form, fehler)
                    else:
                        form.add_error(None, str(fehler))
                else:
                    messages.success(
                        request, f"Abgelegt in {dokument.vorgang.akte.aktenzeichen}: {dokument.betreff}."
                    )
                    return _weiter(eingang)
    return render(
        request,
        "eingang/detail.html",
        {
            "e": eingang,
            "form": form,
            "akten_vorschlaege": eingang.vorschlaege.get("akte", []),
            "plan_vorschlaege": eingang.vorschlaege.get("aktenplaneintrag", []),
            "alle_akten": Akte.objects.filter(status=Akte.Status.OFFEN).order_by("-eroeffnet_am")[:500],
            "verwerfen_form": VerwerfenForm(),
            "teilen_form": TeilenForm(),
            "kinder": eingang.kinder.order_by("pk"),
            "darf_bearbeiten": _darf(request),
            "ablegbar": ablage.ablegbar(eingang) and eingang.erledigung == OFFEN,
            "naechster": _naechster(eingang),
        },
    )


def _naechster(eingang: Eingang) -> Eingang | None:
    return (
        Eingang.objects.filter(erledigung=OFFEN, status=Eingang.Status.FERTIG, eltern=None)
        .exclude(pk=eingang.pk)
        .order_by("erstellt_am", "id")
        .first()
    )


def _weiter(eingang: Eingang) -> HttpResponse:
    """After filing, straight to the next waiting Eingang: the clerk works through the basket."""
    naechster = _naechster(eingang)
    return redirect("eingang:detail", naechster.pk) if naechster else redirect("eingang:korb")


@login_required
@require_POST
def verwerfen(request: HttpRequest, pk: int) -> HttpResponse:
    eingang = _eingang(pk)
    if not _darf(request):
        raise PermissionDenied("Dafür fehlt Ihnen die Berechtigung.")
    form = VerwerfenForm(request.POST)
    if form.is_valid():
        try:
            ablage.verwerfen(eingang, form.cleaned_data["grund"])
        except (ValidationError, PermissionDenied) as fehler:
            messages.error(request, _fehlertext(fehler))
            return redirect("eingang:detail", pk)
        messages.success(request, f"„{eingang.dateiname}“ wurde verworfen; die Datei bleibt gespeichert.")
        return _weiter(eingang)
    messages.error(request, "Bitte geben Sie einen Grund an.")
    return redirect("eingang:detail", pk)


@login_required
@require_POST
def teilen(request: HttpRequest, pk: int) -> HttpResponse:
    eingang = _eingang(pk)
    if not _darf(request):
        raise PermissionDenied("Dafür fehlt Ihnen die Berechtigung.")
    form = TeilenForm(request.POST)
    if form.is_valid():
        try:
            teile = ablage.aufteilen(eingang, form.cleaned_data["bereiche"])
        except (ValidationError, PermissionDenied) as fehler:
            messages.error(request, _fehlertext(fehler))
            return redirect("eingang:detail", pk)
        messages.success(request, f"In {len(teile)} Eingänge aufgeteilt; sie werden jetzt verarbeitet.")
        return redirect("eingang:korb")
    messages.error(request, "Bitte geben Sie Seitenbereiche an, z. B. 1-2, 3-5.")
    return redirect("eingang:detail", pk)


@login_required
@require_POST
def wiederholen(request: HttpRequest, pk: int) -> HttpResponse:
    eingang = _eingang(pk)
    if not _darf(request):
        raise PermissionDenied("Dafür fehlt Ihnen die Berechtigung.")
    try:
        verarbeitung.erneut_versuchen(eingang)
    except ValidationError as fehler:
        messages.error(request, _fehlertext(fehler))
    else:
        messages.success(request, "Die Verarbeitung wurde erneut gestartet.")
    return redirect("eingang:detail", pk)


@login_required
def datei(request: HttpRequest, pk: int) -> HttpResponse:
    eingang = _eingang(pk)
    if request.GET.get("fassung") == "pdfa":
        pfad = speicher.abgeleitet_pfad(eingang.datei_id, "pdfa_pdf")
        if not eingang.pdfa or not pfad.exists():
            raise Http404
        name = eingang.dateiname.rsplit(".", 1)[0] + " (PDF-A mit Text).pdf"
        return FileResponse(
            pfad.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
        )
    # Only PDFs and images open in the browser; anything else (also quarantined files of unknown
    # type) is a sandboxed download, so no stored file can ever run as a page of this site.
    mime = eingang.mime_typ or "application/octet-stream"
    inline = request.GET.get("ansicht") == "1" and (mime == "application/pdf" or mime.startswith("image/"))
    antwort = FileResponse(
        speicher.oeffnen(eingang.datei_id),
        as_attachment=not inline,
        filename=eingang.dateiname,
        content_type=mime if inline else "application/octet-stream",
    )
    antwort["X-Content-Type-Options"] = "nosniff"
    if not inline:
        antwort["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return antwort


@login_required
def vorschau(request: HttpRequest, pk: int) -> HttpResponse:
    eingang = _eingang(pk)
    pfad = vorschau_pfad(eingang.datei_id, eingang.mime_typ or eingang.datei.mime_typ)
    if pfad is None:
        raise Http404
    return FileResponse(pfad.open("rb"), content_type="image/png")


def _verwalten(request: HttpRequest) -> None:
    if not request.zugriff.darf(Recht.ORGANISATION_VERWALTEN):
        raise PermissionDenied(
            "Die Einstellungen des Posteingangs pflegt die Administration der Organisation."
        )


@login_required
def einstellungen(request: HttpRequest) -> HttpResponse:
    """Mailboxes and filing rules of the organisation; the consume folder it watches."""
    from django.conf import settings

    _verwalten(request)
    postfach_form = PostfachForm(prefix="postfach")
    regel_form = RegelForm(prefix="regel")
    if request.method == "POST":
        if "postfach-host" in request.POST:
            postfach_form = PostfachForm(
                request.POST,
                prefix="postfach",
                instance=Postfach(organisation_id=request.zugriff.organisation_id),
            )
            if postfach_form.is_valid():
                postfach = postfach_form.save()
                protokolliere(
                    "postfach.angelegt",
                    objekt=postfach,
                    neu={"host": postfach.host, "benutzer": postfach.benutzer},
                )
                messages.success(
                    request, f"Postfach „{postfach}“ angelegt; es wird alle zwei Minuten abgeholt."
                )
                return redirect("eingang:einstellungen")
        else:
            regel_form = RegelForm(request.POST, prefix="regel")
            if regel_form.is_valid():
                regel = Ablageregel.objects.create(
                    organisation_id=request.zugriff.organisation_id, **regel_form.cleaned_data
                )
                protokolliere("ablageregel.angelegt", objekt=regel, neu={"regel": str(regel)})
                messages.success(request, f"Regel „{regel}“ angelegt.")
                return redirect("eingang:einstellungen")
    organisation = request.zugriff.organisation_id
    ordner = Path(settings.EINGANG_ORDNER) / str(organisation)
    kommune = Organisation.objects.get(pk=organisation).kommunen.order_by("ags").first()
    return render(
        request,
        "eingang/einstellungen.html",
        {
            "postfaecher": Postfach.objects.order_by("bezeichnung"),
            "regeln": Ablageregel.objects.select_related("aktenplaneintrag", "akte", "dokumenttyp"),
            "postfach_form": postfach_form,
            "regel_form": regel_form,
            "ordner": ordner,
            "ordner_ags": Path(settings.EINGANG_ORDNER) / kommune.ags if kommune else None,
        },
    )


@login_required
@require_POST
def entfernen(request: HttpRequest, art: str, pk: int) -> HttpResponse:
    _verwalten(request)
    modell = {"postfach": Postfach, "regel": Ablageregel}.get(art)
    if modell is None:
        raise Http404
    objekt = get_object_or_404(modell.objects, pk=pk)
    protokolliere(
        f"{'postfach' if art == 'postfach' else 'ablageregel'}.entfernt",
        objekt=objekt,
        alt={"name": str(objekt)},
    )
    objekt.delete()
    messages.success(request, f"„{objekt}“ entfernt.")
    return redirect("eingang:einstellungen")
