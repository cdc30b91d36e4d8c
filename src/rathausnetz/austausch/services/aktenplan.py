"""Aktenplan exchange (XDOMEA 0301 with receipt 0302): cooperating towns harmonise their file plans.

Export writes the organisation's whole plan, nested as it is. XDOMEA wants a retention and an
appraisal on every unit; where Rathausnetz inherits them from the parent, the message carries the
inherited values (what applies) plus a marker in the ``rathausnetz`` extension, so that another
Rathausnetz restores the inheritance and other products still get complete units. A unit without
any retention goes out as „unbefristet“ and without appraisal as „B“ (bewerten): the cautious
reading — nothing is destroyed because a value was missing.

Import compares first and changes nothing until the clerk chooses: take note only, add the
missing entries, or also align the entries that differ. Entries of one's own plan are never
deleted or moved; new entries are placed where the sender's plan nests them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from lxml import etree

from rathausnetz.akten.models import Aktenplaneintrag, Archivwuerdigkeit, kennzeichen_validator
from rathausnetz.akten.services import aktenplan as aktenplan_dienst
from rathausnetz.austausch import paket as paket_modul
from rathausnetz.austausch.models import Nachricht
from rathausnetz.austausch.schema import Befund, UngueltigeNachricht
from rathausnetz.austausch.services import eingaenge, kennung
from rathausnetz.austausch.services.abgabe import Empfang, Export
from rathausnetz.austausch.xdomea import (
    Q,
    Stelle,
    X,
    _datum_lesen,
    _erweiterung_lesen,
    _text,
    code,
    dateiname_nachricht,
    erweiterung,
    kopf,
    kopf_lesen,
    nachrichtenname,
)
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

MODI = {
    "kenntnis": "nur zur Kenntnis (nichts ändern)",
    "ergaenzen": "fehlende Einträge ergänzen",
    "angleichen": "ergänzen und abweichende Einträge angleichen",
}
#: compared and, when aligning, taken over; the validity date only for new entries (ours is ours)
FELDER = {
    "titel": "Titel",
    "beschreibung": "Beschreibung",
    "aufbewahrungsfrist": "Aufbewahrungsfrist",
    "archivwuerdigkeit": "Archivwürdigkeit",
    "aktiv": "aktiv",
}
MAX_TITEL = Aktenplaneintrag._meta.get_field("titel").max_length


# --- export ---------------------------------------------------------------------------------


def _einheit(eintrag: Aktenplaneintrag, kinder: dict[int | None, list[Aktenplaneintrag]]) -> etree._Element:
    frist = eintrag.wirksame_frist
    art = eintrag.wirksame_archivwuerdigkeit or Archivwuerdigkeit.B
    return X.Einheit(
        X.Kennzeichen(eintrag.kennzeichen),
        X.Inhaltsangabe(eintrag.titel),
        X.Aussonderungsart(
            code("Aussonderungsart", art, "urn:xoev-de:xdomea:codeliste:aussonderungsart", "1.0")
        ),
        X.Gueltigkeit(X.Beginn(eintrag.gueltig_ab.isoformat())),
        X.Stillgelegt("false" if eintrag.aktiv else "true"),
        X.Aufbewahrungsdauer(X.AnzahlJahre(str(frist)) if frist else X.Unbefristet("1")),
        *[_einheit(k, kinder) for k in kinder.get(eintrag.pk, [])],
        *erweiterung(
            {
                "Beschreibung": eintrag.beschreibung,
                "FristGeerbt": "1" if eintrag.aufbewahrungsfrist is None else "",
                "ArchivwuerdigkeitGeerbt": "" if eintrag.archivwuerdigkeit else "1",
            }
        ),
    )


def aktenplan_exportieren(
    empfaenger: str = "", hinweis: str = "", empfangsbestaetigung: bool = True
) -> Export:
    """The organisation's file plan as a validated 0301 package, and a record of the message sent."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    eintraege = [e for e, _ in aktenplan_dienst.baum()]
    if not eintraege:
        raise ValidationError("Ihr Aktenplan ist leer; es gibt nichts zu exportieren.")
    kinder: dict[int | None, list[Aktenplaneintrag]] = {}
    bekannt = {e.pk for e in eintraege}
    for e in eintraege:
        kinder.setdefault(e.uebergeordnet_id if e.uebergeordnet_id in bekannt else None, []).append(e)
    name = kennung.stelle_name(zugriff.organisation_id)
    empfaenger = (empfaenger or "").strip() or "Empfänger (nicht angegeben)"
    prozess_id = uuid.uuid4()
    wurzel = X(
        nachrichtenname("0301"),
        kopf(
            "0301",
            prozess_id,
            Stelle(name),
            Stelle(empfaenger),
            X.Empfangsbestaetigung("true" if empfangsbestaetigung else "false"),
            hinweis=hinweis,
        ),
        X.Aktenplan(
            X.Bezeichnung(f"Aktenplan {name}"),
            X.Version(f"Stand {timezone.localdate().isoformat()}"),
            *[_einheit(e, kinder) for e in kinder.get(None, [])],
            X.Gueltigkeit(X.Beginn(min(e.gueltig_ab for e in eintraege).isoformat())),
        ),
    )
    daten = kennung.xml_bytes(wurzel)
    xml_name = dateiname_nachricht(prozess_id, "0301")
    with transaction.atomic():
        nachricht = kennung.gesendet(
            zugriff.organisation_id,
            "0301",
            nachrichtenname("0301"),
            prozess_id,
            daten,
            xml_name,
            empfaenger,
            zugriff.benutzer_id,
        )
        protokolliere(
            "xdomea.aktenplan_exportiert",
            organisation_id=zugriff.organisation_id,
            daten={"prozess_id": str(prozess_id), "empfaenger": empfaenger, "eintraege": len(eintraege)},
        )
    return Export(
        paket_modul.schreiben(daten, xml_name, []), dateiname_nachricht(prozess_id, "0301", "zip"), nachricht
    )


