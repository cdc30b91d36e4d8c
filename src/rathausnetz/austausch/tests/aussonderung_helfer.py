"""The archive's side of the Aussonderung in tests: 0502 and 0506 as a real archive would write them.

Built with plain lxml (not with the code under test) and validated against the official schemas,
so that the tests prove Rathausnetz understands what archives actually send.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

from rathausnetz.akten.models import Akte
from rathausnetz.akten.services import akten, dokumente, vorgaenge
from rathausnetz.akten.tests.helfer import datei
from rathausnetz.austausch.tests.helfer import offizielles_schema

NS = "urn:xoev-de:xdomea:schema:3.1.0"
A = ElementMaker(namespace=NS, nsmap={"xdomea": NS})
NSMAP = {"x": NS}
ARCHIV = "Sächsisches Staatsarchiv"


def kleine_akte(organisation_id: int, titel: str = "Hundesteuer 1990") -> Akte:
    """A closed Akte with one Vorgang and one text document (the kind that is usually destroyed)."""
    from rathausnetz.akten.models import Aktenplaneintrag

    eintrag = Aktenplaneintrag.objects.get(organisation_id=organisation_id, kennzeichen="610")
    akte = akten.akte_anlegen(eintrag, titel, eroeffnet_am=dt.date(2024, 1, 2))
    vorgang = vorgaenge.vorgang_anlegen(akte, "Festsetzung")
    dokumente.dokument_hochladen(vorgang, datei(f"Bescheid {titel}".encode()), "Bescheid.txt")
    vorgaenge.vorgang_zda(vorgang, am=dt.date(2024, 2, 1))
    akten.akte_schliessen(akte, geschlossen_am=dt.date(2024, 3, 1))
    return abgelaufen(akte)


def abgelaufen(akte: Akte) -> Akte:
    """Let the retention period run out (30 years would be long to wait for)."""
    Akte._base_manager.filter(pk=akte.pk).update(aussonderungsdatum=dt.date(2020, 12, 31))
    akte.refresh_from_db()
    return akte


def _kopf(prozess_id: str, typ: str, absender: str, empfaenger: str, *extra) -> etree._Element:
    return A.Kopf(
        A.ProzessID(prozess_id),
        A.Nachrichtentyp(
            etree.fromstring(f"<code>{typ}</code>"),
            listURI="urn:xoev-de:xdomea:codeliste:nachrichtentyp",
            listVersionID="2.0",
        ),
        A.Erstellungszeitpunkt("2026-05-04T10:00:00Z"),
        A.Absender(A.Institution(A.Name(absender))),
        A.Empfaenger(A.Institution(A.Name(empfaenger))),
        A.SendendesSystem(A.Produktname("scopeArchiv"), A.Version("5.2")),
        *extra,
    )


def _art(code: str) -> etree._Element:
    return A.Aussonderungsart(
        A.Aussonderungsart(
            etree.fromstring(f"<code>{code}</code>"),
            listURI="urn:xoev-de:xdomea:codeliste:aussonderungsart",
            listVersionID="1.0",
        )
    )


def _gueltig(wurzel: etree._Element) -> bytes:
    schema = offizielles_schema()
    assert schema.validate(wurzel), schema.error_log
    return etree.tostring(wurzel, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def bewertungsverzeichnis(prozess_id: str, bewertungen: dict[str, str], behoerde: str) -> bytes:
    """0502: per offered object A or V; the archive asks for a receipt (0505)."""
    wurzel = A(
        "Aussonderung.Bewertungsverzeichnis.0502",
        _kopf(prozess_id, "0502", ARCHIV, behoerde, A.Empfangsbestaetigung("true")),
        *[A.BewertetesObjekt(A.ID(i), _art(code)) for i, code in bewertungen.items()],
    )
    return _gueltig(wurzel)


def import_bestaetigung(prozess_id: str, ergebnisse: dict[str, str | None], behoerde: str) -> bytes:
    """0506: per object success with Archivkennung (a string), or failure (``None``)."""
    objekte = []
    for i, archivkennung in ergebnisse.items():
        if archivkennung is None:
            objekte.append(
                A.AusgesondertesSGO(A.IDSGO(i), A.Erfolgreich("false"), A.Fehlermeldung("Primärdatei defekt"))
            )
        else:
            objekte.append(
                A.AusgesondertesSGO(A.IDSGO(i), A.Erfolgreich("true"), A.Archivkennung(archivkennung))
            )
    wurzel = A(
        "Aussonderung.AussonderungImportBestaetigen.0506",
        _kopf(prozess_id, "0506", ARCHIV, behoerde),
        *objekte,
    )
    return _gueltig(wurzel)


def empfangsbestaetigung(prozess_id: str, typ: str, behoerde: str) -> bytes:
    namen = {"0504": "AnbietungEmpfangBestaetigen", "0507": "AussonderungEmpfangBestaetigen"}
    return _gueltig(A(f"Aussonderung.{namen[typ]}.{typ}", _kopf(prozess_id, typ, ARCHIV, behoerde)))


def ablegen(ordner: Path, prozess_id: str, typ: str, daten: bytes) -> Path:
    namen = {
        "0502": "Bewertungsverzeichnis",
        "0504": "AnbietungEmpfangBestaetigen",
        "0506": "AussonderungImportBestaetigen",
        "0507": "AussonderungEmpfangBestaetigen",
    }
    pfad = ordner / f"{prozess_id}_Aussonderung.{namen[typ]}.{typ}.xml"
    pfad.write_bytes(daten)
    return pfad


def xml_aus_zip(inhalt: bytes, endung: str) -> tuple[bytes, list[str]]:
    with zipfile.ZipFile(io.BytesIO(inhalt)) as zf:
        namen = zf.namelist()
        return zf.read(next(n for n in namen if n.endswith(endung))), namen


def ids(xml: bytes) -> list[str]:
    """The IDs of the Akten a 0501/0503 lists."""
    return etree.fromstring(xml).xpath(
        "x:Schriftgutobjekt/x:Akte/x:Identifikation/x:ID/text()", namespaces=NSMAP
    )


def zufaellige_id() -> str:
    return str(uuid.uuid4())
