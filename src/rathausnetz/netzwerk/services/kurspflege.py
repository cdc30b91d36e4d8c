"""Looking after existing courses (network staff only): change, reorder and delete modules, change
and delete sessions, delete or archive a course.

Deleting never destroys evidence. A course whose cohorts have certificates, recorded attendance or
completed participations cannot be deleted — it is archived instead (``Kurs.status``). A module that
sessions still refer to, and a session with recorded attendance, cannot be deleted either. Every
change writes one audit entry, before the row goes, so that the entry still names it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from rathausnetz.netzwerk.models import (
    Anwesenheit,
    Durchgang,
    Kurs,
    Kursmodul,
    Kurstermin,
    Teilnahme,
    Zertifikat,
)
from rathausnetz.netzwerk.models.kurse import Veroeffentlichung
from rathausnetz.netzwerk.services._gemeinsam import Fehler, melde, netzwerk_zugriff, pruefe_text, wirf
from rathausnetz.netzwerk.services.kurse import Termindaten, termin_pruefen, terminwerte
from rathausnetz.protokoll.services import protokolliere

HOCH = "hoch"
RUNTER = "runter"


# --- modules ----------------------------------------------------------------------------------


def _modulwerte(modul: Kursmodul) -> dict[str, object]:
    return {
        "kurs": modul.kurs.titel,
        "titel": modul.titel,
        "beschreibung": modul.beschreibung,
        "pflicht": modul.pflicht,
        "reihenfolge": modul.reihenfolge,
    }


@transaction.atomic
def modul_aendern(modul: Kursmodul, titel: str, beschreibung: str = "", pflicht: bool = True) -> Kursmodul:
    netzwerk_zugriff()
    fehler: Fehler = {}
    titel = pruefe_text(fehler, "titel", titel, 200, "Bitte geben Sie den Titel des Moduls an.")
    beschreibung = pruefe_text(fehler, "beschreibung", beschreibung, 5_000)
    if (
        titel
        and Kursmodul._base_manager.filter(kurs_id=modul.kurs_id, titel__iexact=titel)
        .exclude(pk=modul.pk)
        .exists()
    ):
        melde(fehler, "titel", f"Das Modul „{titel}“ gibt es in diesem Kurs schon.")
    wirf(fehler)
    alt = _modulwerte(modul)
    modul.titel, modul.beschreibung, modul.pflicht = titel, beschreibung, bool(pflicht)
    modul.save(update_fields=["titel", "beschreibung", "pflicht"])
    protokolliere(
        "kursmodul.geaendert",
        objekt=modul,
        organisation_id=modul.kurs.organisation_id,
        alt=alt,
        neu=_modulwerte(modul),
    )
    return modul


def _nummerieren(kurs_id: int) -> list[Kursmodul]:
    """The course's modules in their order, numbered 1..n without gaps (deleting leaves gaps)."""
    module = list(
        Kursmodul._base_manager.select_for_update().filter(kurs_id=kurs_id).order_by("reihenfolge", "id")
    )
    for nummer, modul in enumerate(module, start=1):
        if modul.reihenfolge != nummer:
            modul.reihenfolge = nummer
            modul.save(update_fields=["reihenfolge"])
    return module


@transaction.atomic
def modul_verschieben(modul: Kursmodul, richtung: str) -> bool:
    """Swap the module with its neighbour above (``hoch``) or below (``runter``). False when it
    already is first or last (nothing changes, nothing is audited)."""
    netzwerk_zugriff()
    if richtung not in (HOCH, RUNTER):
        raise ValidationError("Bitte verschieben Sie ein Modul nach oben oder nach unten.")
    module = _nummerieren(modul.kurs_id)
    index = next(i for i, m in enumerate(module) if m.pk == modul.pk)
    ziel = index - 1 if richtung == HOCH else index + 1
    if not 0 <= ziel < len(module):
        return False
    nachbar, eigenes = module[ziel], module[index]
    alt = [m.titel for m in module]
    eigenes.reihenfolge, nachbar.reihenfolge = nachbar.reihenfolge, eigenes.reihenfolge
    eigenes.save(update_fields=["reihenfolge"])
    nachbar.save(update_fields=["reihenfolge"])
    module[index], module[ziel] = module[ziel], module[index]
    protokolliere(
        "kursmodul.verschoben",
        objekt=eigenes,
        organisation_id=eigenes.kurs.organisation_id,
        alt={"reihenfolge": alt},
        neu={"reihenfolge": [m.titel for m in module]},
    )
    modul.reihenfolge = eigenes.reihenfolge
    return True


def modul_loeschbar(modul: Kursmodul) -> str:
    """Why the module cannot be deleted; empty when it can."""
    termine = Kurstermin._base_manager.filter(modul=modul).count()
    if termine:
        return (
            f"Dem Modul {'ist ein Termin' if termine == 1 else f'sind {termine} Termine'} zugeordnet. "
            "Ordnen Sie die Termine zuerst einem anderen Modul zu oder löschen Sie sie."
        )
    return ""


@transaction.atomic
def modul_loeschen(modul: Kursmodul) -> None:
    netzwerk_zugriff()
    grund = modul_loeschbar(modul)
    if grund:
        raise ValidationError(grund)
    protokolliere(
        "kursmodul.geloescht",
        objekt=modul,
        organisation_id=modul.kurs.organisation_id,
        alt=_modulwerte(modul),
    )
    kurs_id = modul.kurs_id
    modul.delete()
    _nummerieren(kurs_id)


# --- sessions ---------------------------------------------------------------------------------