# --- reading and comparing ------------------------------------------------------------------


@dataclass
class FremdEinheit:
    zeile: int
    kennzeichen: str
    eltern: str  # Kennzeichen of the unit it is nested in, "" at the top
    titel: str
    beschreibung: str
    aufbewahrungsfrist: int | None
    archivwuerdigkeit: str
    aktiv: bool
    gueltig_ab: dt.date | None
    tiefe: int

    def satz(self) -> dict[str, object]:
        werte: dict[str, object] = {"kennzeichen": self.kennzeichen} | {f: getattr(self, f) for f in FELDER}
        if self.gueltig_ab:
            werte["gueltig_ab"] = self.gueltig_ab
        return werte


@dataclass
class FremderAktenplan:
    bezeichnung: str
    version: str
    einheiten: list[FremdEinheit]
    hinweise: list[str] = field(default_factory=list)


def _einheit_lesen(
    element: etree._Element, eltern: str, tiefe: int, plan: FremderAktenplan, befunde: list[Befund]
) -> None:
    zeile = element.sourceline or 0
    kennzeichen = _text(element, "x:Kennzeichen")
    titel = _text(element, "x:Inhaltsangabe") or _text(element, "x:BetreffKurz")
    erw = _erweiterung_lesen(element)
    if not kennzeichen:
        befunde.append(Befund(zeile, "Kennzeichen", f"Die Einheit „{titel or '?'}“ hat kein Kennzeichen."))
    else:
        try:
            kennzeichen_validator(kennzeichen)
        except ValidationError:
            befunde.append(
                Befund(
                    zeile,
                    "Kennzeichen",
                    f"Das Kennzeichen „{kennzeichen}“ hat nicht die Form, die Rathausnetz führt "
                    "(Ziffern und Punkte, z. B. 022.31).",
                )
            )
    if not titel:
        befunde.append(Befund(zeile, "Inhaltsangabe", f"Die Einheit {kennzeichen} hat keinen Titel."))
    elif len(titel) > MAX_TITEL:
        befunde.append(
            Befund(zeile, "Inhaltsangabe", f"Der Titel von {kennzeichen} ist länger als {MAX_TITEL} Zeichen.")
        )
    jahre = _text(element, "x:Aufbewahrungsdauer/x:AnzahlJahre")
    frist: int | None = 0 if element.find(f"{Q}Aufbewahrungsdauer/{Q}Unbefristet") is not None else None
    if jahre:
        frist = int(jahre)  # the schema guarantees an unsigned short
        if frist > 500:
            befunde.append(
                Befund(
                    zeile,
                    "AnzahlJahre",
                    f"Die Aufbewahrungsfrist von {kennzeichen} ({frist} Jahre) ist unplausibel.",
                )
            )
    if erw.get("FristGeerbt") == "1":
        frist = None
    art = (
        _text(element, "x:Aussonderungsart/x:Aussonderungsart/code")
        or _text(element, "x:Aussonderungsart/x:AussonderungsartKonfigurierbar").upper()
    )
    if art not in Archivwuerdigkeit.values:
        plan.hinweise.append(
            f"{kennzeichen}: Aussonderungsart „{art}“ ist nicht A, B oder V und wird nicht übernommen."
        )
        art = ""
    if erw.get("ArchivwuerdigkeitGeerbt") == "1":
        art = ""
    plan.einheiten.append(
        FremdEinheit(
            zeile=zeile,
            kennzeichen=kennzeichen,
            eltern=eltern,
            titel=titel,
            beschreibung=erw.get("Beschreibung", ""),
            aufbewahrungsfrist=frist,
            archivwuerdigkeit=art,
            aktiv=_text(element, "x:Stillgelegt") not in {"true", "1"},
            gueltig_ab=_datum_lesen(element, "x:Gueltigkeit/x:Beginn"),
            tiefe=tiefe,
        )
    )
    for kind in element.findall(f"{Q}Einheit"):
        _einheit_lesen(kind, kennzeichen, tiefe + 1, plan, befunde)


