"""Text aus Word- (DOCX) und OpenDocument-Dateien (ODT) für Suche und Vorschau.

Beide Formate sind ZIP-Archive. Eine hochgeladene oder per E-Mail eingegangene Datei ist nicht
vertrauenswürdig: ein „ZIP-Bombe“ genanntes Archiv von wenigen Kilobyte kann beim Entpacken
Gigabyte belegen. Deshalb prüfen wir die im ZIP-Verzeichnis angegebenen Größen, *bevor* ein Parser
die Datei öffnet. Das genügt, weil ``zipfile`` beim Lesen nie mehr Bytes liefert, als das Verzeichnis
für ein Mitglied angibt (es bricht am angegebenen ``file_size`` ab und prüft dann die CRC): eine
gefälschte kleine Größe führt zu einem Fehler, nicht zu unbegrenztem Speicherverbrauch.

Jeder Fehler beim Lesen wird zu :class:`UnlesbareDatei` mit einer Meldung, die eine Sachbearbeiterin
versteht; die technische Ursache bleibt als ``__cause__`` für das Protokoll erhalten.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["MAX_ENTPACKT", "MAX_MITGLIEDER", "MAX_VERHAELTNIS", "UnlesbareDatei", "docx_text", "odt_text"]

# Ein Dokument mit vielen Fotos erreicht selten 100 MB; Bilder sind ohnehin kaum komprimierbar.
MAX_ENTPACKT = 256 * 1024 * 1024
# XML lässt sich etwa 10- bis 30-fach komprimieren; Nullen oder Wiederholungen tausendfach.
MAX_VERHAELTNIS = 100
# Unterhalb dieser Größe ist ein hohes Verhältnis harmlos (kleine, gleichförmige XML-Teile).
_VERHAELTNIS_AB = 2 * 1024 * 1024
MAX_MITGLIEDER = 10_000


class UnlesbareDatei(ValueError):
    """Die Datei kann nicht gelesen werden; die Meldung ist für Sachbearbeitende formuliert."""


def _zip_pruefen(pfad: Path, art: str) -> None:
    """Weist ZIP-Bomben und Nicht-ZIP-Dateien ab, ohne ein Mitglied zu entpacken."""
    try:
        with zipfile.ZipFile(pfad) as archiv:
            mitglieder = archiv.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnlesbareDatei(f"Die {art} ist beschädigt und kann nicht gelesen werden.") from exc
    if len(mitglieder) > MAX_MITGLIEDER:
        raise UnlesbareDatei(
            f"Die {art} enthält ungewöhnlich viele Teile und wird aus Sicherheitsgründen nicht gelesen."
        )
    gesamt = 0
    for info in mitglieder:
        gesamt += info.file_size
        verhaeltnis = info.file_size / max(info.compress_size, 1)
        if gesamt > MAX_ENTPACKT or (info.file_size > _VERHAELTNIS_AB and verhaeltnis > MAX_VERHAELTNIS):
            raise UnlesbareDatei(
                f"Die {art} würde entpackt ungewöhnlich viel Speicher belegen und wird aus "
                "Sicherheitsgründen nicht gelesen. Bitte speichern Sie das Dokument neu oder reichen Sie es "
                "als PDF ein."
            )


def docx_text(pfad: Path) -> str:
    """Text einer DOCX-Datei: Absätze und Tabellenzellen in Dokumentreihenfolge, eine Zeile je Absatz.

    python-docx kennt ``document.paragraphs`` und ``document.tables`` nur getrennt; wir laufen selbst
    über den Körper, damit eine Tabelle zwischen den Absätzen steht, zwischen denen sie im Dokument steht.
    """
    art = "Word-Datei"
    _zip_pruefen(pfad, art)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        dokument = docx.Document(str(pfad))
        zeilen: list[str] = []

        def bloecke(eltern: Any, element: Any) -> None:
            for kind in element.iterchildren():
                tag = kind.tag.rsplit("}", 1)[-1]
                if tag == "p":
                    zeilen.append(Paragraph(kind, eltern).text)
                elif tag == "tbl":
                    tabelle(Table(kind, eltern))
                elif tag == "sdt":  # Inhaltssteuerelemente (Formularfelder) enthalten Absätze
                    inhalt = kind.find("{*}sdtContent")
                    if inhalt is not None:
                        bloecke(eltern, inhalt)

        def tabelle(tab: Any) -> None:
            # Verbundene Zellen liefert python-docx mehrfach; wir nehmen jede nur einmal. Die Menge hält
            # die lxml-Elemente fest, denn lxml erzeugt für einen Knoten nur so lange dasselbe Objekt.
            gesehen: set[Any] = set()
            for reihe in tab.rows:
                for zelle in reihe.cells:
                    if zelle._tc in gesehen:
                        continue
                    gesehen.add(zelle._tc)
                    bloecke(zelle, zelle._tc)

        bloecke(dokument, dokument.element.body)
    except UnlesbareDatei:
        raise
    except Exception as exc:
        raise UnlesbareDatei("Die Word-Datei ist beschädigt und kann nicht gelesen werden.") from exc
    return "\n".join(zeilen).strip()


_ODF_XML_TEILE = ("settings.xml", "meta.xml", "content.xml", "styles.xml")


def _odf_xml_pruefen(pfad: Path) -> None:
    """Prüft, dass die XML-Teile wohlgeformt sind, bevor odfpy sie lädt.

    odfpy fängt Parserfehler selbst ab, schreibt dann den *ganzen* XML-Inhalt auf die Standardausgabe
    (also womöglich vertrauliche Akteninhalte ins Serverprotokoll) und liefert ein leeres Dokument.
    Ein eigener Durchlauf mit defusedxml (ohne externe Entitäten, ohne Entitätsbomben) verhindert beides.
    """
    from xml.sax import handler

    from defusedxml.sax import make_parser

    with zipfile.ZipFile(pfad) as archiv:
        namen = set(archiv.namelist())
        if "content.xml" not in namen:
            raise ValueError("content.xml fehlt")
        for teil in _ODF_XML_TEILE:
            if teil not in namen:
                continue
            parser = make_parser()
            parser.setFeature(handler.feature_namespaces, True)
            parser.setFeature(handler.feature_external_ges, False)
            parser.setContentHandler(handler.ContentHandler())
            with archiv.open(teil) as strom:
                parser.parse(strom)


def odt_text(pfad: Path) -> str:
    """Text einer ODT-Datei: Überschriften, Absätze, Listen und Tabellen in Dokumentreihenfolge."""
    art = "OpenDocument-Datei"
    _zip_pruefen(pfad, art)
    try:
        _odf_xml_pruefen(pfad)
        from odf import opendocument, teletype
        from odf.namespaces import TEXTNS

        dokument = opendocument.load(str(pfad))
        zeilen = [teletype.extractText(element) for element in _odf_absaetze(dokument.text, TEXTNS)]
    except Exception as exc:
        raise UnlesbareDatei("Die OpenDocument-Datei ist beschädigt und kann nicht gelesen werden.") from exc
    return "\n".join(zeilen).strip()


def _odf_absaetze(element: Any, textns: str) -> Iterator[Any]:
    """Alle ``text:p``/``text:h`` unterhalb von ``element``; Listen und Tabellenzellen enthalten solche.

    In einen gefundenen Absatz steigen wir nicht weiter hinab: ``extractText`` liefert dessen Text
    samt Fußnoten schon, sonst stünde er doppelt da.
    """
    if element is None:
        return
    stapel = [iter(element.childNodes)]
    while stapel:  # iterativ, damit tief verschachtelte Listen keinen RecursionError auslösen
        kind = next(stapel[-1], None)
        if kind is None:
            stapel.pop()
            continue
        if getattr(kind, "qname", None) in ((textns, "p"), (textns, "h")):
            yield kind
        elif getattr(kind, "childNodes", None):
            stapel.append(iter(kind.childNodes))
