"""Ablaufvorlagen: an organisation's frequent routes, kept by its administration.

A template names steps by unit or person and a deadline in days; starting a route from it copies
the steps (see ``verfuegungen.verfuegung_aus_vorlage``), so later edits never touch running routes.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rathausnetz.geschaeftsgang.models import Ablaufvorlage, Schrittart, Vorlagenschritt
from rathausnetz.geschaeftsgang.services.verfuegungen import Schrittangabe, hat_zeichnungsbefugnis
from rathausnetz.geschaeftsgang.services.vertretung import ist_mitglied
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht


def _pruefe(zugriff: Zugriff, name: str, schritte: list[Schrittangabe], frist_tage: list[int | None]) -> None:
    fehler: dict[str, list[str]] = {}
    if len(name.strip()) < 3:
        fehler["name"] = ["Bitte eine Bezeichnung mit mindestens 3 Zeichen angeben."]
    if not schritte:
        fehler["schritte"] = ["Bitte mindestens einen Schritt angeben."]
    for i, (s, tage) in enumerate(zip(schritte, frist_tage, strict=True)):
        feld = f"schritte.{i}"
        if s.art not in Schrittart.values:
            fehler.setdefault(f"{feld}.art", []).append("Unbekannte Art des Schritts.")
        if (s.fuer_benutzer is None) == (s.fuer_einheit is None):
            fehler.setdefault(f"{feld}.empfaenger", []).append(
                "Bitte genau eine Person oder eine Organisationseinheit angeben."
            )
        elif s.fuer_benutzer is not None and not ist_mitglied(s.fuer_benutzer.pk, zugriff.organisation_id):
            fehler.setdefault(f"{feld}.fuer_benutzer", []).append(
                "Die Person ist nicht Mitglied Ihrer Organisation."
            )
        elif s.fuer_einheit is not None and s.fuer_einheit.organisation_id != zugriff.organisation_id:
            fehler.setdefault(f"{feld}.fuer_einheit", []).append(
                "Die Einheit gehört nicht zu Ihrer Organisation."
            )
        elif (
            s.art == Schrittart.ZEICHNUNG
            and s.fuer_benutzer is not None
            and not hat_zeichnungsbefugnis(s.fuer_benutzer.pk, zugriff.organisation_id)
        ):
            fehler.setdefault(f"{feld}.fuer_benutzer", []).append(
                "Die Schlusszeichnung kann nur an Personen mit Zeichnungsbefugnis gehen."
            )
        if tage is not None and not 0 <= tage <= 365:
            fehler.setdefault(f"{feld}.frist_tage", []).append("Die Frist liegt zwischen 0 und 365 Tagen.")
    if fehler:
        raise ValidationError(fehler)


def _schritte_speichern(
    vorlage: Ablaufvorlage, schritte: list[Schrittangabe], frist_tage: list[int | None]
) -> None:
    for s, tage in zip(schritte, frist_tage, strict=True):
        Vorlagenschritt.objects.create(
            organisation_id=vorlage.organisation_id,
            vorlage=vorlage,
            stufe=s.stufe,
            art=s.art,
            fuer_benutzer=s.fuer_benutzer,
            fuer_einheit=s.fuer_einheit,
            frist_tage=tage,
            notiz=s.notiz.strip()[:500],
        )


NAME_VERGEBEN = "Eine Ablaufvorlage mit dieser Bezeichnung gibt es schon."


def _speichern(vorlage: Ablaufvorlage) -> None:
    """Insert or update; a name taken in the organisation is a field error. The unique constraint
    decides, not a query first: only it also catches two administrators saving the same name at
    once (the savepoint keeps the caller's transaction usable)."""
    try:
        with transaction.atomic():
            vorlage.save()
    except IntegrityError:  # ablaufvorlage_je_organisation
        raise ValidationError({"name": NAME_VERGEBEN}) from None


def _empfaenger(s: Schrittangabe) -> str:
    return s.fuer_benutzer.anzeigename if s.fuer_benutzer else str(s.fuer_einheit)


def _beschreibung_der_schritte(schritte: list[Schrittangabe]) -> list[str]:
    return [f"{s.stufe}. {Schrittart(s.art).label} – {_empfaenger(s)}" for s in schritte]


@transaction.atomic
def vorlage_anlegen(
    name: str,
    schritte: list[Schrittangabe],
    frist_tage: list[int | None] | None = None,
    beschreibung: str = "",
) -> Ablaufvorlage:
    zugriff = pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    frist_tage = frist_tage if frist_tage is not None else [None] * len(schritte)
    _pruefe(zugriff, name, schritte, frist_tage)
    vorlage = Ablaufvorlage(
        organisation_id=zugriff.organisation_id, name=name.strip(), beschreibung=beschreibung.strip()
    )
    _speichern(vorlage)
    _schritte_speichern(vorlage, schritte, frist_tage)
    protokolliere(
        "ablaufvorlage.angelegt",
        objekt=vorlage,
        neu={"name": vorlage.name, "schritte": _beschreibung_der_schritte(schritte)},
    )
    return vorlage


@transaction.atomic
def vorlage_aendern(
    vorlage: Ablaufvorlage,
    name: str,
    schritte: list[Schrittangabe],
    frist_tage: list[int | None] | None = None,
    beschreibung: str = "",
    aktiv: bool = True,
) -> Ablaufvorlage:
    """Replace name and steps. Routes started from it earlier keep their own copy of the steps."""
    zugriff = pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    frist_tage = frist_tage if frist_tage is not None else [None] * len(schritte)
    _pruefe(zugriff, name, schritte, frist_tage)
    alt = {"name": vorlage.name, "aktiv": vorlage.aktiv, "schritte": [str(s) for s in vorlage.schritte.all()]}
    vorlage.name, vorlage.beschreibung, vorlage.aktiv = name.strip(), beschreibung.strip(), aktiv
    try:
        _speichern(vorlage)
    except ValidationError:
        vorlage.refresh_from_db(fields=["name", "beschreibung", "aktiv"])  # the form shows it again
        raise
    vorlage.schritte.all().delete()
    _schritte_speichern(vorlage, schritte, frist_tage)
    protokolliere(
        "ablaufvorlage.geaendert",
        objekt=vorlage,
        alt=alt,
        neu={"name": vorlage.name, "aktiv": aktiv, "schritte": [str(s) for s in vorlage.schritte.all()]},
    )
    return vorlage


@transaction.atomic
def vorlage_deaktivieren(vorlage: Ablaufvorlage) -> Ablaufvorlage:
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    if vorlage.aktiv:
        vorlage.aktiv = False
        vorlage.save(update_fields=["aktiv"])
        protokolliere("ablaufvorlage.deaktiviert", objekt=vorlage)
    return vorlage