def lesen(wurzel: etree._Element) -> FremderAktenplan:
    """The units of a schema-valid 0301; refuses (German findings) what Rathausnetz cannot file."""
    aktenplan = wurzel.find(f"{Q}Aktenplan")
    plan = FremderAktenplan(_text(aktenplan, "x:Bezeichnung"), _text(aktenplan, "x:Version"), [])
    befunde: list[Befund] = []
    for einheit in aktenplan.findall(f"{Q}Einheit"):
        _einheit_lesen(einheit, "", 0, plan, befunde)
    gesehen: dict[str, int] = {}
    for e in plan.einheiten:
        if e.kennzeichen and e.kennzeichen in gesehen:
            befunde.append(
                Befund(
                    e.zeile,
                    "Kennzeichen",
                    f"Das Kennzeichen {e.kennzeichen} kommt doppelt vor "
                    f"(zuerst in Zeile {gesehen[e.kennzeichen]}).",
                )
            )
        gesehen.setdefault(e.kennzeichen, e.zeile)
    if not plan.einheiten:
        befunde.append(
            Befund(aktenplan.sourceline or 0, "Aktenplan", "Der Aktenplan enthält keine Einheiten.")
        )
    if befunde:
        raise UngueltigeNachricht(befunde, "Der Aktenplan kann so nicht übernommen werden.")
    return plan


def _anzeige(feld: str, wert: object) -> str:
    if feld == "aufbewahrungsfrist":
        return (
            "vom übergeordneten Eintrag" if wert is None else "unbefristet" if wert == 0 else f"{wert} Jahre"
        )
    if feld == "aktiv":
        return "aktiv" if wert else "geschlossen"
    if feld == "archivwuerdigkeit":
        return str(wert) or "vom übergeordneten Eintrag"
    return str(wert) or "–"


@dataclass
class Abweichung:
    feld: str
    hier: str
    dort: str


@dataclass
class Vergleichszeile:
    einheit: FremdEinheit
    eintrag: Aktenplaneintrag | None
    abweichungen: list[Abweichung]

    @property
    def status(self) -> str:
        return "neu" if self.eintrag is None else "abweichend" if self.abweichungen else "gleich"


@dataclass
class Abgleich:
    """The sender's plan beside the receiver's: what adding or aligning would change."""

    plan: FremderAktenplan
    zeilen: list[Vergleichszeile]
    nur_hier: list[Aktenplaneintrag]

    def anzahl(self, status: str) -> int:
        return sum(1 for z in self.zeilen if z.status == status)

    @property
    def neu(self) -> int:
        return self.anzahl("neu")

    @property
    def abweichend(self) -> int:
        return self.anzahl("abweichend")

    @property
    def gleich(self) -> int:
        return self.anzahl("gleich")


def vergleichen(plan: FremderAktenplan) -> Abgleich:
    eigene = {e.kennzeichen: e for e in Aktenplaneintrag.objects.all()}
    zeilen = []
    for einheit in plan.einheiten:
        eintrag = eigene.get(einheit.kennzeichen)
        abweichungen = []
        if eintrag is not None:
            for feld, name in FELDER.items():
                hier, dort = getattr(eintrag, feld), getattr(einheit, feld)
                if hier != dort:
                    abweichungen.append(Abweichung(name, _anzeige(feld, hier), _anzeige(feld, dort)))
        zeilen.append(Vergleichszeile(einheit, eintrag, abweichungen))
    fremde = {e.kennzeichen for e in plan.einheiten}
    return Abgleich(plan, zeilen, [e for k, e in eigene.items() if k not in fremde])


# --- receiving ------------------------------------------------------------------------------


def modus_pruefen(modus: str) -> None:
    if modus not in MODI:
        raise ValidationError({"modus": f"Unbekannte Übernahme „{modus}“. Möglich: {', '.join(MODI)}."})


