"""Rathausnetz records as XDOMEA 3.1.0 elements, and XDOMEA elements as plain data.

Writing: ``kopf`` and ``akte_element`` build the parts every message shares (Abgabe 0401,
Anbietung 0501, Aussonderung 0503). Reading: ``schriftgutobjekte`` turns the Schriftgutobjekte of a
validated message into ``FremdAkte`` trees that the import services file, whatever product wrote
them (Teilakten and Teilvorgänge are flattened, because Rathausnetz has Akte → Vorgang → Dokument).

Fields XDOMEA has no element for (Richtung, Frist, Vorgangsstatus, the previous Aktenzeichen) travel
in an ``AnwendungsspezifischeErweiterung`` named ``rathausnetz``; other products ignore it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from lxml import etree
from lxml.builder import ElementMaker

from rathausnetz import __version__
from rathausnetz.austausch.schema import NS

X = ElementMaker(namespace=NS, nsmap={"xdomea": NS})
Q = f"{{{NS}}}"
ERWEITERUNG = "urn:rathausnetz:xdomea:erweiterung:1"

NACHRICHTEN = {
    "0301": "Aktenplan.Aktenplan",
    "0302": "Aktenplan.EmpfangBestaetigen",
    "0401": "Abgabe.Abgabe",
    "0402": "Abgabe.ImportBestaetigen",
    "0403": "Abgabe.EmpfangBestaetigen",
    "0501": "Aussonderung.Anbieteverzeichnis",
    "0502": "Aussonderung.Bewertungsverzeichnis",
    "0503": "Aussonderung.Aussonderung",
    "0504": "Aussonderung.AnbietungEmpfangBestaetigen",
    "0505": "Aussonderung.BewertungEmpfangBestaetigen",
    "0506": "Aussonderung.AussonderungImportBestaetigen",
    "0507": "Aussonderung.AussonderungEmpfangBestaetigen",
}

# Rathausnetz Vertraulichkeit ↔ code list Vertraulichkeitsstufe 1.0 (003 offen, 002 NfD, 005 vertraulich)
VERTRAULICHKEIT = {"offen": "003", "intern": "002", "vertraulich": "005"}
VERTRAULICHKEIT_ZURUECK = {
    "003": "offen",
    "002": "intern",
    "005": "vertraulich",
    "001": "vertraulich",
    "004": "vertraulich",
}

# MIME type → code list Dateiformat 1.0
DATEIFORMAT = {
    "application/pdf": "018",
    "image/png": "019",
    "image/jpeg": "011",
    "image/tiff": "024",
    "text/plain": "045",
    "text/markdown": "100",
    "message/rfc822": "006",
    "application/vnd.ms-outlook": "012",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "035",
    "application/vnd.oasis.opendocument.text": "015",
}


def nachrichtenname(typ: str) -> str:
    return f"{NACHRICHTEN[typ]}.{typ}"


def dateiname_nachricht(prozess_id: uuid.UUID | str, typ: str, endung: str = "xml") -> str:
    """The file name XDOMEA prescribes: ``{ProzessID}_{Nachricht}.{xml|zip}``."""
    return f"{prozess_id}_{nachrichtenname(typ)}.{endung}"


def _datum(wert: dt.date | None) -> str | None:
    return wert.isoformat() if wert else None


def _zeit(wert: dt.datetime | None = None) -> str:
    wert = wert or timezone.now()
    return wert.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _opt(name: str, wert: object) -> list[etree._Element]:
    """An optional element: present only with a value (the schemas refuse empty dates)."""
    if wert is None or wert == "":
        return []
    return [getattr(X, name)(str(wert))]


def code(name: str, wert: str, list_uri: str | None = None, version: str | None = None) -> etree._Element:
    attribute = {}
    if list_uri:
        attribute["listURI"] = list_uri
    if version:
        attribute["listVersionID"] = version
    element = getattr(X, name)(**attribute)
    unter = etree.SubElement(element, "code")
    unter.text = wert
    return element


@dataclass(frozen=True)
class Stelle:
    """Sender or receiver of a message (KontaktType): the authority and optionally its unit."""

    name: str
    einheit: str = ""

    def element(self, tag: str) -> etree._Element:
        teile = [X.Institution(X.Name(self.name[:300]))]
        if self.einheit:
            teile.append(X.Organisationseinheit(X.Name(self.einheit)))
        return getattr(X, tag)(*teile)


def kopf(
    typ: str,
    prozess_id: uuid.UUID,
    absender: Stelle,
    empfaenger: Stelle,
    *extra: etree._Element,
    hinweis: str = "",
) -> etree._Element:
    """The Nachrichtenkopf; ``extra`` are the flags some messages add (Importbestaetigung …)."""
    return X.Kopf(
        X.ProzessID(str(prozess_id)),
        code("Nachrichtentyp", typ, "urn:xoev-de:xdomea:codeliste:nachrichtentyp", "2.0"),
        X.Erstellungszeitpunkt(_zeit()),
        absender.element("Absender"),
        empfaenger.element("Empfaenger"),
        X.SendendesSystem(X.Produktname("Rathausnetz"), X.Version(__version__)),
        *_opt("Hinweis", hinweis),
        *extra,
    )


def wahr(wert: bool) -> str:
    return "true" if wert else "false"


def erweiterung(felder: dict[str, object]) -> list[etree._Element]:
    werte = [(k, v) for k, v in felder.items() if v not in (None, "")]
    if not werte:
        return []
    return [
        X.AnwendungsspezifischeErweiterung(
            X.Kennung(ERWEITERUNG),
            X.Name("rathausnetz"),
            *[X.Feld(X.Name(k), X.Wert(str(v))) for k, v in werte],
        )
    ]


# --- writing --------------------------------------------------------------------------------


@dataclass
class Primaerdatei:
    """A file that goes into the package next to the XML."""

    name_im_paket: str
    sha256: str


IdFuer = Callable[[str, int], uuid.UUID]


@dataclass
class Schreiber:
    """Builds Schriftgutobjekte; collects the files the package must carry."""

    id_fuer: IdFuer
    archivmetadaten: bool = True
    dateien: list[Primaerdatei] = field(default_factory=list)

    def akte(self, akte, vorgaenge: Iterable, dokumente_je_vorgang: dict[int, list]) -> etree._Element:
        eintrag = akte.aktenplaneintrag
        metadaten = X.AllgemeineMetadaten(
            X.Betreff(akte.titel),
            X.Kennzeichen(akte.aktenzeichen),
            *_opt("Federfuehrung", akte.organisationseinheit.name if akte.organisationseinheit_id else ""),
            code(
                "Vertraulichkeitsstufe",
                VERTRAULICHKEIT[akte.vertraulichkeit],
                "urn:xoev-de:xdomea:codeliste:vertraulichkeitsstufe",
                "1.0",
            ),
            *_opt("Bemerkung", akte.beschreibung),
            code("Medium", "001", "urn:xoev-de:xdomea:codeliste:medium", "1.0"),
            X.Aktenplaneinheit(X.Kennzeichen(eintrag.kennzeichen), X.Inhaltsangabe(eintrag.titel)),
        )
        teile: list[etree._Element] = [X.Identifikation(X.ID(str(self.id_fuer("akte", akte.pk)))), metadaten]
        if self.archivmetadaten:
            teile.append(self._archivmetadaten(akte))
        teile.append(
            X.Laufzeit(X.Beginn(akte.eroeffnet_am.isoformat()), *_opt("Ende", _datum(akte.geschlossen_am)))
        )
        inhalt = [self.vorgang(v, dokumente_je_vorgang.get(v.pk, []), i) for i, v in enumerate(vorgaenge, 1)]
        if inhalt:
            teile.append(X.Akteninhalt(*inhalt))
        if akte.status == "abgeschlossen":
            teile += [X.ZdA("true"), *_opt("ZdADatum", _datum(akte.geschlossen_am))]
        teile += erweiterung({"FremdesAktenzeichen": akte.fremdes_aktenzeichen})
        return X.Akte(*teile)

    def _archivmetadaten(self, akte) -> etree._Element:
        eintrag = akte.aktenplaneintrag
        frist = eintrag.wirksame_frist
        dauer = X.Unbefristet("1") if frist == 0 else X.AnzahlJahre(str(frist)) if frist else None
        art = eintrag.wirksame_archivwuerdigkeit
        return X.ArchivspezifischeMetadaten(
            *([X.Aufbewahrungsdauer(dauer)] if dauer is not None else []),
            *(
                [
                    X.Aussonderungsart(
                        code("Aussonderungsart", art, "urn:xoev-de:xdomea:codeliste:aussonderungsart", "1.0")
                    )
                ]
                if art
                else []
            ),
            *_opt("Aufbewahrungsende", _datum(akte.aussonderungsdatum)),
        )

    def vorgang(self, vorgang, dokumente: list, nummer: int) -> etree._Element:
        teile = [
            X.Identifikation(
                X.ID(str(self.id_fuer("vorgang", vorgang.pk))),
                X.NummerImUebergeordnetenContainer(str(nummer)),
            ),
            X.AllgemeineMetadaten(
                X.Betreff(vorgang.betreff),
                code("Medium", "001", "urn:xoev-de:xdomea:codeliste:medium", "1.0"),
            ),
        ]
        if vorgang.status == "zda":
            teile += [X.ZdA("true"), *_opt("ZdADatum", _datum(vorgang.zda_am))]
        teile.append(
            X.Laufzeit(
                X.Beginn(timezone.localtime(vorgang.erstellt_am).date().isoformat()),
                *_opt("Ende", _datum(vorgang.zda_am)),
            )
        )
        teile += [self.dokument(d, i) for i, d in enumerate(dokumente, 1)]
        teile += erweiterung({"Status": vorgang.status, "Frist": _datum(vorgang.frist)})
        return X.Vorgang(*teile)

    def dokument(self, dokument, nummer: int) -> etree._Element:
        teile = [
            X.Identifikation(
                X.ID(str(self.id_fuer("dokument", dokument.pk))),
                X.NummerImUebergeordnetenContainer(str(nummer)),
            ),
            X.AllgemeineMetadaten(
                X.Betreff(dokument.betreff),
                code(
                    "Vertraulichkeitsstufe",
                    VERTRAULICHKEIT[dokument.vertraulichkeit],
                    "urn:xoev-de:xdomea:codeliste:vertraulichkeitsstufe",
                    "1.0",
                ),
                code("Medium", "001", "urn:xoev-de:xdomea:codeliste:medium", "1.0"),
            ),
            *_opt("Posteingangsdatum", _datum(dokument.eingangsdatum)),
            *_opt("DatumDesSchreibens", _datum(dokument.dokumentdatum)),
            *_opt("Typ", dokument.dokumenttyp.name if dokument.dokumenttyp_id else ""),
        ]
        for version in dokument.versionen.all():
            teile.append(self.version(version))
        if dokument.absender:
            teile.append(X.Absender(X.Institution(X.Name(dokument.absender))))
        if dokument.empfaenger:
            teile.append(X.Empfaenger(X.Institution(X.Name(dokument.empfaenger))))
        teile += erweiterung({"Richtung": dokument.richtung})
        return X.Dokument(*teile)

    def version(self, version) -> etree._Element:
        from rathausnetz.speicher import sicherer_dateiname

        vid = self.id_fuer("version", version.pk)
        name = f"{vid}_{sicherer_dateiname(version.dateiname)}"
        self.dateien.append(Primaerdatei(name, version.datei.sha256))
        format_code = DATEIFORMAT.get(version.datei.mime_typ, "100")
        return X.Version(
            X.Nummer(str(version.nummer)),
            X.Format(
                code("Name", format_code, "urn:xoev-de:xdomea:codeliste:dateiformat", "1.0"),
                *_opt(
                    "SonstigerName",
                    version.dateiname.rsplit(".", 1)[-1]
                    if format_code == "100" and "." in version.dateiname
                    else "",
                ),
                X.Version(""),
                X.Primaerdokument(
                    X.Dateiname(name),
                    X.DateinameOriginal(version.dateiname),
                    X.DatumUhrzeit(_zeit(version.erstellt_am)),
                ),
            ),
        )


# --- reading --------------------------------------------------------------------------------


@dataclass
class FremdVersion:
    nummer: str
    dateiname: str  # name in the package
    dateiname_original: str


@dataclass
class FremdDokument:
    xdomea_id: str
    betreff: str
    dokumentdatum: dt.date | None
    eingangsdatum: dt.date | None
    richtung: str
    absender: str
    empfaenger: str
    typ: str
    vertraulichkeit: str
    versionen: list[FremdVersion]


@dataclass
class FremdVorgang:
    xdomea_id: str
    betreff: str
    zda_am: dt.date | None
    zda: bool
    status: str
    frist: dt.date | None
    dokumente: list[FremdDokument]


@dataclass
class FremdAkte:
    xdomea_id: str
    art: str  # what the Schriftgutobjekt was: akte, vorgang, dokument
    kennzeichen: str
    titel: str
    beschreibung: str
    vertraulichkeit: str
    aktenplan_kennzeichen: str
    aktenplan_titel: str
    eroeffnet_am: dt.date | None
    geschlossen_am: dt.date | None
    zda: bool
    fremdes_aktenzeichen: str
    vorgaenge: list[FremdVorgang]

    @property
    def anzahl_dokumente(self) -> int:
        return sum(len(v.dokumente) for v in self.vorgaenge)


def _text(element: etree._Element | None, pfad: str) -> str:
    if element is None:
        return ""
    gefunden = element.find(pfad.replace("x:", Q))
    return (gefunden.text or "").strip() if gefunden is not None else ""


def _datum_lesen(element: etree._Element, pfad: str) -> dt.date | None:
    wert = _text(element, pfad)
    return dt.date.fromisoformat(wert[:10]) if wert else None


def _erweiterung_lesen(element: etree._Element) -> dict[str, str]:
    werte: dict[str, str] = {}
    for erw in element.findall(f"{Q}AnwendungsspezifischeErweiterung"):
        if _text(erw, "x:Kennung") != ERWEITERUNG:
            continue
        for feld in erw.findall(f"{Q}Feld"):
            werte[_text(feld, "x:Name")] = _text(feld, "x:Wert")
    return werte


def _kontakt(element: etree._Element | None) -> str:
    if element is None:
        return ""
    teile = [
        _text(element, "x:Institution/x:Name"),
        _text(element, "x:Organisationseinheit/x:Name"),
        " ".join(
            filter(
                None,
                [_text(element, "x:Name/x:Vorname/x:Name"), _text(element, "x:Name/x:Familienname/x:Name")],
            )
        ),
    ]
    return ", ".join(t for t in teile if t)


def _dokument_lesen(element: etree._Element) -> FremdDokument:
    erw = _erweiterung_lesen(element)
    versionen = []
    for version in element.findall(f"{Q}Version"):
        # one file per version: the first Format (further ones are renditions of the same content)
        fmt = version.find(f"{Q}Format")
        versionen.append(
            FremdVersion(
                nummer=_text(version, "x:Nummer"),
                dateiname=_text(fmt, "x:Primaerdokument/x:Dateiname"),
                dateiname_original=_text(fmt, "x:Primaerdokument/x:DateinameOriginal"),
            )
        )
    richtung = erw.get("Richtung") or (
        "eingang"
        if _text(element, "x:Posteingangsdatum")
        else "ausgang"
        if _text(element, "x:Postausgangsdatum")
        else "intern"
    )
    return FremdDokument(
        xdomea_id=_text(element, "x:Identifikation/x:ID"),
        betreff=_text(element, "x:AllgemeineMetadaten/x:Betreff")
        or _text(element, "x:AllgemeineMetadaten/x:Kennzeichen"),
        dokumentdatum=_datum_lesen(element, "x:DatumDesSchreibens"),
        eingangsdatum=_datum_lesen(element, "x:Posteingangsdatum"),
        richtung=richtung if richtung in {"eingang", "ausgang", "intern"} else "intern",
        absender=_kontakt(element.find(f"{Q}Absender")),
        empfaenger=_kontakt(element.find(f"{Q}Empfaenger")),
        typ=_text(element, "x:Typ"),
        vertraulichkeit=VERTRAULICHKEIT_ZURUECK.get(
            _text(element, "x:AllgemeineMetadaten/x:Vertraulichkeitsstufe/code"), "offen"
        ),
        versionen=versionen,
    )


def _vorgaenge_lesen(element: etree._Element, praefix: str = "") -> list[FremdVorgang]:
    """A Vorgang and its Teilvorgänge, flattened (the Teilvorgang's Betreff names its parent)."""
    erw = _erweiterung_lesen(element)
    betreff = (
        _text(element, "x:AllgemeineMetadaten/x:Betreff")
        or _text(element, "x:AllgemeineMetadaten/x:Kennzeichen")
        or "Vorgang"
    )
    betreff = f"{praefix} › {betreff}" if praefix else betreff
    zda = _text(element, "x:ZdA") in {"true", "1"}
    frist = erw.get("Frist")
    ergebnis = [
        FremdVorgang(
            xdomea_id=_text(element, "x:Identifikation/x:ID"),
            betreff=betreff[:300],
            zda=zda,
            zda_am=_datum_lesen(element, "x:ZdADatum")
            or (_datum_lesen(element, "x:Laufzeit/x:Ende") if zda else None),
            status=erw.get("Status") or ("zda" if zda else "in_bearbeitung"),
            frist=dt.date.fromisoformat(frist) if frist else None,
            dokumente=[_dokument_lesen(d) for d in element.findall(f"{Q}Dokument")],
        )
    ]
    for teil in element.findall(f"{Q}Teilvorgang"):
        ergebnis += _vorgaenge_lesen(teil, betreff)
    return ergebnis


def _lose_dokumente(
    xdomea_id: str, betreff: str, dokumente: list[FremdDokument], zda: bool, ende: dt.date | None
) -> FremdVorgang:
    return FremdVorgang(
        xdomea_id,
        betreff[:300],
        ende if zda else None,
        zda,
        "zda" if zda else "in_bearbeitung",
        None,
        dokumente,
    )


def _akte_lesen(element: etree._Element) -> FremdAkte:
    erw = _erweiterung_lesen(element)
    zda = _text(element, "x:ZdA") in {"true", "1"}
    titel = (
        _text(element, "x:AllgemeineMetadaten/x:Betreff")
        or _text(element, "x:AllgemeineMetadaten/x:Kennzeichen")
        or "Akte"
    )
    ende = _datum_lesen(element, "x:ZdADatum") or _datum_lesen(element, "x:Laufzeit/x:Ende")
    vorgaenge: list[FremdVorgang] = []

    def inhalt(container: etree._Element, praefix: str) -> None:
        lose = [_dokument_lesen(d) for d in container.findall(f"{Q}Dokument")]
        if lose:
            vorgaenge.append(
                _lose_dokumente(str(uuid.uuid4()), f"{praefix} – Dokumente ohne Vorgang", lose, zda, ende)
            )
        for v in container.findall(f"{Q}Vorgang"):
            vorgaenge.extend(_vorgaenge_lesen(v, "" if praefix == titel else praefix))
        for teilakte in container.findall(f"{Q}Teilakte"):
            name = _text(teilakte, "x:AllgemeineMetadaten/x:Betreff") or "Teilakte"
            unter = teilakte.find(f"{Q}Akteninhalt")
            if unter is not None:
                inhalt(unter, f"{praefix} › {name}" if praefix != titel else name)

    akteninhalt = element.find(f"{Q}Akteninhalt")
    if akteninhalt is not None:
        inhalt(akteninhalt, titel)
    return FremdAkte(
        xdomea_id=_text(element, "x:Identifikation/x:ID"),
        art="akte",
        kennzeichen=_text(element, "x:AllgemeineMetadaten/x:Kennzeichen"),
        titel=titel[:300],
        beschreibung=_text(element, "x:AllgemeineMetadaten/x:Bemerkung"),
        vertraulichkeit=VERTRAULICHKEIT_ZURUECK.get(
            _text(element, "x:AllgemeineMetadaten/x:Vertraulichkeitsstufe/code"), "offen"
        ),
        aktenplan_kennzeichen=_text(element, "x:AllgemeineMetadaten/x:Aktenplaneinheit/x:Kennzeichen"),
        aktenplan_titel=_text(element, "x:AllgemeineMetadaten/x:Aktenplaneinheit/x:Inhaltsangabe"),
        eroeffnet_am=_datum_lesen(element, "x:Laufzeit/x:Beginn"),
        geschlossen_am=ende if zda else None,
        zda=zda,
        fremdes_aktenzeichen=erw.get("FremdesAktenzeichen", ""),
        vorgaenge=vorgaenge,
    )


def schriftgutobjekte(wurzel: etree._Element) -> list[FremdAkte]:
    """Every Schriftgutobjekt of a 0401/0503 message as an Akte-shaped tree."""
    ergebnis = []
    for sgo in wurzel.findall(f"{Q}Schriftgutobjekt"):
        for kind in sgo:
            name = etree.QName(kind).localname
            if name == "Akte":
                ergebnis.append(_akte_lesen(kind))
            elif name == "Vorgang":
                vorgaenge = _vorgaenge_lesen(kind)
                erster = vorgaenge[0]
                ergebnis.append(
                    FremdAkte(
                        xdomea_id=erster.xdomea_id,
                        art="vorgang",
                        kennzeichen=_text(kind, "x:AllgemeineMetadaten/x:Kennzeichen"),
                        titel=(_text(kind, "x:Aktenbetreff") or erster.betreff)[:300],
                        beschreibung="",
                        vertraulichkeit=VERTRAULICHKEIT_ZURUECK.get(
                            _text(kind, "x:AllgemeineMetadaten/x:Vertraulichkeitsstufe/code"), "offen"
                        ),
                        aktenplan_kennzeichen=_text(
                            kind, "x:AllgemeineMetadaten/x:Aktenplaneinheit/x:Kennzeichen"
                        ),
                        aktenplan_titel=_text(
                            kind, "x:AllgemeineMetadaten/x:Aktenplaneinheit/x:Inhaltsangabe"
                        ),
                        eroeffnet_am=_datum_lesen(kind, "x:Laufzeit/x:Beginn"),
                        geschlossen_am=None,
                        zda=False,
                        fremdes_aktenzeichen="",
                        vorgaenge=vorgaenge,
                    )
                )
            elif name == "Dokument":
                dokument = _dokument_lesen(kind)
                ergebnis.append(
                    FremdAkte(
                        xdomea_id=dokument.xdomea_id,
                        art="dokument",
                        kennzeichen=_text(kind, "x:AllgemeineMetadaten/x:Kennzeichen"),
                        titel=dokument.betreff[:300],
                        beschreibung="",
                        vertraulichkeit=dokument.vertraulichkeit,
                        aktenplan_kennzeichen=_text(
                            kind, "x:AllgemeineMetadaten/x:Aktenplaneinheit/x:Kennzeichen"
                        ),
                        aktenplan_titel="",
                        eroeffnet_am=None,
                        geschlossen_am=None,
                        zda=False,
                        fremdes_aktenzeichen="",
                        vorgaenge=[
                            FremdVorgang(
                                str(uuid.uuid4()),
                                dokument.betreff[:300],
                                None,
                                False,
                                "in_bearbeitung",
                                None,
                                [dokument],
                            )
                        ],
                    )
                )
    return ergebnis


def kopf_lesen(wurzel: etree._Element) -> dict[str, str]:
    k = wurzel.find(f"{Q}Kopf")
    return {
        "prozess_id": _text(k, "x:ProzessID"),
        "typ": _text(k, "x:Nachrichtentyp/code"),
        "absender": _kontakt(k.find(f"{Q}Absender")) if k is not None else "",
        "empfaenger": _kontakt(k.find(f"{Q}Empfaenger")) if k is not None else "",
        "importbestaetigung": _text(k, "x:Importbestaetigung"),
        "empfangsbestaetigung": _text(k, "x:Empfangsbestaetigung"),
    }
