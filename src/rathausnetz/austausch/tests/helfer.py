"""Fixtures for XDOMEA tests: a realistic Akte of Geyer and access to package contents."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from lxml import etree

from rathausnetz.akten.models import Akte, Aktenplaneintrag, Dokumenttyp
from rathausnetz.akten.services import akten, dokumente, vorgaenge
from rathausnetz.akten.tests.helfer import datei, pdf


def akte_mit_inhalt(organisation_id: int) -> Akte:
    """A closed Akte of a Bauvoranfrage: two Vorgänge, a PDF, a letter with two versions, a note."""
    eintrag = Aktenplaneintrag.objects.get(organisation_id=organisation_id, kennzeichen="610")
    bescheid = Dokumenttyp.objects.filter(organisation_id=organisation_id, name="Bescheid").first()
    akte = akten.akte_anlegen(
        eintrag,
        "Bauvoranfrage Wohnhaus Annaberger Straße 12",
        beschreibung="Voranfrage der Familie Schubert; Einvernehmen der Gemeinde",
        eroeffnet_am=dt.date(2025, 3, 4),
    )
    antrag = vorgaenge.vorgang_anlegen(akte, "Antrag und Stellungnahme", frist=dt.date(2025, 4, 30))
    dokumente.dokument_hochladen(
        antrag,
        datei(pdf("Antrag auf Bauvorbescheid", "Flurstück 412/3, Gemarkung Geyer")),
        "Antrag Bauvorbescheid.pdf",
        betreff="Antrag auf Bauvorbescheid",
        dokumentdatum=dt.date(2025, 3, 1),
        eingangsdatum=dt.date(2025, 3, 4),
        absender="Familie Schubert, Geyer",
    )
    brief = dokumente.dokument_hochladen(
        antrag,
        datei(b"Entwurf: Das gemeindliche Einvernehmen wird erteilt."),
        "Stellungnahme.txt",
        betreff="Stellungnahme an das Landratsamt Erzgebirgskreis",
        richtung="ausgang",
        empfaenger="Landratsamt Erzgebirgskreis, Bauaufsicht",
        dokumenttyp=bescheid,
        vertraulichkeit="intern",
    )
    dokumente.version_hinzufuegen(
        brief,
        datei("Das gemeindliche Einvernehmen nach § 36 BauGB wird erteilt.".encode()),
        "Stellungnahme.txt",
    )
    vorgaenge.vorgang_zda(antrag, am=dt.date(2025, 5, 12))
    nachgang = vorgaenge.vorgang_anlegen(akte, "Rückfragen der Bauaufsicht")
    dokumente.dokument_hochladen(
        nachgang,
        datei("Telefonnotiz: Rückfrage zur Zufahrt, geklärt.".encode()),
        "Telefonnotiz.txt",
        richtung="intern",
    )
    vorgaenge.vorgang_zda(nachgang, am=dt.date(2025, 6, 2))
    akten.akte_schliessen(akte, geschlossen_am=dt.date(2025, 6, 30))
    akte.refresh_from_db()
    return akte


def paket_speichern(inhalt: bytes, pfad: Path) -> Path:
    pfad.write_bytes(inhalt)
    return pfad


def nachricht_aus_zip(inhalt: bytes) -> tuple[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(inhalt)) as zf:
        namen = [n for n in zf.namelist() if n.endswith(".xml") and "Abgabe.Abgabe.0401" in n]
        return namen[0], zf.read(namen[0])


def zip_ersetzen(inhalt: bytes, ersetzen: dict[str, bytes | None]) -> bytes:
    """A copy of a package with members replaced (``None`` removes one)."""
    ziel = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhalt)) as alt, zipfile.ZipFile(ziel, "w") as neu:
        for name in alt.namelist():
            if name in ersetzen:
                if ersetzen[name] is not None:
                    neu.writestr(name, ersetzen[name])
            else:
                neu.writestr(name, alt.read(name))
        for name, daten in ersetzen.items():
            if name not in alt.namelist() and daten is not None:
                neu.writestr(name, daten)
    return ziel.getvalue()


def offizielles_schema() -> etree.XMLSchema:
    """The official schema, loaded independently of the code under test."""
    import os

    ordner = Path(os.environ["RATHAUSNETZ_XDOMEA_SCHEMA_DIR"])
    datei_ = ordner / "xdomea.xsd" if (ordner / "xdomea.xsd").exists() else ordner / "3.1.0" / "xdomea.xsd"
    return etree.XMLSchema(etree.parse(str(datei_)))
