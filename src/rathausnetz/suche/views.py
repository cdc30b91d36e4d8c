"""The search page: query language, facets as links, keyset pages, search inside one Akte."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from rathausnetz.akten.models import Akte
from rathausnetz.pagination import CursorError
from rathausnetz.suche.services import Auswahl, suchen
from rathausnetz.suche.services.suchen import MAX_ANZAHL
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

FACETTENTITEL = {
    "aktenplan": "Aktenplan",
    "typ": "Dokumenttyp",
    "jahr": "Jahr",
    "richtung": "Richtung",
    "organisation": "Organisation",
}


def _zahl(request: HttpRequest, name: str) -> int | None:
    wert = request.GET.get(name, "")
    return int(wert) if wert.isdigit() and len(wert) < 10 else None


def suche(request: HttpRequest) -> HttpResponse:
    pruefe_recht(Recht.DATEN_LESEN)
    q = request.GET.get("q", "")[:500]
    sortierung = request.GET.get("sort", "relevanz")
    if sortierung not in {"relevanz", "datum"}:
        sortierung = "relevanz"
    akte = get_object_or_404(Akte.objects, pk=_zahl(request, "akte")) if request.GET.get("akte") else None
    richtung = request.GET.get("richtung", "")
    auswahl = Auswahl(
        aktenplan=_zahl(request, "aktenplan"),
        typ=_zahl(request, "typ"),
        jahr=_zahl(request, "jahr"),
        richtung=richtung if richtung in {"eingang", "ausgang", "intern"} else "",
        organisation=_zahl(request, "organisation"),
    )
    cursor = request.GET.get("cursor") or None
    try:
        ergebnis = suchen(
            q, akte_id=akte.pk if akte else None, auswahl=auswahl, sortierung=sortierung, cursor=cursor
        )
    except CursorError:
        raise Http404("Ungültige Seite") from None
    facetten = []
    for name, werte in ergebnis.facetten.items():
        if not werte:
            continue
        gewaehlt = str(getattr(auswahl, name) or "")
        links = []
        for wert in werte:
            parameter = request.GET.copy()
            parameter.pop("cursor", None)
            aktiv = wert.wert == gewaehlt
            if aktiv:
                parameter.pop(name, None)
            else:
                parameter[name] = wert.wert
            links.append(
                {"name": wert.name, "anzahl": wert.anzahl, "aktiv": aktiv, "url": parameter.urlencode()}
            )
        facetten.append({"titel": FACETTENTITEL[name], "links": links})
    weiter = request.GET.copy()
    weiter["cursor"] = ergebnis.weiter or ""
    return render(
        request,
        "suche/suche.html",
        {
            "q": q,
            "akte": akte,
            "sortierung": sortierung,
            "ergebnis": ergebnis,
            "kommunen": ergebnis.kommunen,
            "facetten": facetten,
            "weiter": weiter.urlencode() if ergebnis.weiter else "",
            "erste_seite": not cursor,
            "zaehlgrenze": f"{MAX_ANZAHL:,}".replace(",", "."),
        },
    )
