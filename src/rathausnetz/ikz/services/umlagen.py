"""Cost sharing for a cooperation: members and their population from the registry, the calculation
(``umlage.berechnen``), and storing the result with the cooperation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from rathausnetz.ikz.models import Kooperation, Umlage
from rathausnetz.ikz.services import umlage as rechner
from rathausnetz.ikz.services.kooperationen import pruefe_bearbeiten
from rathausnetz.kommunen.models import Bevoelkerungsstand
from rathausnetz.protokoll.services import protokolliere


def einwohner_am(kooperation: Kooperation, stichtag: dt.date | None) -> tuple[dict[str, int], dt.date | None]:
    """Population per member AGS at the latest reference date on or before ``stichtag`` (the
    registry's current figure without one); Landkreise count with the sum of their towns."""
    werte: dict[str, int] = {}
    verwendet: set[dt.date] = set()
    for m in kooperation.mitglieder.select_related("kommune", "kreis"):
        if m.kommune_id:
            stand = None
            if stichtag is not None:
                stand = (
                    Bevoelkerungsstand.objects.filter(kommune=m.kommune, stichtag__lte=stichtag)
                    .order_by("-stichtag")
                    .first()
                )
            if stand is not None:
                werte[m.kommune.ags] = stand.einwohner
                verwendet.add(stand.stichtag)
            else:
                werte[m.kommune.ags] = m.kommune.einwohner
                verwendet.add(m.kommune.einwohner_stichtag)
        else:
            kommunen = m.kreis.kommunen.filter(aktiv=True)
            werte[m.kreis.ags] = sum(k.einwohner for k in kommunen)
            verwendet.update(k.einwohner_stichtag for k in kommunen[:1])
    return werte, (max(verwendet) if verwendet else None)


def beteiligte(
    kooperation: Kooperation,
    stichtag: dt.date | None = None,
    fallzahlen: Mapping[str, object] | None = None,
    prozente: Mapping[str, object] | None = None,
    vorauszahlungen: Mapping[str, object] | None = None,
) -> tuple[list[rechner.Beteiligter], dt.date | None]:
    """The members as calculation input; per-member values keyed by AGS/Kreisschlüssel. Values are
    parsed by the calculator, so bad input yields its German messages."""
    einwohner, verwendet = einwohner_am(kooperation, stichtag)
    fehler: dict[str, str] = {}
    ergebnis = []
    for i, m in enumerate(kooperation.mitglieder.select_related("kommune", "kreis")):
        s = m.schluessel

        def wert(quelle: Mapping[str, object] | None, art: str, s: str = s, i: int = i) -> Decimal | None:
            roh = (quelle or {}).get(s)
            if roh in (None, ""):
                return None
            try:
                return rechner.betrag_parsen(roh, f"beteiligte.{i}.{art}")
            except rechner.UmlageFehler as e:
                fehler.update(e.fehler)
                return None

        ergebnis.append(
            rechner.Beteiligter(
                schluessel=s,
                name=m.name,
                einwohner=einwohner.get(s),
                fallzahl=wert(fallzahlen, "fallzahl"),
                prozent=wert(prozente, "prozent"),
                vorauszahlung=wert(vorauszahlungen, "vorauszahlung") or Decimal(0),
            )
        )
    if fehler:
        raise ValidationError(fehler)
    return ergebnis, verwendet


def _zeile(z: rechner.Umlagezeile) -> dict[str, str | None]:
    return {
        "schluessel": z.schluessel,
        "name": z.name,
        "basiswert": None if z.basiswert is None else str(z.basiswert),
        "anteil": str(z.anteil),
        "sockelbetrag": str(z.sockelbetrag),
        "variabler_betrag": str(z.variabler_betrag),
        "betrag": str(z.betrag),
        "vorauszahlung": str(z.vorauszahlung),
        "saldo": str(z.saldo),
    }


@transaction.atomic
def umlage_berechnen(
    kooperation: Kooperation,
    *,
    bezeichnung: str,
    gesamtbetrag: object,
    verfahren: str,
    stichtag: dt.date | None = None,
    haushaltsjahr: int | None = None,
    fallzahlen: Mapping[str, object] | None = None,
    prozente: Mapping[str, object] | None = None,
    vorauszahlungen: Mapping[str, object] | None = None,
    sockel_prozent: object = None,
    variable_basis: str = rechner.Verfahren.EINWOHNER,
    speichern: bool = True,
) -> Umlage:
    """Compute (and by default store) a cost sharing; every input problem in one German error."""
    zugriff = pruefe_bearbeiten(kooperation)
    bezeichnung = (bezeichnung or "").strip() or f"Umlage {haushaltsjahr or ''}".strip()
    teilnehmer, verwendet = beteiligte(kooperation, stichtag, fallzahlen, prozente, vorauszahlungen)
    try:
        ergebnis = rechner.berechnen(
            gesamtbetrag,
            verfahren,
            teilnehmer,
            sockel_prozent=None if sockel_prozent in (None, "") else sockel_prozent,
            variable_basis=variable_basis or rechner.Verfahren.EINWOHNER,
        )
    except rechner.UmlageFehler as e:
        raise ValidationError({feld: [meldung] for feld, meldung in e.fehler.items()}) from None
    umlage = Umlage(
        kooperation=kooperation,
        bezeichnung=bezeichnung[:200],
        haushaltsjahr=haushaltsjahr,
        gesamtbetrag=ergebnis.gesamtbetrag,
        verfahren=ergebnis.verfahren.value,
        sockel_prozent=ergebnis.sockel_prozent,
        variable_basis=ergebnis.variable_basis.value if ergebnis.variable_basis else "",
        stichtag=verwendet
        if ergebnis.verfahren in (rechner.Verfahren.EINWOHNER,)
        or (
            ergebnis.verfahren == rechner.Verfahren.SOCKEL
            and ergebnis.variable_basis == rechner.Verfahren.EINWOHNER
        )
        else None,
        zeilen=[_zeile(z) for z in ergebnis.zeilen],
        erstellt_von=zugriff.benutzername or "System",
    )
    if speichern:
        umlage.save()
        protokolliere(
            "kooperation.umlage_berechnet",
            objekt=kooperation,
            neu={
                "bezeichnung": umlage.bezeichnung,
                "gesamtbetrag": str(umlage.gesamtbetrag),
                "verfahren": umlage.verfahren,
            },
        )
    return umlage


def ergebnis_von(umlage: Umlage) -> rechner.Umlageergebnis:
    """The stored calculation as the calculator's result type (for CSV and PDF)."""
    zeilen = tuple(
        rechner.Umlagezeile(
            schluessel=z["schluessel"],
            name=z["name"],
            basiswert=None if z["basiswert"] is None else Decimal(z["basiswert"]),
            anteil=Decimal(z["anteil"]),
            sockelbetrag=Decimal(z["sockelbetrag"]),
            variabler_betrag=Decimal(z["variabler_betrag"]),
            betrag=Decimal(z["betrag"]),
            vorauszahlung=Decimal(z["vorauszahlung"]),
            saldo=Decimal(z["saldo"]),
        )
        for z in umlage.zeilen
    )
    return rechner.Umlageergebnis(
        verfahren=rechner.Verfahren(umlage.verfahren),
        gesamtbetrag=umlage.gesamtbetrag,
        zeilen=zeilen,
        sockel_prozent=umlage.sockel_prozent,
        variable_basis=rechner.Verfahren(umlage.variable_basis) if umlage.variable_basis else None,
        summe_vorauszahlungen=sum((z.vorauszahlung for z in zeilen), Decimal(0)),
        summe_saldo=sum((z.saldo for z in zeilen), Decimal(0)),
    )
