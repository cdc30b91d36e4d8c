"""Courses: modules, cohorts, sessions, enrolment, attendance, and the completion rule.

A participant completes a cohort when both hold:
1. attended at least ``Kurs.mindestanwesenheit`` per cent of the cohort's sessions, and
2. attended at least one session of every mandatory module (a mandatory module without a session
   in the cohort cannot be completed: the cohort page warns about it).
The rule is evaluated by ``fortschritt``; ``abschluesse_feststellen`` applies it and issues the
certificates. Only network staff change courses; a municipality's administration may enrol its own
Navigatoren in published courses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rathausnetz.netzwerk.models import (
    Anwesenheit,
    Durchgang,
    Kurs,
    Kursmodul,
    Kurstermin,
    Lotse,
    Navigator,
    Teilnahme,
    Zertifikat,
)
from rathausnetz.netzwerk.models.kurse import Veroeffentlichung
from rathausnetz.netzwerk.services._gemeinsam import (
    Fehler,
    handelnde_person,
    melde,
    netzwerk_zugriff,
    pruefe_dimensionen,
    pruefe_text,
    wirf,
)
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import aktueller_zugriff
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht


@dataclass
class Kursdaten:
    titel: str
    kurzbeschreibung: str = ""
    beschreibung: str = ""
    zielgruppe: str = ""
    status: str = Veroeffentlichung.ENTWURF
    qualifizierend: bool = False
    mindestanwesenheit: int = 80
    dimensionen: Sequence[str] = ()
    verantwortlich_id: int | None = None


_KURSFELDER = (
    "titel",
    "kurzbeschreibung",
    "beschreibung",
    "zielgruppe",
    "status",
    "qualifizierend",
    "mindestanwesenheit",
    "dimensionen",
    "verantwortlich_id",
)


def _kurswerte(kurs: Kurs) -> dict[str, object]:
    return {f: getattr(kurs, f) for f in _KURSFELDER}


def daten_von(kurs: Kurs) -> Kursdaten:
    return Kursdaten(**_kurswerte(kurs))


def _kurs_pruefen(daten: Kursdaten, kurs: Kurs | None = None) -> dict[str, object]:
    fehler: Fehler = {}
    werte: dict[str, object] = {
        "titel": pruefe_text(fehler, "titel", daten.titel, 200, "Bitte geben Sie einen Titel an."),
        "kurzbeschreibung": pruefe_text(fehler, "kurzbeschreibung", daten.kurzbeschreibung, 300),
        "beschreibung": pruefe_text(fehler, "beschreibung", daten.beschreibung, 20_000),
        "zielgruppe": pruefe_text(fehler, "zielgruppe", daten.zielgruppe, 200),
        "qualifizierend": bool(daten.qualifizierend),
        "dimensionen": pruefe_dimensionen(fehler, daten.dimensionen),
    }
    if daten.status not in Veroeffentlichung.values:
        melde(fehler, "status", "Bitte wählen Sie Entwurf, veröffentlicht oder archiviert.")
    werte["status"] = daten.status
    try:
        quote = int(daten.mindestanwesenheit)
    except (TypeError, ValueError):
        quote = 0
    if not 1 <= quote <= 100:
        melde(fehler, "mindestanwesenheit", "Die Mindestanwesenheit ist ein Prozentwert von 1 bis 100.")
    werte["mindestanwesenheit"] = quote
    werte["verantwortlich"] = None
    if daten.verantwortlich_id is not None:
        werte["verantwortlich"] = Lotse.objects.filter(pk=daten.verantwortlich_id).first()
        if werte["verantwortlich"] is None:
            melde(fehler, "verantwortlich_id", "Unbekannte Lotsin / unbekannter Lotse.")
    titel = str(werte["titel"])
    if titel:
        gleich = Kurs._base_manager.filter(titel__iexact=titel)
        if kurs is not None:
            gleich = gleich.exclude(pk=kurs.pk)
        if gleich.exists():
            melde(fehler, "titel", f"Einen Kurs „{titel}“ gibt es schon.")
    wirf(fehler)
    return werte


@transaction.atomic
def kurs_anlegen(daten: Kursdaten) -> Kurs:
    zugriff = netzwerk_zugriff()
    if zugriff.organisation_id is None:
        raise ValidationError("Kurse legt eine Organisation an; bitte handeln Sie für eine Organisation.")
    werte = _kurs_pruefen(daten)
    kurs = Kurs.objects.create(organisation_id=zugriff.organisation_id, **werte)
    protokolliere("kurs.angelegt", objekt=kurs, neu=_kurswerte(kurs))
    return kurs


@transaction.atomic
def kurs_aendern(kurs: Kurs, daten: Kursdaten) -> Kurs:
    netzwerk_zugriff()
    alt = _kurswerte(kurs)
    for feld, wert in _kurs_pruefen(daten, kurs).items():
        setattr(kurs, feld, wert)
    kurs.save()
    protokolliere("kurs.geaendert", objekt=kurs, alt=alt, neu=_kurswerte(kurs))
    return kurs


@transaction.atomic
def modul_hinzufuegen(kurs: Kurs, titel: str, beschreibung: str = "", pflicht: bool = True) -> Kursmodul:
    netzwerk_zugriff()
    fehler: Fehler = {}
    titel = pruefe_text(fehler, "titel", titel, 200, "Bitte geben Sie den Titel des Moduls an.")
    beschreibung = pruefe_text(fehler, "beschreibung", beschreibung, 5_000)
    if titel and Kursmodul._base_manager.filter(kurs=kurs, titel__iexact=titel).exists():
        melde(fehler, "titel", f"Das Modul „{titel}“ gibt es in diesem Kurs schon.")
    wirf(fehler)
    reihenfolge = Kursmodul._base_manager.filter(kurs=kurs).count() + 1
    modul = Kursmodul.objects.create(
        kurs=kurs, titel=titel, beschreibung=beschreibung, pflicht=bool(pflicht), reihenfolge=reihenfolge
    )
    protokolliere(
        "kursmodul.angelegt",
        objekt=modul,
        organisation_id=kurs.organisation_id,
        neu={"kurs": kurs.titel, "titel": titel, "pflicht": modul.pflicht},
    )
    return modul


@transaction.atomic
def durchgang_anlegen(
    kurs: Kurs, bezeichnung: str, leitung_id: int | None = None, plaetze: int | None = None
) -> Durchgang:
    netzwerk_zugriff()
    fehler: Fehler = {}
    bezeichnung = pruefe_text(
        fehler, "bezeichnung", bezeichnung, 150, "Bitte bezeichnen Sie den Durchgang, z. B. „Herbst 2026“."
    )
    if bezeichnung and Durchgang._base_manager.filter(kurs=kurs, bezeichnung__iexact=bezeichnung).exists():
        melde(fehler, "bezeichnung", f"Einen Durchgang „{bezeichnung}“ gibt es in diesem Kurs schon.")
    leitung = None
    if leitung_id is not None:
        leitung = Lotse.objects.filter(pk=leitung_id, aktiv=True).first()
        if leitung is None:
            melde(fehler, "leitung_id", "Bitte wählen Sie eine aktive Lotsin oder einen aktiven Lotsen.")
    if plaetze is not None and not 1 <= plaetze <= 500:
        melde(fehler, "plaetze", "Die Zahl der Plätze liegt zwischen 1 und 500 (leer: unbegrenzt).")
    wirf(fehler)
    durchgang = Durchgang.objects.create(kurs=kurs, bezeichnung=bezeichnung, leitung=leitung, plaetze=plaetze)
    protokolliere(
        "durchgang.angelegt",
        objekt=durchgang,
        organisation_id=kurs.organisation_id,
        neu={"kurs": kurs.titel, "bezeichnung": bezeichnung, "plaetze": plaetze},
    )
    return durchgang


@dataclass
class Termindaten:
    beginn: dt.datetime | None
    ende: dt.datetime | None
    form: str = Kurstermin.Form.PRAESENZ
    ort: str = ""
    online_link: str = ""
    modul_id: int | None = None


def termin_pruefen(durchgang: Durchgang, daten: Termindaten) -> dict[str, object]:
    """The checked field values of a session (for creating and for changing one)."""
    fehler: Fehler = {}
    beginn, ende, form = daten.beginn, daten.ende, daten.form
    if beginn is None:
        melde(fehler, "beginn", "Bitte geben Sie Datum und Uhrzeit des Beginns an.")
    if ende is None:
        melde(fehler, "ende", "Bitte geben Sie Datum und Uhrzeit des Endes an.")
    if beginn and ende and ende <= beginn:
        melde(fehler, "ende", "Das Ende muss nach dem Beginn liegen.")
    if beginn and ende and ende - beginn > dt.timedelta(hours=12):
        melde(fehler, "ende", "Ein Termin dauert höchstens zwölf Stunden; legen Sie mehrere Termine an.")
    if form not in Kurstermin.Form.values:
        melde(fehler, "form", "Bitte wählen Sie „in Präsenz“ oder „online“.")
    ort = pruefe_text(fehler, "ort", daten.ort, 300)
    online_link = pruefe_text(fehler, "online_link", daten.online_link, 500)
    if form == Kurstermin.Form.PRAESENZ and not ort:
        melde(fehler, "ort", "Bitte geben Sie für einen Präsenztermin den Ort an.")
    if online_link and not online_link.startswith("https://"):
        melde(fehler, "online_link", "Der Link zur Videokonferenz beginnt mit https://.")
    modul = None
    if daten.modul_id is not None:
        modul = Kursmodul._base_manager.filter(pk=daten.modul_id, kurs_id=durchgang.kurs_id).first()
        if modul is None:
            melde(fehler, "modul_id", "Dieses Modul gehört nicht zu diesem Kurs.")
    wirf(fehler)
    return {
        "modul": modul,
        "beginn": beginn,
        "ende": ende,
        "form": form,
        "ort": ort,
        "online_link": online_link,
    }


def terminwerte(termin: Kurstermin) -> dict[str, object]:
    """What the audit trail records of a session."""
    return {
        "durchgang": str(termin.durchgang),
        "beginn": termin.beginn,
        "ende": termin.ende,
        "form": termin.form,
        "ort": termin.ort,
        "modul": str(termin.modul or ""),
    }


@transaction.atomic
def termin_anlegen(
    durchgang: Durchgang,
    beginn: dt.datetime | None,
    ende: dt.datetime | None,
    form: str = Kurstermin.Form.PRAESENZ,
    ort: str = "",
    online_link: str = "",
    modul_id: int | None = None,
) -> Kurstermin:
    netzwerk_zugriff()
    werte = termin_pruefen(durchgang, Termindaten(beginn, ende, form, ort, online_link, modul_id))
    termin = Kurstermin.objects.create(durchgang=durchgang, **werte)
    protokolliere(
        "kurstermin.angelegt",
        objekt=termin,
        organisation_id=durchgang.kurs.organisation_id,
        neu=terminwerte(termin),
    )
    return termin


# --- enrolment and attendance -----------------------------------------------------------------


def belegte_plaetze(durchgang: Durchgang) -> int:
    return (
        Teilnahme._base_manager.filter(durchgang=durchgang)
        .exclude(status=Teilnahme.Status.ABGEBROCHEN)
        .count()
    )


@transaction.atomic
def einschreiben(durchgang: Durchgang, navigator: Navigator) -> Teilnahme:
    """Enrol a Navigator: network staff anyone, a municipality's administration its own ones in
    published courses. Twice in the same cohort is refused with a message, also when two
    requests race (the unique constraint decides)."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    staff = zugriff.darf(Recht.NETZWERK_VERWALTEN)
    if not staff:
        if navigator.organisation_id != zugriff.organisation_id:
            raise PermissionDenied("Sie können nur Navigatorinnen und Navigatoren Ihrer Verwaltung anmelden.")
        if durchgang.kurs.status != Veroeffentlichung.VEROEFFENTLICHT:
            raise ValidationError("Für diesen Kurs ist keine Anmeldung möglich.")
    Durchgang._base_manager.select_for_update().get(pk=durchgang.pk)  # serialise seat counting
    if Teilnahme._base_manager.filter(durchgang=durchgang, navigator=navigator).exists():
        raise ValidationError(
            {"navigator": [f"{navigator.name} ist in diesem Durchgang bereits eingeschrieben."]}
        )
    if not navigator.aktiv:
        raise ValidationError({"navigator": [f"{navigator.name} ist nicht mehr aktiv."]})
    if durchgang.plaetze is not None and belegte_plaetze(durchgang) >= durchgang.plaetze:
        raise ValidationError(f"Der Durchgang ist mit {durchgang.plaetze} Plätzen ausgebucht.")
    try:
        with transaction.atomic():
            teilnahme = Teilnahme.objects.create(durchgang=durchgang, navigator=navigator)
    except IntegrityError:
        raise ValidationError(
            {"navigator": [f"{navigator.name} ist in diesem Durchgang bereits eingeschrieben."]}
        ) from None
    protokolliere(
        "teilnahme.eingeschrieben",
        objekt=teilnahme,
        organisation_id=navigator.organisation_id,
        neu={"durchgang": str(durchgang), "navigator": navigator.name},
    )
    return teilnahme


