"""Validation of XDOMEA messages against the official 3.1.0 schemas, with findings in German.

Rathausnetz does not ship the schemas (they are KoSIT's published files, see docs/austausch.md);
``RATHAUSNETZ_XDOMEA_SCHEMA_DIR`` names the folder. Every message is validated before it leaves and
before anything of it is imported, so a missing folder stops the exchange with a clear message
instead of letting unchecked XML through.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from lxml import etree

NS = "urn:xoev-de:xdomea:schema:3.1.0"


class SchemaFehlt(ImproperlyConfigured):
    """The XDOMEA schemas are not configured or not readable."""


@dataclass(frozen=True)
class Befund:
    """One problem of a message: where it is and what is wrong, in words a clerk can pass on."""

    zeile: int
    element: str
    problem: str

    def __str__(self) -> str:
        ort = f"Zeile {self.zeile}" if self.zeile else "Nachricht"
        return f"{ort}, {self.element or '–'}: {self.problem}"


class UngueltigeNachricht(ValidationError):
    """A message that is not valid XDOMEA 3.1.0 (or not a readable package); carries the findings."""

    def __init__(
        self, befunde: list[Befund], einleitung: str = "Die Nachricht ist kein gültiges XDOMEA 3.1.0."
    ):
        self.befunde = befunde
        super().__init__([einleitung, *(str(b) for b in befunde[:50])])


def schema_datei() -> Path:
    ordner = settings.XDOMEA_SCHEMA_DIR
    if not ordner:
        raise SchemaFehlt(
            "Die XDOMEA-Schemas sind nicht eingerichtet: RATHAUSNETZ_XDOMEA_SCHEMA_DIR muss auf den Ordner "
            "mit den XDOMEA-3.1.0-Schemas (xdomea.xsd) zeigen (siehe docs/austausch.md)."
        )
    for kandidat in (Path(ordner) / "xdomea.xsd", Path(ordner) / "3.1.0" / "xdomea.xsd"):
        if kandidat.is_file():
            return kandidat
    raise SchemaFehlt(f"In {ordner} liegt keine xdomea.xsd (XDOMEA 3.1.0); siehe docs/austausch.md.")


@functools.cache
def _schema(pfad: Path) -> etree.XMLSchema:
    try:
        return etree.XMLSchema(etree.parse(str(pfad)))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as fehler:
        raise SchemaFehlt(f"Die XDOMEA-Schemas in {pfad.parent} lassen sich nicht laden: {fehler}") from None


def schema() -> etree.XMLSchema:
    return _schema(schema_datei())


def sicherer_parser() -> etree.XMLParser:
    """No entities, no DTDs, no network: XML from outside cannot read files or explode."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parsen(daten: bytes) -> etree._ElementTree:
    """Parse a message from outside; malformed XML or a DOCTYPE becomes a finding, not a crash."""
    try:
        baum = etree.ElementTree(etree.fromstring(daten, sicherer_parser()))
    except etree.XMLSyntaxError as fehler:
        zeile = fehler.lineno or 0
        raise UngueltigeNachricht(
            [Befund(zeile, "", f"Kein wohlgeformtes XML ({_fehlertext(fehler.msg)}).")]
        ) from None
    if baum.docinfo.doctype:
        raise UngueltigeNachricht([Befund(1, "", "Eine DOCTYPE-Deklaration ist nicht erlaubt.")])
    return baum


def pruefen(baum: etree._ElementTree | etree._Element) -> list[Befund]:
    """All schema findings of a message (empty: valid)."""
    xsd = schema()
    if xsd.validate(baum):
        return []
    return [_befund(f) for f in xsd.error_log]


def sicherstellen(baum: etree._ElementTree | etree._Element) -> None:
    befunde = pruefen(baum)
    if befunde:
        raise UngueltigeNachricht(befunde)


_NAMENSRAUM = re.compile(r"\{(?:urn|https?):[^}]*\}")
_UEBERSETZUNGEN: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"This element is not expected\. Expected is (?:one of )?\( (.*) \)\.?"),
        "Dieses Element ist hier nicht erlaubt; erwartet: {0}.",
    ),
    (re.compile(r"This element is not expected\.?"), "Dieses Element ist hier nicht erlaubt."),
    (
        re.compile(r"Missing child element\(s\)\. Expected is (?:one of )?\( (.*) \)\.?"),
        "Es fehlt ein Pflichtelement: {0}.",
    ),
    (
        re.compile(r"\[facet 'pattern'\] The value '(.*)' is not accepted by the pattern '.*'\.?"),
        "Der Wert „{0}“ hat nicht das vorgeschriebene Format.",
    ),
    (
        re.compile(r"\[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\}\.?"),
        "Der Wert „{0}“ ist nicht zulässig (nicht in der Codeliste).",
    ),
    (
        re.compile(r"'(.*)' is not a valid value of the atomic type '(?:xs:)?(\w+)'\.?"),
        "Der Wert „{0}“ ist kein gültiger Wert vom Typ {1}.",
    ),
    (re.compile(r"The attribute '(.*)' is required but missing\.?"), "Das Attribut „{0}“ fehlt."),
    (re.compile(r"The attribute '(.*)' is not allowed\.?"), "Das Attribut „{0}“ ist nicht erlaubt."),
    (
        re.compile(r"The (?:actual )?value '(.*)' does not match the fixed value constraint '(.*)'\.?"),
        "Der Wert „{0}“ muss „{1}“ lauten.",
    ),
    (
        re.compile(r"Character content other than whitespace is not allowed.*"),
        "Hier ist kein Text erlaubt, nur Unterelemente.",
    ),
    (
        re.compile(r"No matching global declaration available for the validation root\.?"),
        "Das Wurzelelement ist keine XDOMEA-3.1.0-Nachricht (falscher Name oder Namensraum).",
    ),
    (
        re.compile(r"Element content is not allowed, because the content type is a simple type.*"),
        "Hier ist nur Text erlaubt, keine Unterelemente.",
    ),
]


def _fehlertext(meldung: str) -> str:
    meldung = _NAMENSRAUM.sub("", meldung or "").strip()
    for muster, vorlage in _UEBERSETZUNGEN:
        treffer = muster.search(meldung)
        if treffer:
            return vorlage.format(*treffer.groups())
    return f"Schemaverstoß: {meldung}"


def _befund(fehler: etree._LogEntry) -> Befund:
    meldung = fehler.message or ""
    element = ""
    treffer = re.match(r"Element '([^']*)'(?:, attribute '([^']*)')?: (.*)", meldung, re.S)
    if treffer:
        element = _NAMENSRAUM.sub("", treffer.group(1))
        if treffer.group(2):
            element += f"/@{treffer.group(2)}"
        meldung = treffer.group(3)
    return Befund(fehler.line or 0, element, _fehlertext(meldung))
