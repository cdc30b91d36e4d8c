"""A 0401 as another product writes it: Teilakten, Teilvorgänge, loose and paper documents."""

from __future__ import annotations

import uuid
import zipfile

import pytest
from lxml import etree
from lxml.builder import ElementMaker

from rathausnetz.akten.models import Aktenplaneintrag, Dokument, Vorgang
from rathausnetz.austausch.services import empfang
from rathausnetz.austausch.tests.helfer import offizielles_schema

pytestmark = pytest.mark.django_db

NS = "urn:xoev-de:xdomea:schema:3.1.0"
E = ElementMaker(namespace=NS, nsmap={"xd": NS})


def _id() -> str:
    return str(uuid.uuid4())


def _dokument(betreff: str, datei: str | None) -> etree._Element:
    teile = [E.Identifikation(E.ID(_id())), E.AllgemeineMetadaten(E.Betreff(betreff))]
    teile.append(E.Posteingangsdatum("2024-10-01"))
    if datei:
        fmt = E.Format(
            E.Name(etree.Element("code"), listVersionID="1.0"),
            E.Version("1"),
            E.Primaerdokument(E.Dateiname(datei), E.DateinameOriginal(datei.split("_", 1)[1])),
        )
        fmt.find(f"{{{NS}}}Name/code").text = "045"
        teile.append(E.Version(E.Nummer("1"), fmt))
    teile.append(E.Absender(E.Institution(E.Name("Verbandsgemeinde Saale-Wipper"))))
    return E.Dokument(*teile)


def test_a_file_from_saxony_anhalt_with_nested_parts_arrives_complete(charlie, gemeinde_b, als, tmp_path):
    dateien = {
        f"{_id()}_{name}": f"Inhalt von {name}".encode()
        for name in ("Vertrag.txt", "Anlage.txt", "Notiz.txt", "Einzel.txt")
    }
    namen = list(dateien)
    prozess = _id()
    nachricht = E(
        "Abgabe.Abgabe.0401",
        E.Kopf(
            E.ProzessID(prozess),
            E.Nachrichtentyp(etree.Element("code")),
            E.Erstellungszeitpunkt("2024-11-05T09:00:00+01:00"),
            E.Absender(E.Institution(E.Name("Verbandsgemeinde Saale-Wipper"))),
            E.Empfaenger(E.Institution(E.Name("Stadtverwaltung Ehrenfriedersdorf"))),
            E.Importbestaetigung("1"),
            E.Empfangsbestaetigung("0"),
        ),
        E.Schriftgutobjekt(
            E.Akte(
                E.Identifikation(E.ID(_id())),
                E.AllgemeineMetadaten(
                    E.Betreff("Gemeinsamer Bauhof"),
                    E.Kennzeichen("VG-SW 022.3/2019"),
                    E.Aktenplaneinheit(E.Kennzeichen("022.3")),
                ),
                E.Laufzeit(E.Beginn("2019-02-01")),
                E.Akteninhalt(
                    _dokument("Lose Notiz", namen[2]),
                    E.Vorgang(
                        E.Identifikation(E.ID(_id())),
                        E.AllgemeineMetadaten(E.Betreff("Zweckvereinbarung")),
                        _dokument("Vertrag", namen[0]),
                        E.Teilvorgang(
                            E.Identifikation(E.ID(_id())),
                            E.AllgemeineMetadaten(E.Betreff("Anlagen")),
                            _dokument("Anlage 1", namen[1]),
                            _dokument("Originalunterschrift (Papier)", None),
                        ),
                    ),
                    E.Teilakte(
                        E.Identifikation(E.ID(_id())),
                        E.AllgemeineMetadaten(E.Betreff("Fahrzeuge")),
                        E.Akteninhalt(
                            E.Vorgang(
                                E.Identifikation(E.ID(_id())),
                                E.AllgemeineMetadaten(E.Betreff("Winterdienst")),
                            )
                        ),
                    ),
                ),
            )
        ),
        E.Schriftgutobjekt(_dokument("Einzelnes Schreiben", namen[3])),
    )
    nachricht.find(f"{{{NS}}}Kopf/{{{NS}}}Nachrichtentyp/code").text = "0401"
    schema = offizielles_schema()
    assert schema.validate(nachricht), schema.error_log
    paket = tmp_path / "paket.zip"
    with zipfile.ZipFile(paket, "w") as zf:
        zf.writestr(
            f"{prozess}_Abgabe.Abgabe.0401.xml",
            etree.tostring(nachricht, xml_declaration=True, encoding="UTF-8"),
        )
        for name, inhalt in dateien.items():
            zf.writestr(name, inhalt)

    with als(charlie, gemeinde_b):
        standard = Aktenplaneintrag.objects.get(kennzeichen="600")
        ergebnis = empfang.empfangen(paket, paket.name, standard=standard)
        bauhof, einzel = ergebnis.akten
        assert bauhof.fremdes_aktenzeichen == "VG-SW 022.3/2019"
        assert bauhof.eroeffnet_am.isoformat() == "2019-02-01"
        vorgaenge = {v.betreff: v for v in Vorgang.objects.filter(akte=bauhof)}
        assert set(vorgaenge) == {
            "Gemeinsamer Bauhof – Dokumente ohne Vorgang",
            "Zweckvereinbarung",
            "Zweckvereinbarung › Anlagen",
            "Fahrzeuge › Winterdienst",
        }
        anlagen = Dokument.objects.filter(vorgang=vorgaenge["Zweckvereinbarung › Anlagen"]).order_by("id")
        assert [d.betreff for d in anlagen] == ["Anlage 1", "Originalunterschrift (Papier)"]
        assert anlagen[1].versionen.count() == 0  # paper: metadata only
        anlage = anlagen[0].versionen.get()
        assert anlage.dateiname == "Anlage.txt" and anlage.text.strip() == "Inhalt von Anlage.txt"
        assert anlagen[0].absender == "Verbandsgemeinde Saale-Wipper" and anlagen[0].richtung == "eingang"
        assert [d.betreff for d in Dokument.objects.filter(vorgang__akte=einzel)] == ["Einzelnes Schreiben"]
        assert [q.typ for q in ergebnis.quittungen] == ["0402"]  # no 0403 asked for