@transaction.atomic
def anwesenheit_erfassen(termin: Kurstermin, anwesend: Iterable[int]) -> int:
    """Record the session for every participant: present if their Teilnahme id is in ``anwesend``,
    absent otherwise. Returns how many were present."""
    netzwerk_zugriff()
    teilnahmen = list(
        Teilnahme._base_manager.filter(durchgang_id=termin.durchgang_id).exclude(
            status=Teilnahme.Status.ABGEBROCHEN
        )
    )
    ids = {t.pk for t in teilnahmen}
    anwesend = set(anwesend)
    fremd = anwesend - ids
    if fremd:
        raise ValidationError(
            "Unter den Anwesenden sind Personen, die in diesem Durchgang nicht eingeschrieben sind."
        )
    if termin.beginn > timezone.now() + dt.timedelta(hours=1):
        raise ValidationError("Die Anwesenheit lässt sich erst erfassen, wenn der Termin begonnen hat.")
    person = handelnde_person()
    vorher = dict(Anwesenheit._base_manager.filter(termin=termin).values_list("teilnahme_id", "anwesend"))
    for teilnahme in teilnahmen:
        Anwesenheit._base_manager.update_or_create(
            teilnahme=teilnahme,
            termin=termin,
            defaults={"anwesend": teilnahme.pk in anwesend, "erfasst_von": person},
        )
    nachher = {t.pk: t.pk in anwesend for t in teilnahmen}
    if vorher != nachher:
        protokolliere(
            "kurstermin.anwesenheit_erfasst",
            objekt=termin,
            organisation_id=termin.durchgang.kurs.organisation_id,
            alt={str(k): v for k, v in vorher.items()},
            neu={str(k): v for k, v in nachher.items()},
        )
    return len(anwesend)