def aktenplan_empfangen(
    paket: paket_modul.Paket, paketdatei, dateiname: str, modus: str = "kenntnis"
) -> Empfang:
    """Record a received 0301, apply it as chosen, and write the 0302 the sender asked for."""
    modus_pruefen(modus)
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if modus != "kenntnis" and not zugriff.darf(Recht.ORGANISATION_VERWALTEN):
        raise PermissionDenied("Den Aktenplan ändern darf nur, wer die Organisation verwaltet.")
    plan = lesen(paket.wurzel)
    abgleich = vergleichen(plan)
    k = kopf_lesen(paket.wurzel)
    frueher = Nachricht.objects.filter(
        richtung=Nachricht.Richtung.EINGANG, typ="0301", prozess_id=k["prozess_id"]
    ).exists()
    with transaction.atomic():
        ergebnis = None
        if modus != "kenntnis":
            ergebnis = aktenplan_dienst.uebernehmen(
                [e.satz() for e in sorted(plan.einheiten, key=lambda e: e.tiefe)],
                zugriff.organisation_id,
                nur_neue=modus == "ergaenzen",
                eltern={e.kennzeichen: e.eltern for e in plan.einheiten if e.eltern},
                nur_bei_neuen=frozenset({"gueltig_ab"}),
                quelle={"format": "xdomea-0301", "prozess_id": k["prozess_id"], "absender": k["absender"]},
            )
        bemerkung = (
            f"{ergebnis.neu} neu, {ergebnis.geaendert} angeglichen, {ergebnis.belassen} abweichend belassen"
            if ergebnis
            else f"verglichen: {abgleich.neu} neu, {abgleich.abweichend} abweichend, {abgleich.gleich} gleich"
        )
        nachricht = eingaenge.festhalten(
            zugriff,
            "0301",
            k,
            paketdatei,
            dateiname,
            status=Nachricht.Status.IMPORTIERT if ergebnis else Nachricht.Status.EMPFANGEN,
            bemerkung=bemerkung,
        )
        protokolliere(
            "xdomea.aktenplan_empfangen",
            organisation_id=zugriff.organisation_id,
            daten={
                "prozess_id": k["prozess_id"],
                "absender": k["absender"],
                "modus": modus,
                "ergebnis": bemerkung,
            },
        )
        quittungen = []
        if k["empfangsbestaetigung"] in {"true", "1"} and not frueher:
            quittungen.append(_quittung(nachricht))
    meldung = (
        f"Aktenplan von {k['absender'] or 'unbekannter Stelle'} – {MODI[modus].split(' (')[0]}: {bemerkung}."
    )
    if frueher:
        meldung += " Diese Nachricht war schon einmal eingegangen; eine Empfangsbestätigung gibt es bereits."
    return Empfang("0301", k, nachricht=nachricht, quittungen=quittungen, meldung=meldung, abgleich=abgleich)


def _quittung(eingang: Nachricht) -> Nachricht:
    wurzel = X(
        nachrichtenname("0302"),
        kopf(
            "0302",
            eingang.prozess_id,
            Stelle(kennung.stelle_name(eingang.organisation_id)),
            Stelle(eingang.partner or "Absender"),
        ),
    )
    return kennung.gesendet(
        eingang.organisation_id,
        "0302",
        nachrichtenname("0302"),
        eingang.prozess_id,
        kennung.xml_bytes(wurzel),
        dateiname_nachricht(eingang.prozess_id, "0302"),
        eingang.partner,
        eingang.erstellt_von_id,
        bezug=eingang,
    )


def quittung_empfangen(paket: paket_modul.Paket, paketdatei, dateiname: str, **_: object) -> Empfang:
    """A 0302 for a plan we sent: the 0301 is marked as received by the partner."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    k = kopf_lesen(paket.wurzel)
    gesendet = Nachricht.objects.filter(
        richtung=Nachricht.Richtung.AUSGANG, typ="0301", prozess_id=k["prozess_id"]
    ).first()
    if gesendet is None:
        raise UngueltigeNachricht(
            [
                Befund(
                    0,
                    "ProzessID",
                    f"Zu dieser ProzessID ({k['prozess_id']}) hat Ihre Organisation "
                    "keinen Aktenplan gesendet.",
                )
            ],
            "Die Empfangsbestätigung passt zu keinem gesendeten Aktenplan.",
        )
    with transaction.atomic():
        nachricht = eingaenge.festhalten(
            zugriff, "0302", k, paketdatei, dateiname, status=Nachricht.Status.VERARBEITET, bezug=gesendet
        )
        gesendet.status = Nachricht.Status.BESTAETIGT
        gesendet.save(update_fields=["status"])
        protokolliere(
            "xdomea.quittung_erhalten",
            organisation_id=zugriff.organisation_id,
            daten={"typ": "0302", "prozess_id": k["prozess_id"]},
        )
    return Empfang(
        "0302",
        k,
        nachricht=nachricht,
        meldung=f"{k['absender'] or 'Der Empfänger'} hat den Aktenplan erhalten.",
    )