@transaction.atomic
def termin_aendern(termin: Kurstermin, daten: Termindaten) -> Kurstermin:
    """Correct a session (date, place, link, module). Recorded attendance stays with the session."""
    netzwerk_zugriff()
    werte = termin_pruefen(termin.durchgang, daten)
    alt = terminwerte(termin)
    for feld, wert in werte.items():
        setattr(termin, feld, wert)
    termin.save()
    protokolliere(
        "kurstermin.geaendert",
        objekt=termin,
        organisation_id=termin.durchgang.kurs.organisation_id,
        alt=alt,
        neu=terminwerte(termin),
    )
    return termin


def termin_loeschbar(termin: Kurstermin) -> str:
    if Anwesenheit._base_manager.filter(termin=termin).exists():
        return (
            "Für diesen Termin ist die Anwesenheit bereits erfasst; sie zählt für den Abschluss der "
            "Teilnehmenden. Ein durchgeführter Termin lässt sich nicht löschen."
        )
    return ""


@transaction.atomic
def termin_loeschen(termin: Kurstermin) -> None:
    netzwerk_zugriff()
    grund = termin_loeschbar(termin)
    if grund:
        raise ValidationError(grund)
    protokolliere(
        "kurstermin.geloescht",
        objekt=termin,
        organisation_id=termin.durchgang.kurs.organisation_id,
        alt=terminwerte(termin),
    )
    termin.delete()


# --- courses ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kursbestand:
    """What hangs off a course: shown on the confirmation page, recorded when it is deleted."""

    module: int
    durchgaenge: int
    termine: int
    teilnahmen: int
    anwesenheiten: int
    abgeschlossen: int
    zertifikate: int

    @property
    def grund(self) -> str:
        """Why the course cannot be deleted; empty when it can."""
        teile = []
        if self.zertifikate:
            teile.append(f"{self.zertifikate} ausgestellte Zertifikat{'e' if self.zertifikate > 1 else ''}")
        if self.abgeschlossen:
            teile.append(
                f"{self.abgeschlossen} abgeschlossene Teilnahme{'n' if self.abgeschlossen > 1 else ''}"
            )
        if self.anwesenheiten:
            teile.append("erfasste Anwesenheiten")
        if not teile:
            return ""
        return (
            f"Der Kurs kann nicht gelöscht werden: Es gibt {' und '.join(teile)}. Zertifikate müssen "
            "prüfbar und Abschlüsse nachvollziehbar bleiben. Sie können den Kurs stattdessen archivieren: "
            "Er bleibt dann mit allen Nachweisen erhalten, wird aber nicht mehr angeboten."
        )


def kursbestand(kurs: Kurs) -> Kursbestand:
    teilnahmen = Teilnahme._base_manager.filter(durchgang__kurs=kurs)
    return Kursbestand(
        module=Kursmodul._base_manager.filter(kurs=kurs).count(),
        durchgaenge=Durchgang._base_manager.filter(kurs=kurs).count(),
        termine=Kurstermin._base_manager.filter(durchgang__kurs=kurs).count(),
        teilnahmen=teilnahmen.count(),
        anwesenheiten=Anwesenheit._base_manager.filter(termin__durchgang__kurs=kurs).count(),
        abgeschlossen=teilnahmen.filter(status=Teilnahme.Status.ABGESCHLOSSEN).count(),
        zertifikate=Zertifikat._base_manager.filter(teilnahme__durchgang__kurs=kurs).count(),
    )


@transaction.atomic
def kurs_loeschen(kurs: Kurs) -> None:
    """Delete a course with its modules, cohorts, sessions and enrolments — only while nothing of it
    has to be kept (no certificates, attendance or completions)."""
    netzwerk_zugriff()
    Kurs._base_manager.select_for_update().get(pk=kurs.pk)  # no attendance sneaks in meanwhile
    bestand = kursbestand(kurs)
    if bestand.grund:
        raise ValidationError(bestand.grund)
    protokolliere(
        "kurs.geloescht",
        objekt=kurs,
        alt={"titel": kurs.titel, "status": kurs.status},
        daten={
            "module": bestand.module,
            "durchgaenge": bestand.durchgaenge,
            "termine": bestand.termine,
            "teilnahmen": bestand.teilnahmen,
        },
    )
    # enrolments belong to the Navigator's administration: its own audit chain learns of them
    for teilnahme in Teilnahme._base_manager.filter(durchgang__kurs=kurs).select_related(
        "navigator", "durchgang"
    ):
        protokolliere(
            "teilnahme.geloescht",
            objekt=teilnahme,
            organisation_id=teilnahme.navigator.organisation_id,
            alt={"durchgang": teilnahme.durchgang.bezeichnung, "navigator": teilnahme.navigator.name},
            daten={"grund": f"Kurs „{kurs.titel}“ gelöscht"},
        )
    # sessions protect their module: remove them and the enrolments before the course
    Kurstermin._base_manager.filter(durchgang__kurs=kurs).delete()
    Teilnahme._base_manager.filter(durchgang__kurs=kurs).delete()
    kurs.delete()


@transaction.atomic
def kurs_archivieren(kurs: Kurs) -> Kurs:
    """The alternative to deleting: no longer offered, everything it documents stays."""
    netzwerk_zugriff()
    if kurs.status == Veroeffentlichung.ARCHIVIERT:
        raise ValidationError("Der Kurs ist bereits archiviert.")
    alt = kurs.status
    kurs.status = Veroeffentlichung.ARCHIVIERT
    kurs.save(update_fields=["status", "geaendert_am"])
    protokolliere("kurs.archiviert", objekt=kurs, alt={"status": alt}, neu={"status": kurs.status})
    return kurs
