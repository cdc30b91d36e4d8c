"""Aussonderung pages: due Akten → Anbietung (0501) → Bewertung (0502) → Aussonderung (0503) →
Importbestätigung (0506) → confirmed deletion → Vernichtungsprotokoll; and the Löschsperre button.

Views only translate HTTP to ``services.aussonderung``; every lookup goes through the tenant
managers, so another organisation's Verfahren answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from rathausnetz.akten.models import Akte
from rathausnetz.austausch.models import Aussonderungsverfahren
from rathausnetz.austausch.schema import SchemaFehlt, UngueltigeNachricht
from rathausnetz.austausch.services import aussonderung
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht


def _verfahren(pk: int) -> Aussonderungsverfahren:
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    return get_object_or_404(Aussonderungsverfahren.objects, pk=pk)


def _fehler(request: HttpRequest, fehler: Exception) -> None:
    texte = fehler.messages if isinstance(fehler, ValidationError) else [str(fehler)]
    for text in texte:
        messages.error(request, text)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The due list with checkboxes and the running and finished Verfahren; POST starts an Anbietung."""
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("akten") if i.isdigit()]
        if not ids:
            messages.error(request, "Bitte wählen Sie mindestens eine Akte aus.")
        else:
            try:
                anbietung = aussonderung.anbieten(
                    ids, request.POST.get("archiv", ""), request.POST.get("hinweis", "")
                )
            except (ValidationError, PermissionDenied, SchemaFehlt) as fehler:
                _fehler(request, fehler)
            else:
                messages.success(
                    request,
                    f"Das Anbieteverzeichnis mit {len(ids)} Akte(n) ist erstellt. Laden Sie es herunter und "
                    "senden Sie es an das Archiv.",
                )
                return redirect("austausch:aussonderung_verfahren", anbietung.verfahren.pk)
    return render(
        request,
        "austausch/aussonderung/start.html",
        {
            "faellig": aussonderung.faellige_akten(),
            "gesperrt": aussonderung.gesperrte_akten(),
            "verfahren": Aussonderungsverfahren.objects.all()[:100],
            "archiv": request.POST.get("archiv", ""),
            "gewaehlt": set(request.POST.getlist("akten")),
        },
    )


@login_required
def verfahren(request: HttpRequest, pk: int) -> HttpResponse:
    v = _verfahren(pk)
    objekte = list(v.objekte.all())
    return render(
        request,
        "austausch/aussonderung/verfahren.html",
        {
            "v": v,
            "objekte": objekte,
            "anzahl": {b: sum(1 for o in objekte if o.bewertung == b) for b in ("A", "V", "offen")},
            "zu_vernichten": aussonderung.zu_vernichten(v).count(),
            "nachrichten": aussonderung.nachrichten(v),
        },
    )


@login_required
def anbieteverzeichnis(request: HttpRequest, pk: int) -> HttpResponse:
    v = _verfahren(pk)
    nachricht = aussonderung.gesendete_nachricht(v, "0501")
    if nachricht is None:
        raise Http404("Zu diesem Verfahren gibt es kein Anbieteverzeichnis.")
    antwort = HttpResponse(aussonderung.nachricht_lesen(nachricht), content_type="application/xml")
    antwort["Content-Disposition"] = f'attachment; filename="{nachricht.dateiname}"'
    return antwort


@login_required
@require_POST
def aussondern(request: HttpRequest, pk: int) -> HttpResponse:
    """POST (it records a message and changes the status): the 0503 ZIP as download."""
    v = _verfahren(pk)
    try:
        export = aussonderung.aussondern(v)
    except (ValidationError, PermissionDenied, SchemaFehlt) as fehler:
        _fehler(request, fehler)
        return redirect("austausch:aussonderung_verfahren", v.pk)
    return FileResponse(
        export.datei, as_attachment=True, filename=export.dateiname, content_type="application/zip"
    )


