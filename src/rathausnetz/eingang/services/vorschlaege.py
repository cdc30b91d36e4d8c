"""Filing suggestions: the organisation's rules first, then its trained classifier.

Suggestions are stored on the Eingang as plain data (ids, labels, confidence), so the
Posteingangskorb shows them without loading a model; the clerk confirms or corrects.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from rathausnetz.akten.models import Akte, Aktenplaneintrag, Dokument, Dokumenttyp, Dokumentversion
from rathausnetz.eingang.models import Ablagemodell, Ablageregel

logger = logging.getLogger(__name__)

ZIELE = ("aktenplaneintrag", "akte", "dokumenttyp")
#: retrain once this many documents were filed since the last training
NEUE_ABLAGEN_FUER_TRAINING = 20
MAX_TRAININGSBEISPIELE = 5000
_modelle: dict[int, tuple[object, object]] = {}


def _bezeichnung(ziel: str, pk: int) -> str | None:
    if ziel == "aktenplaneintrag":
        e = Aktenplaneintrag._base_manager.filter(pk=pk, aktiv=True).first()
        return f"{e.kennzeichen} {e.titel}" if e else None
    if ziel == "akte":
        a = Akte._base_manager.filter(pk=pk, status=Akte.Status.OFFEN).first()
        return f"{a.aktenzeichen} – {a.titel}" if a else None
    t = Dokumenttyp._base_manager.filter(pk=pk, aktiv=True).first()
    return t.name if t else None


def _regeln(organisation_id: int, felder: dict[str, str]) -> Iterable[Ablageregel]:
    for regel in Ablageregel._base_manager.filter(organisation_id=organisation_id, aktiv=True):
        if regel.enthaelt.casefold() in felder.get(regel.feld, "").casefold():
            yield regel


def _modell(organisation_id: int):
    zeile = Ablagemodell._base_manager.filter(organisation_id=organisation_id).only("trainiert_am").first()
    if zeile is None:
        return None
    from rathausnetz.eingang.klassifikator import Ablagemodell as Klassifikator

    zwischen = _modelle.get(organisation_id)
    if zwischen is None or zwischen[0] != zeile.trainiert_am:
        daten = Ablagemodell._base_manager.values_list("daten", flat=True).get(pk=zeile.pk)
        zwischen = (zeile.trainiert_am, Klassifikator.aus_bytes(bytes(daten)))
        _modelle[organisation_id] = zwischen
    return zwischen[1]


def vorschlaege_fuer(organisation_id: int, *, text: str, absender: str, betreff: str, dateiname: str) -> dict:
    ergebnis: dict[str, list[dict]] = {ziel: [] for ziel in ZIELE}
    felder = {"absender": absender, "betreff": betreff, "text": text, "dateiname": dateiname}
    for regel in _regeln(organisation_id, felder):
        for ziel in ZIELE:
            pk = getattr(regel, f"{ziel}_id")
            if pk and not any(v["id"] == pk for v in ergebnis[ziel]):
                name = _bezeichnung(ziel, pk)
                if name:
                    ergebnis[ziel].append(
                        {"id": pk, "bezeichnung": name, "konfidenz": 1.0, "quelle": f"Regel: {regel}"}
                    )
    modell = _modell(organisation_id)
    if modell is not None:
        for v in modell.vorschlagen(text, absender=absender, betreff=betreff, anzahl=3):
            if any(x["id"] == v.wert_id for x in ergebnis[v.ziel]):
                continue
            name = _bezeichnung(v.ziel, v.wert_id)
            if name:
                ergebnis[v.ziel].append(
                    {
                        "id": v.wert_id,
                        "bezeichnung": name,
                        "konfidenz": round(v.konfidenz, 3),
                        "quelle": "Modell",
                    }
                )
    return ergebnis


def _beispiele(organisation_id: int):
    from rathausnetz.eingang.klassifikator import Beispiel

    letzter_text = (
        Dokumentversion._base_manager.filter(dokument=OuterRef("pk")).order_by("-nummer").values("text")[:1]
    )
    zeilen = (
        Dokument._base_manager.filter(organisation_id=organisation_id)
        .order_by("-pk")
        .values(
            "betreff", "absender", "dokumenttyp_id", "vorgang__akte_id", "vorgang__akte__aktenplaneintrag_id"
        )
        .annotate(text=Subquery(letzter_text))[:MAX_TRAININGSBEISPIELE]
    )
    return [
        Beispiel(
            text=(z["text"] or "")[:20_000],
            absender=z["absender"],
            betreff=z["betreff"],
            aktenplaneintrag_id=z["vorgang__akte__aktenplaneintrag_id"],
            akte_id=z["vorgang__akte_id"],
            dokumenttyp_id=z["dokumenttyp_id"],
        )
        for z in zeilen
    ]


def trainieren(organisation_id: int) -> Ablagemodell | None:
    """Train on the organisation's filed documents; ``None`` while there are too few."""
    from rathausnetz.eingang.klassifikator import Ablagemodell as Klassifikator

    beispiele = _beispiele(organisation_id)
    modell = Klassifikator.trainieren(beispiele)
    if modell is None:
        return None
    with transaction.atomic():
        zeile, _ = Ablagemodell._base_manager.update_or_create(
            organisation_id=organisation_id,
            defaults={
                "daten": modell.als_bytes(),
                "anzahl_beispiele": len(beispiele),
                "trainiert_am": timezone.now(),
            },
        )
    logger.info(
        "Ablagemodell für Organisation %s mit %s Dokumenten trainiert", organisation_id, len(beispiele)
    )
    return zeile


def training_faellig(organisation_id: int) -> bool:
    from rathausnetz.eingang.klassifikator import Ablagemodell as Klassifikator

    zeile = Ablagemodell._base_manager.filter(organisation_id=organisation_id).only("trainiert_am").first()
    dokumente = Dokument._base_manager.filter(organisation_id=organisation_id)
    if zeile is None:
        return dokumente.count() >= Klassifikator.MINDESTBEISPIELE
    return dokumente.filter(erstellt_am__gt=zeile.trainiert_am).count() >= NEUE_ABLAGEN_FUER_TRAINING