# --- completion -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fortschritt:
    termine: int
    besucht: int
    mindestanwesenheit: int
    fehlende_pflichtmodule: tuple[str, ...] = field(default_factory=tuple)

    @property
    def quote(self) -> int:
        return self.besucht * 100 // self.termine if self.termine else 0

    @property
    def quote_erreicht(self) -> bool:
        return self.termine > 0 and self.besucht * 100 >= self.mindestanwesenheit * self.termine

    @property
    def erfuellt(self) -> bool:
        return self.quote_erreicht and not self.fehlende_pflichtmodule

    @property
    def noch_noetig(self) -> int:
        """Further sessions needed for the attendance quota."""
        noetig = -(-self.mindestanwesenheit * self.termine // 100)  # ceiling
        return max(0, noetig - self.besucht)


def fortschritte(durchgang: Durchgang) -> dict[int, Fortschritt]:
    """Progress of every participant of the cohort (Teilnahme id → Fortschritt), in three queries."""
    kurs = durchgang.kurs
    termine = list(Kurstermin._base_manager.filter(durchgang=durchgang).values_list("pk", "modul_id"))
    pflicht = dict(Kursmodul._base_manager.filter(kurs=kurs, pflicht=True).values_list("pk", "titel"))
    besucht: dict[int, set[int]] = defaultdict(set)
    for teilnahme_id, termin_id in Anwesenheit._base_manager.filter(
        termin__durchgang=durchgang, anwesend=True
    ).values_list("teilnahme_id", "termin_id"):
        besucht[teilnahme_id].add(termin_id)
    modul_von = dict(termine)
    ergebnis = {}
    for teilnahme_id in Teilnahme._base_manager.filter(durchgang=durchgang).values_list("pk", flat=True):
        eigene = besucht[teilnahme_id]
        module = {modul_von[t] for t in eigene if t in modul_von}
        ergebnis[teilnahme_id] = Fortschritt(
            termine=len(termine),
            besucht=len(eigene),
            mindestanwesenheit=kurs.mindestanwesenheit,
            fehlende_pflichtmodule=tuple(titel for pk, titel in pflicht.items() if pk not in module),
        )
    return ergebnis


def fortschritt(teilnahme: Teilnahme) -> Fortschritt:
    return fortschritte(teilnahme.durchgang)[teilnahme.pk]


def pflichtmodule_ohne_termin(durchgang: Durchgang) -> list[Kursmodul]:
    mit_termin = Kurstermin._base_manager.filter(durchgang=durchgang, modul__isnull=False).values("modul_id")
    return list(
        Kursmodul._base_manager.filter(kurs_id=durchgang.kurs_id, pflicht=True).exclude(pk__in=mit_termin)
    )


@dataclass
class Abschlussbericht:
    neu_abgeschlossen: list[Teilnahme]
    zertifikate: list[Zertifikat]
    offen: int


@transaction.atomic
def abschluesse_feststellen(durchgang: Durchgang, stichtag: dt.date | None = None) -> Abschlussbericht:
    """Mark every enrolled participant who fulfils the rule as completed and issue certificates."""
    from rathausnetz.netzwerk.services.zertifikate import ausstellen

    netzwerk_zugriff()
    stichtag = stichtag or timezone.localdate()
    stand = fortschritte(durchgang)
    neu, zertifikate, offen = [], [], 0
    for teilnahme in Teilnahme._base_manager.select_for_update().filter(
        durchgang=durchgang, status=Teilnahme.Status.EINGESCHRIEBEN
    ):
        if not stand[teilnahme.pk].erfuellt:
            offen += 1
            continue
        teilnahme.status = Teilnahme.Status.ABGESCHLOSSEN
        teilnahme.abgeschlossen_am = stichtag
        teilnahme.save(update_fields=["status", "abgeschlossen_am"])
        protokolliere(
            "teilnahme.abgeschlossen",
            objekt=teilnahme,
            organisation_id=teilnahme.navigator.organisation_id,
            neu={"status": teilnahme.status, "abgeschlossen_am": stichtag},
        )
        neu.append(teilnahme)
        zertifikate.append(ausstellen(teilnahme))
    return Abschlussbericht(neu, zertifikate, offen)


@transaction.atomic
def teilnahme_abbrechen(teilnahme: Teilnahme) -> Teilnahme:
    netzwerk_zugriff()
    if teilnahme.status == Teilnahme.Status.ABGESCHLOSSEN:
        raise ValidationError("Eine abgeschlossene Teilnahme lässt sich nicht abbrechen.")
    alt = teilnahme.status
    teilnahme.status = Teilnahme.Status.ABGEBROCHEN
    teilnahme.save(update_fields=["status"])
    protokolliere(
        "teilnahme.abgebrochen",
        objekt=teilnahme,
        organisation_id=teilnahme.navigator.organisation_id,
        alt={"status": alt},
        neu={"status": teilnahme.status},
    )
    return teilnahme


def durchgaenge_mit_terminen(kurs: Kurs) -> list[tuple[Durchgang, list[Kurstermin]]]:
    """The course's cohorts with their sessions, newest cohort first (what a course page lists)."""
    durchgaenge = list(Durchgang.objects.filter(kurs=kurs).select_related("leitung"))
    termine: dict[int, list[Kurstermin]] = defaultdict(list)
    for t in Kurstermin.objects.filter(durchgang__kurs=kurs).select_related("modul").order_by("beginn"):
        termine[t.durchgang_id].append(t)
    return [(d, termine[d.pk]) for d in durchgaenge]


def darf_kurse_pflegen() -> bool:
    zugriff = aktueller_zugriff()
    return bool(zugriff and zugriff.darf(Recht.NETZWERK_VERWALTEN))