@login_required
@require_POST
def hochladen(request: HttpRequest, pk: int) -> HttpResponse:
    """The archive's answer: 0502 (Bewertung) or a receipt 0504/0506/0507."""
    v = _verfahren(pk)
    datei = request.FILES.get("datei")
    if datei is None:
        messages.error(request, "Bitte wählen Sie die Nachricht des Archivs aus.")
        return redirect("austausch:aussonderung_verfahren", v.pk)
    typen = ("0502",) if request.POST.get("art") == "bewertung" else ("0504", "0506", "0507")
    try:
        ergebnis = aussonderung.annehmen(datei, datei.name or "nachricht.xml", v, typen)
    except UngueltigeNachricht as fehler:
        return render(
            request,
            "austausch/aussonderung/verfahren.html",
            {
                "v": v,
                "objekte": list(v.objekte.all()),
                "befunde": fehler.befunde,
                "befund_einleitung": fehler.messages[0],
                "zu_vernichten": aussonderung.zu_vernichten(v).count(),
                "nachrichten": aussonderung.nachrichten(v),
            },
            status=422,
        )
    except (ValidationError, PermissionDenied, SchemaFehlt) as fehler:
        _fehler(request, fehler)
    else:
        messages.success(request, ergebnis.meldung)
        if ergebnis.quittungen:
            messages.info(
                request, "Die Empfangsbestätigung (0505) für das Archiv liegt unten zum Herunterladen."
            )
    return redirect("austausch:aussonderung_verfahren", v.pk)


@login_required
def vernichten(request: HttpRequest, pk: int) -> HttpResponse:
    """The explicit confirmation step: a page listing exactly what will be deleted."""
    v = _verfahren(pk)
    if request.method == "POST":
        try:
            ergebnis = aussonderung.vernichten(v, bestaetigt=request.POST.get("bestaetigt") == "ja")
        except (ValidationError, PermissionDenied) as fehler:
            _fehler(request, fehler)
        else:
            messages.success(request, ergebnis.meldung)
            return redirect("austausch:aussonderung_protokoll", v.pk)
    return render(
        request,
        "austausch/aussonderung/vernichten.html",
        {"v": v, "objekte": aussonderung.zu_vernichten(v)},
    )


@login_required
def protokoll(request: HttpRequest, pk: int) -> HttpResponse:
    v = _verfahren(pk)
    format_ = request.GET.get("format", "")
    if format_ == "csv":
        antwort = HttpResponse(aussonderung.protokoll_csv(v), content_type="text/csv; charset=utf-8")
    elif format_ == "pdf":
        antwort = HttpResponse(aussonderung.protokoll_pdf(v), content_type="application/pdf")
    else:
        return render(
            request,
            "austausch/aussonderung/protokoll.html",
            {"v": v, "objekte": aussonderung.vernichtungsprotokoll(v)},
        )
    antwort["Content-Disposition"] = f'attachment; filename="Vernichtungsprotokoll-{v.prozess_id}.{format_}"'
    return antwort


@login_required
def nachricht(request: HttpRequest, pk: int, typ: str) -> HttpResponse:
    """A message we sent in this Verfahren (0505 receipts for the archive), as XML."""
    v = _verfahren(pk)
    gesendet = aussonderung.gesendete_nachricht(v, typ) if typ in {"0501", "0505"} else None
    if gesendet is None:
        raise Http404("Diese Nachricht gibt es nicht.")
    antwort = HttpResponse(aussonderung.nachricht_lesen(gesendet), content_type="application/xml")
    antwort["Content-Disposition"] = f'attachment; filename="{gesendet.dateiname}"'
    return antwort


@login_required
@require_POST
def loeschsperre(request: HttpRequest, akte_pk: int) -> HttpResponse:
    """Set or lift the legal hold of an Akte (button on the Akte page)."""
    akte = get_object_or_404(Akte.objects, pk=akte_pk)
    grund = request.POST.get("grund", "")
    try:
        if request.POST.get("aktion") == "aufheben":
            aussonderung.loeschsperre_aufheben(akte, grund)
            messages.success(request, f"Die Löschsperre der Akte {akte.aktenzeichen} ist aufgehoben.")
        else:
            aussonderung.loeschsperre_setzen(akte, grund)
            messages.success(
                request,
                f"Die Akte {akte.aktenzeichen} steht unter Löschsperre: "
                "sie wird weder angeboten noch gelöscht.",
            )
    except (ValidationError, PermissionDenied) as fehler:
        _fehler(request, fehler)
    return redirect(akte.get_absolute_url())
