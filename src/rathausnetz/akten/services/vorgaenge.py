"""Vorgänge: create, change, zdA and reopen, move to another Akte; Wiedervorlagen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from rathausnetz.akten.models import Akte, Verschiebung, Vorgang, Wiedervorlage
from rathausnetz.akten.services.akten import pruefe_bearbeiten
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff, aktueller_zugriff

FELDER = ["betreff", "frist", "verantwortlich", "status"]


def _werte(vorgang: Vorgang) -> dict[str, object]:
    return {f: getattr(vorgang, f) for f in [*FELDER, "zda_am"]} | {"akte": vorgang.akte.aktenzeichen}


@transaction.atomic
def vorgang_anlegen(akte: Akte, betreff: str, frist: dt.date | None = None, verantwortlich=None) -> Vorgang:
    pruefe_bearbeiten(akte)
    vorgang = Vorgang(
        organisation_id=akte.organisation_id,
        akte=akte,
        betreff=betreff.strip(),
        frist=frist,
        verantwortlich=verantwortlich,
    )
    vorgang.full_clean()
    vorgang.save()
    protokolliere("vorgang.angelegt", objekt=vorgang, neu=_werte(vorgang))
    return vorgang


@transaction.atomic
def vorgang_aendern(vorgang: Vorgang, **felder: object) -> Vorgang:
    pruefe_bearbeiten(vorgang.akte)
    erlaubt = {"betreff", "frist", "verantwortlich", "status"}
    if set(felder) - erlaubt:
        raise ValueError(f"nicht änderbar: {set(felder) - erlaubt}")
    if felder.get("status") == Vorgang.Status.ZDA:
        raise ValidationError({"status": "Zum Abschließen bitte „zdA“ verwenden."})
    if vorgang.status == Vorgang.Status.ZDA:
        raise ValidationError("Der Vorgang ist zdA. Nehmen Sie ihn wieder auf, um etwas zu ändern.")
    alt = _werte(vorgang)
    for name, wert in felder.items():
        setattr(vorgang, name, wert.strip() if isinstance(wert, str) else wert)
    vorgang.full_clean()
    vorgang.save()
    protokolliere("vorgang.geaendert", objekt=vorgang, alt=alt, neu=_werte(vorgang))
    return vorgang


@transaction.atomic
def vorgang_zda(vorgang: Vorgang, am: dt.date | None = None) -> Vorgang:
    """zu den Akten: nothing more to do. Open Wiedervorlagen are settled with it."""
    zugriff = pruefe_bearbeiten(vorgang.akte)
    if vorgang.status == Vorgang.Status.ZDA:
        raise ValidationError("Der Vorgang ist bereits zdA.")
    alt = _werte(vorgang)
    vorgang.status = Vorgang.Status.ZDA
    vorgang.zda_am = am or timezone.localdate()
    vorgang.save()
    offen = Wiedervorlage.objects.filter(vorgang=vorgang, erledigt_am__isnull=True)
    anzahl = offen.update(erledigt_am=timezone.now(), erledigt_von_id=zugriff.benutzer_id)
    protokolliere(
        "vorgang.zda", objekt=vorgang, alt=alt, neu=_werte(vorgang), daten={"wiedervorlagen_erledigt": anzahl}
    )
    return vorgang


@transaction.atomic
def vorgang_wieder_aufnehmen(vorgang: Vorgang) -> Vorgang:
    pruefe_bearbeiten(vorgang.akte)
    if vorgang.status != Vorgang.Status.ZDA:
        raise ValidationError("Der Vorgang ist nicht zdA.")
    alt = _werte(vorgang)
    vorgang.status = Vorgang.Status.IN_BEARBEITUNG
    vorgang.zda_am = None
    vorgang.save()
    protokolliere("vorgang.wieder_aufgenommen", objekt=vorgang, alt=alt, neu=_werte(vorgang))
    return vorgang


@transaction.atomic
def vorgang_verschieben(vorgang: Vorgang, ziel: Akte) -> Vorgang:
    """File a Vorgang in another Akte of the same organisation; the old Aktenzeichen is kept."""
    zugriff = pruefe_bearbeiten(vorgang.akte)
    pruefe_bearbeiten(ziel)
    if ziel.organisation_id != vorgang.organisation_id:
        raise ValidationError("Vorgänge können nur innerhalb derselben Organisation verschoben werden.")
    if ziel.pk == vorgang.akte_id:
        raise ValidationError("Der Vorgang liegt bereits in dieser Akte.")
    von = vorgang.akte
    vorgang.akte = ziel
    vorgang.save(update_fields=["akte"])
    Verschiebung.objects.create(
        organisation_id=vorgang.organisation_id,
        art=Verschiebung.Art.VORGANG,
        objekt_id=vorgang.pk,
        von_aktenzeichen=von.aktenzeichen,
        nach_aktenzeichen=ziel.aktenzeichen,
        benutzer_id=zugriff.benutzer_id,
    )
    protokolliere(
        "vorgang.verschoben", objekt=vorgang, alt={"akte": von.aktenzeichen}, neu={"akte": ziel.aktenzeichen}
    )
    return vorgang


# --- Wiedervorlagen ------------------------------------------------------------------------------


@transaction.atomic
def wiedervorlage_anlegen(
    vorgang: Vorgang, faellig_am: dt.date, notiz: str = "", fuer_benutzer=None, fuer_einheit=None
) -> Wiedervorlage:
    zugriff = pruefe_bearbeiten(vorgang.akte)
    if vorgang.status == Vorgang.Status.ZDA:
        raise ValidationError("Der Vorgang ist zdA; eine Wiedervorlage ist nicht mehr nötig.")
    if faellig_am < timezone.localdate():
        raise ValidationError({"faellig_am": "Das Datum liegt in der Vergangenheit."})
    if fuer_einheit is not None and fuer_einheit.organisation_id != vorgang.organisation_id:
        raise ValidationError({"fuer_einheit": "Die Einheit gehört nicht zur Organisation der Akte."})
    if fuer_benutzer is None and fuer_einheit is None:
        fuer_benutzer = vorgang.verantwortlich or (_benutzer(zugriff) if zugriff.benutzer_id else None)
    if fuer_benutzer is None and fuer_einheit is None:
        raise ValidationError({"fuer_benutzer": "Bitte angeben, für wen die Wiedervorlage ist."})
    wv = Wiedervorlage(
        organisation_id=vorgang.organisation_id,
        vorgang=vorgang,
        faellig_am=faellig_am,
        notiz=notiz.strip(),
        fuer_benutzer=fuer_benutzer,
        fuer_einheit=fuer_einheit,
    )
    wv.full_clean()
    wv.save()
    protokolliere(
        "wiedervorlage.angelegt",
        objekt=wv,
        neu={
            "faellig_am": faellig_am,
            "notiz": wv.notiz,
            "fuer_benutzer": fuer_benutzer,
            "fuer_einheit": fuer_einheit,
        },
    )
    return wv


def _benutzer(zugriff: Zugriff):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=zugriff.benutzer_id)


@transaction.atomic
def wiedervorlage_erledigen(wv: Wiedervorlage) -> Wiedervorlage:
    zugriff = pruefe_bearbeiten(wv.vorgang.akte)
    if wv.erledigt_am is not None:
        raise ValidationError("Die Wiedervorlage ist bereits erledigt.")
    wv.erledigt_am = timezone.now()
    wv.erledigt_von_id = zugriff.benutzer_id
    wv.save(update_fields=["erledigt_am", "erledigt_von"])
    protokolliere("wiedervorlage.erledigt", objekt=wv)
    return wv


def meine_wiedervorlagen(zugriff: Zugriff | None = None) -> QuerySet[Wiedervorlage]:
    """Open Wiedervorlagen for the user: addressed to them or to their unit."""
    zugriff = zugriff or aktueller_zugriff()
    bedingung = Q(fuer_benutzer_id=zugriff.benutzer_id)
    if zugriff.einheit_id:
        bedingung |= Q(fuer_einheit_id=zugriff.einheit_id, fuer_benutzer__isnull=True)
    return (
        Wiedervorlage.objects.filter(bedingung, erledigt_am__isnull=True)
        .select_related("vorgang__akte")
        .order_by("faellig_am", "id")
    )


@dataclass
class Faelligkeit:
    ueberfaellig: list[Wiedervorlage]
    heute: list[Wiedervorlage]
    diese_woche: list[Wiedervorlage]
    spaeter: list[Wiedervorlage]

    @property
    def anzahl_dringend(self) -> int:
        return len(self.ueberfaellig) + len(self.heute)


def nach_faelligkeit(wiedervorlagen, heute: dt.date | None = None) -> Faelligkeit:
    heute = heute or timezone.localdate()
    wochenende = heute + dt.timedelta(days=6 - heute.weekday())
    ergebnis = Faelligkeit([], [], [], [])
    for wv in wiedervorlagen:
        if wv.faellig_am < heute:
            ergebnis.ueberfaellig.append(wv)
        elif wv.faellig_am == heute:
            ergebnis.heute.append(wv)
        elif wv.faellig_am <= wochenende:
            ergebnis.diese_woche.append(wv)
        else:
            ergebnis.spaeter.append(wv)
    return ergebnis
