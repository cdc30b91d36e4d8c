"""Creating and changing events (network staff only), with their programme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.veranstaltungen.models import Programmpunkt, Veranstaltung
from rathausnetz.veranstaltungen.services.anmeldungen import belegung, kapazitaet_aendern
from rathausnetz.zugang.kontext import Zugriff
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

STANDARD_EINWILLIGUNG = (
    "Ich bin einverstanden, dass meine Angaben (Name, E-Mail, Organisation, Funktion) zur Organisation "
    "dieser Veranstaltung verarbeitet werden. Sie werden nicht weitergegeben und nach der "
    "Veranstaltung gelöscht bzw. für die Statistik anonymisiert."
)


@dataclass(frozen=True)
class Punkt:
    beginn: dt.time
    titel: str
    ende: dt.time | None = None
    referenten: str = ""


@dataclass
class Veranstaltungsdaten:
    titel: str
    art: str
    beginn: dt.datetime
    ende: dt.datetime
    kapazitaet: int
    anmeldung_bis: dt.datetime
    anmeldung_ab: dt.datetime | None = None
    beschreibung: str = ""
    themen: str = ""
    ort: str = ""
    online_link: str = ""
    status: str = Veranstaltung.Status.ENTWURF
    einwilligungstext: str = ""
    organisationseinheit_id: int | None = None
    programm: Sequence[Punkt] = field(default_factory=tuple)


_FELDER = [f.name for f in fields(Veranstaltungsdaten) if f.name != "programm"]


def _pruefen(d: Veranstaltungsdaten) -> None:
    fehler: dict[str, list[str]] = {}

    def melde(feld: str, text: str) -> None:
        fehler.setdefault(feld, []).append(text)

    if not d.titel.strip():
        melde("titel", "Bitte geben Sie einen Titel an.")
    if d.art not in Veranstaltung.Art.values:
        melde("art", "Bitte wählen Sie die Art der Veranstaltung.")
    if d.status not in Veranstaltung.Status.values:
        melde("status", "Unbekannter Status.")
    if d.ende <= d.beginn:
        melde("ende", "Das Ende muss nach dem Beginn liegen.")
    if not 1 <= d.kapazitaet <= 100_000:
        melde("kapazitaet", "Bitte zwischen 1 und 100.000 Plätzen angeben.")
    if d.anmeldung_bis > d.ende:
        melde("anmeldung_bis", "Die Anmeldung muss vor dem Ende der Veranstaltung schließen.")
    if d.anmeldung_ab and d.anmeldung_ab >= d.anmeldung_bis:
        melde("anmeldung_ab", "Die Anmeldung muss öffnen, bevor sie schließt.")
    if d.art == Veranstaltung.Art.ONLINE and not d.online_link:
        melde("online_link", "Für ein Online-Format brauchen die Teilnehmenden einen Link.")
    if d.online_link:
        try:
            URLValidator(schemes=["https"])(d.online_link)
        except ValidationError:
            melde("online_link", "Bitte einen vollständigen https-Link angeben.")
    if d.art != Veranstaltung.Art.ONLINE and not d.ort.strip():
        melde("ort", "Bitte geben Sie den Ort an.")
    for i, p in enumerate(d.programm):
        if not p.titel.strip():
            melde("programm", f"Programmpunkt {i + 1}: Bitte einen Titel angeben.")
        if p.ende and p.ende <= p.beginn:
            melde("programm", f"Programmpunkt {i + 1}: Das Ende liegt vor dem Beginn.")
    if fehler:
        raise ValidationError(fehler)


def _einheit_pruefen(d: Veranstaltungsdaten, organisation_id: int | None) -> None:
    """The organising unit must belong to the organiser (ids from forms and API are not trusted)."""
    if d.organisationseinheit_id is None:
        return
    if not Organisationseinheit._base_manager.filter(
        pk=d.organisationseinheit_id, organisation_id=organisation_id
    ).exists():
        raise ValidationError(
            {"organisationseinheit": ["Diese Einheit gehört nicht zur veranstaltenden Organisation."]}
        )


def _programm_schreiben(v: Veranstaltung, programm: Sequence[Punkt]) -> None:
    v.programm.all().delete()
    Programmpunkt.objects.bulk_create(
        [
            Programmpunkt(
                veranstaltung=v,
                beginn=p.beginn,
                ende=p.ende,
                titel=p.titel.strip(),
                referenten=p.referenten.strip(),
            )
            for p in programm
        ]
    )


def _werte(d: Veranstaltungsdaten) -> dict[str, object]:
    return {f: (getattr(d, f).strip() if isinstance(getattr(d, f), str) else getattr(d, f)) for f in _FELDER}


def _verwalten() -> Zugriff:
    zugriff = pruefe_recht(Recht.NETZWERK_VERWALTEN)
    if zugriff.organisation_id is None and not zugriff.system:
        raise ValidationError("Bitte wählen Sie die veranstaltende Organisation.")
    return zugriff


@transaction.atomic
def veranstaltung_anlegen(d: Veranstaltungsdaten, organisation_id: int | None = None) -> Veranstaltung:
    zugriff = _verwalten()
    _pruefen(d)
    _einheit_pruefen(d, organisation_id or zugriff.organisation_id)
    werte = _werte(d)
    werte["einwilligungstext"] = werte["einwilligungstext"] or STANDARD_EINWILLIGUNG
    v = Veranstaltung.objects.create(organisation_id=organisation_id or zugriff.organisation_id, **werte)
    _programm_schreiben(v, d.programm)
    protokolliere("veranstaltung.angelegt", objekt=v, neu={"titel": v.titel, "kapazitaet": v.kapazitaet})
    return v


@transaction.atomic
def veranstaltung_aendern(v: Veranstaltung, d: Veranstaltungsdaten) -> Veranstaltung:
    _verwalten()
    _pruefen(d)
    _einheit_pruefen(d, v.organisation_id)
    werte = _werte(d)
    kapazitaet = werte.pop("kapazitaet")
    alt = {f: getattr(v, f) for f in _FELDER}
    for name, wert in werte.items():
        setattr(v, name, wert)
    v.einwilligungstext = v.einwilligungstext or STANDARD_EINWILLIGUNG
    v.save()
    if kapazitaet != v.kapazitaet:
        kapazitaet_aendern(v, kapazitaet)
        v.refresh_from_db()
    _programm_schreiben(v, d.programm)
    protokolliere("veranstaltung.geaendert", objekt=v, alt=alt, neu={f: getattr(v, f) for f in _FELDER})
    return v


def daten_von(v: Veranstaltung) -> Veranstaltungsdaten:
    return Veranstaltungsdaten(
        **{f: getattr(v, f) for f in _FELDER},
        programm=[Punkt(p.beginn, p.titel, p.ende, p.referenten) for p in v.programm.all()],
    )


__all__ = [
    "Punkt",
    "Veranstaltungsdaten",
    "belegung",
    "daten_von",
    "veranstaltung_aendern",
    "veranstaltung_anlegen",
]
