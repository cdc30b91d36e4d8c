"""Metadata read from the plain text of an incoming document: date, place, sender, contact, references.

Pure functions on a string, no database and no Django: the ingest pipeline calls ``extrahieren`` after
text extraction/OCR and shows the result as *suggestions* the clerk confirms. Every rule is a cheap
heuristic that tolerates the usual scan damage (lost umlauts, "ß" read as "B"/"3", "rn" for "m"), so
matching always happens on a folded copy of the text (lower case, umlauts without dots) whose
characters line up one-to-one with the original: positions found in the folded copy cut the value
out of the original, which keeps the clerk's spelling.

Nothing here raises on odd input: a text without any metadata gives an empty ``Metadaten``.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Metadaten", "extrahieren", "falten"]

#: a letter dated a few days ahead (written on Friday for Monday's post) is normal; more is a deadline
ZUKUNFT_TOLERANZ = datetime.timedelta(days=7)
#: the letterhead and reference block of a letter lie within these first non-empty lines
KOPFZEILEN = 15


@dataclass(frozen=True)
class Metadaten:
    """What could be read; empty strings/tuples and ``None`` where nothing was found.

    ``telefon`` holds the written number tidied up for display, not a dialable canonical form:
    parentheses, slashes and the "(0)" after a country code removed, blanks collapsed, the extension
    dash kept ("(0351) 8192-0" → "0351 8192-0", "+49 (0)351/81920" → "+49 351 81920"). Two spellings
    of the same number ("+49 351 …" and "0351 …") count as one, the first one found wins.

    ``aktenzeichen`` holds the reference values without their labels; values given as "Ihr Zeichen"
    (the recipient's — i.e. probably our own — reference, the best hint for filing) come first.
    """

    datum: datetime.date | None = None
    datum_fundstelle: str = ""
    ort: str = ""
    absender_organisation: str = ""
    absender_person: str = ""
    emails: tuple[str, ...] = ()
    telefon: tuple[str, ...] = ()
    aktenzeichen: tuple[str, ...] = ()
    pressemitteilung_nr: str = ""
    betreff: str = ""

    def als_dict(self) -> dict:
        """JSON-ready: the date as ISO string, tuples as lists."""
        daten = dataclasses.asdict(self)
        daten["datum"] = self.datum.isoformat() if self.datum else None
        for feld in ("emails", "telefon", "aktenzeichen"):
            daten[feld] = list(daten[feld])
        return daten


# --- folding -------------------------------------------------------------------------------------

_FALTEN = str.maketrans(
    {
        "ä": "a",
        "ö": "o",
        "ü": "u",
        "ß": "s",
        "é": "e",
        "è": "e",
        "ê": "e",
        "á": "a",
        "à": "a",
        "ó": "o",
        "ò": "o",
        "ú": "u",
        "ù": "u",
        "í": "i",
        "ì": "i",
        "’": "'",
        "–": "-",
        "—": "-",
    }
)


def falten(text: str) -> str:
    """Lower case with umlauts and OCR accents reduced to the base letter, *same length* as the input.

    Same length matters: a match in the folded text cuts the value out of the original at the same
    offsets. (Hence "ß" → "s", not "ss".)
    """
    return text.lower().translate(_FALTEN)


def _leer_zu_einem(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- dates ---------------------------------------------------------------------------------------

_MONATE = {
    "januar": 1,
    "jan": 1,
    "janner": 1,
    "jaenner": 1,
    "january": 1,
    "februar": 2,
    "feb": 2,
    "febr": 2,
    "february": 2,
    "marz": 3,
    "maerz": 3,
    "merz": 3,
    "mar": 3,
    "mrz": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
    "december": 12,
    "dec": 12,
}

_DATUM_NUMERISCH = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d])")
_DATUM_MONATSNAME = re.compile(r"(?<![\d.])(\d{1,2})\.?\s*([a-z0][a-z]{2,9})\.?\s+(\d{4})(?!\d)")
_DATUM_ISO = re.compile(r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?![\d])")

_WOCHENTAG = (
    r"(?:(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"
    r"|mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?,?\s*)?"
)
#: "bis zum 30.11.", "spätestens am …", "geb. 3.4.1980": never the document's own date
_KONTEXT_FRIST = re.compile(
    r"(?:\bbis|spatestens|\bfrist\w*|\bab|\bgeb\.?|geboren|gultig|fallig|faellig|zahlbar|ablauf\w*|endet)"
    r"(?:\s+(?:zum|am|dem|den|bis|spatestens))*\s*" + _WOCHENTAG + r"$"
)
#: "Ihr Schreiben vom …", "seit dem …": a reference; used only when nothing better is there
_KONTEXT_BEZUG = re.compile(
    r"(?:\bvom|\bseit|eingang|eingegangen|\bstand|\bzuletzt)(?:\s+(?:am|dem|den))?\s*:?\s*" + _WOCHENTAG + "$"
)
#: "am 12.11.", "Sitzung am …": an event inside the text
_KONTEXT_EREIGNIS = re.compile(r"(?:\bam|\btermin\w*|\bsitzung\w*|\bden)\s*:?\s*" + _WOCHENTAG + "$")
_KONTEXT_SPANNE = re.compile(r"\d\.?\s*(?:-|bis)\s*$")
_KONTEXT_LABEL = re.compile(
    r"(?:\bdatum|\bdate|\bgesendet|\bsent|\berstellt am|\bausgestellt am|\bverfasst am)\s*:?\s*"
    + _WOCHENTAG
    + "$"
)
_KONTEXT_ORT = re.compile(
    r"^\s*([A-ZÄÖÜ][^\d,:;()@]{1,40}?)\s*,\s*(?:(?:den|am)\s+)?" + _WOCHENTAG + "$", re.I
)
_KEIN_ORT = re.compile(r"^(?:sehr|liebe|hallo|guten|datum|betreff|ihr|unser|nr|az|tel|fax|von|an)\b")


@dataclass(frozen=True)
class _Datumskandidat:
    datum: datetime.date
    punkte: float
    position: int
    fundstelle: str
    ort: str


def _jahr(text: str, heute: datetime.date) -> int:
    jahr = int(text)
    if len(text) == 2:
        jahr += 2000 if jahr <= (heute.year % 100) + 1 else 1900
    return jahr


def _datum_oder_none(jahr: int, monat: int, tag: int, heute: datetime.date) -> datetime.date | None:
    if not 1900 <= jahr <= heute.year + 1:
        return None
    try:
        datum = datetime.date(jahr, monat, tag)
    except ValueError:  # 31.02., 00.13. …
        return None
    return None if datum > heute + ZUKUNFT_TOLERANZ else datum


def _monat(wort: str) -> int | None:
    """Month number from a (folded) name; tolerates OCR's "0ktober" and "Novernber"."""
    if wort.startswith("0"):
        wort = "o" + wort[1:]
    for kandidat in (wort, wort.replace("rn", "m")):
        if kandidat in _MONATE:
            return _MONATE[kandidat]
    return None


def _daten_in_zeile(gefaltet: str, heute: datetime.date) -> Iterable[tuple[int, int, datetime.date]]:
    belegt: list[tuple[int, int]] = []
    for treffer in _DATUM_MONATSNAME.finditer(gefaltet):
        monat = _monat(treffer.group(2))
        if monat is None:
            continue
        datum = _datum_oder_none(int(treffer.group(3)), monat, int(treffer.group(1)), heute)
        if datum:
            belegt.append(treffer.span())
            yield treffer.start(), treffer.end(), datum
    for muster, reihenfolge in ((_DATUM_NUMERISCH, (3, 2, 1)), (_DATUM_ISO, (1, 2, 3))):
        for treffer in muster.finditer(gefaltet):
            if any(a <= treffer.start() < b for a, b in belegt):
                continue
            jahr_text, monat_text, tag_text = (treffer.group(i) for i in reihenfolge)
            datum = _datum_oder_none(_jahr(jahr_text, heute), int(monat_text), int(tag_text), heute)
            if datum:
                yield treffer.start(), treffer.end(), datum


def _datumskandidaten(zeilen: list[str], heute: datetime.date) -> list[_Datumskandidat]:
    kandidaten = []
    nichtleer = 0
    position = 0
    vorige_gefaltet = ""
    for zeile in zeilen:
        gefaltet = falten(zeile)
        if zeile.strip():
            nichtleer += 1
        for anfang, ende, datum in _daten_in_zeile(gefaltet, heute):
            vor = gefaltet[:anfang]
            punkte = 0.0
            start = anfang
            ort = ""
            if _KONTEXT_FRIST.search(vor) or _KONTEXT_SPANNE.search(vor):
                continue
            treffer = _KONTEXT_ORT.search(zeile[:anfang])
            if treffer and not _KEIN_ORT.match(falten(treffer[1])) and len(treffer[1].split()) <= 4:
                punkte += 6
                ort = treffer[1].strip()
                start = treffer.start(1)
            if not ort:
                if treffer := _KONTEXT_LABEL.search(vor):
                    punkte += 6
                    start = treffer.start()
                elif _KONTEXT_BEZUG.search(vor):
                    punkte -= 6
                elif _KONTEXT_EREIGNIS.search(vor):
                    punkte -= 3
            rest = (zeile[:start] + zeile[ende:]).strip(" \t.,;:")
            if not rest:
                punkte += 3  # the date alone on its line, as in a letterhead
            if re.search(r"\bdatum\b", vorige_gefaltet) and len(re.split(r"\s{2,}", vorige_gefaltet)) > 1:
                punkte += 3  # value row under a header row "Ihr Zeichen  Unser Zeichen  Datum"
            if nichtleer <= KOPFZEILEN:
                punkte += 1
            kandidaten.append(
                _Datumskandidat(datum, punkte, position + anfang, _leer_zu_einem(zeile[start:ende]), ort)
            )
        position += len(zeile) + 1
        if zeile.strip():
            vorige_gefaltet = gefaltet
    return kandidaten


def _bestes_datum(zeilen: list[str], heute: datetime.date) -> _Datumskandidat | None:
    kandidaten = _datumskandidaten(zeilen, heute)
    if not kandidaten:
        return None
    return max(kandidaten, key=lambda k: (k.punkte, -k.position))


# --- sender ----------------------------------------------------------------------------------------

_ORG_MARKER = re.compile(
    r"\b(?:stadtverwaltung|gemeindeverwaltung|verwaltungsgemeinschaft|verwaltungsverband|landratsamt"
    r"|landesdirektion|landkreis\w*|stadte-?\s*und\s+gemeinde\w*|zweckverband\w*|\w*ministerium"
    r"|staatskanzlei|\w*gmbh|mbh|e\.\s?v\.?|\w*amt|\w*verband|\w*gesellschaft|\w*genossenschaft"
    r"|\w*direktion|sparkasse|\w*bank|kirchgemeinde|\w*schule|kindertagesstatte|kita|\w*feuerwehr"
    r"|polizei\w*|rathaus|burgerburo|\w*kammer|stadt\s+[a-z]|gemeinde\s+[a-z]|\w*behorde|\w*verein"
    r"|\w*stiftung|\w*zentrum|\w*buro|notar\w*|kanzlei|bestattung\w*|\w*werke?|\w*gericht|\w*kasse"
    r"|\w*institut|\w*agentur|freistaat|\w*versicherung|\w*kommission|\w*rat der|\w*bund)\b"
)
_KEINE_ORG = {"gesamt", "insgesamt", "samt", "mitsamt", "allesamt", "bund"}


def _ist_organisation(text: str) -> bool:
    gefaltet = falten(text)
    return any(t.group(0).strip() not in _KEINE_ORG for t in _ORG_MARKER.finditer(gefaltet))


_TITEL = {"dr.", "prof.", "dipl.-ing.", "dipl.-verw.", "frau", "herr", "familie", "ing."}
_PARTIKEL = {"von", "van", "der", "de", "zu", "und", "vom"}
_KEIN_NAME = {
    "sehr",
    "geehrte",
    "geehrter",
    "damen",
    "herren",
    "anlage",
    "anlagen",
    "auftrag",
    "vertretung",
    "mit",
    "freundlichen",
    "grusen",
    "grussen",
    "seite",
    "verteiler",
    "betreff",
    "burgermeister",
    "burgermeisterin",
    "oberburgermeister",
    "oberburgermeisterin",
    "landrat",
    "landratin",
    "sachbearbeiter",
    "sachbearbeiterin",
    "amtsleiter",
    "amtsleiterin",
    "leiter",
    "leiterin",
    "geschaftsfuhrer",
    "geschaftsfuhrerin",
    "vorsitzender",
    "vorsitzende",
    "ihr",
    "ihre",
    "team",
    "hinweis",
    "sachsen",
    "erzgebirgskreis",
    "pressestelle",
    "telefon",
    "tel",
    "e-mail",
    "internet",
    "datum",
    "gez.",
}
_NAMENSTEIL = re.compile(r"^[A-ZÄÖÜ][a-zäöüßéè]+(?:-[A-ZÄÖÜ][a-zäöüßéè]+)?$")


def _ist_name(text: str) -> bool:
    """Two or more capitalised words ("Maria Schneider", "Dr. Jens Hoffmann-Lutz"), or a title plus one."""
    woerter = text.split()
    if not 1 <= len(woerter) <= 6 or _ist_organisation(text):
        return False
    titel = namen = 0
    for wort in woerter:
        gefaltet = falten(wort)
        if gefaltet in _KEIN_NAME or gefaltet.rstrip(",.") in _KEIN_NAME:
            return False
        if gefaltet in _TITEL:
            titel += 1
        elif gefaltet in _PARTIKEL:
            continue
        elif _NAMENSTEIL.match(wort):
            namen += 1
        else:
            return False
    return namen >= 2 or (namen >= 1 and titel >= 1)


_GRUSS = re.compile(
    r"^\s*(?:(?:mit\s+)?(?:freundlich\w*|best\w*|viel\w*|herzlich\w*|lieb\w*|kollegial\w*|sonnig\w*)"
    r"\s+gr\w*|hochachtungsvoll|mfg|gru(?:s|ss|b|f|3)\w*\s+aus\b)"
)
_UNTERSCHRIFT_VORSATZ = re.compile(
    r"^\s*(?:gez\.?|i\.\s?a\.?|i\.\s?v\.?|im auftrag|in vertretung|ppa\.?)\s*", re.I
)
_ANSPRECHPARTNER = re.compile(
    r"^\s*(?:ansprechpartner(?:in|/in|\(in\))?|ansprechperson|sachbearbeiter(?:in|/in|\(in\))?"
    r"|bearbeiter(?:in|/in|\(in\))?|bearbeitet von|auskunft erteilt|kontakt|pressekontakt|rückfragen an"
    r"|ruckfragen an)\s*:\s*"
)
_ABSENDER_FELD = re.compile(r"^\s*(?:absender(?:in)?|von|from)\s*:\s*")
_EMPFAENGER_FELD = re.compile(
    r"^\s*(?:an|an die|an den|to|empfanger(?:in)?|cc)\s*:?\s*$|^\s*(?:an|to|cc)\s*:"
)
_PLZ = re.compile(r"\b\d{5}\s+[A-ZÄÖÜ]")
_TRENNER = re.compile(r"\s+[·•|]\s+|\s{2,}|\t|\s[-–]\s|,\s*(?=[^,]*\d)")


def _segment_mit_organisation(zeile: str) -> str:
    """The part of a letterhead line naming an organisation; a sentence of running text never is one."""
    for teil in _TRENNER.split(zeile):
        teil = teil.strip(" ,;")
        if not teil or not teil[0].isupper() or len(teil.split()) > 7 or _PLZ.search(teil):
            continue
        if teil[-1] in ".!?" and not re.search(r"(?:e\.\s?V|Sa|mbH|Co|Nr|[A-Z])\.$", teil):
            continue
        if _ist_organisation(teil):
            return _leer_zu_einem(teil)
    return ""


def _anzeigename(wert: str) -> str:
    """'"Maria Schneider" <m.schneider@example.org>' → 'Maria Schneider'."""
    name = wert.split("<", 1)[0].strip().strip("\"'")
    return "" if "@" in name else _leer_zu_einem(name)


def _unterschrift(zeilen: list[str]) -> tuple[str, str]:
    """(person, organisation) below the first closing greeting; both may be empty."""
    for i, zeile in enumerate(zeilen):
        if not _GRUSS.match(falten(zeile)):
            continue
        person = organisation = ""
        gesehen = 0
        for folgezeile in zeilen[i + 1 :]:
            text = _UNTERSCHRIFT_VORSATZ.sub("", folgezeile).strip()
            if not text:
                continue
            gesehen += 1
            if gesehen > 6:
                break
            kandidat = re.split(r",|\s[-–·|]\s", text, maxsplit=1)[0].strip()
            if not person and _ist_name(kandidat):
                person = kandidat
            elif not organisation and _ist_organisation(text):
                organisation = _segment_mit_organisation(text)
            if person and organisation:
                break
        return person, organisation
    return "", ""


def _absender(zeilen: list[str]) -> tuple[str, str]:
    organisation = person = ""
    # 1. explicit fields: "Absender: …", e-mail "Von:/From:"
    for zeile in zeilen[:40]:
        if treffer := _ABSENDER_FELD.match(falten(zeile)):
            wert = zeile[treffer.end() :].strip()
            name = _anzeigename(wert)
            if name and _ist_organisation(name):
                organisation = organisation or _segment_mit_organisation(name) or name
            elif name and _ist_name(name):
                person = person or name
            break
    # 2. letterhead: organisation lines at the top, skipping the recipient's address block
    if not organisation:
        kopf = [z for z in zeilen if z.strip()][:KOPFZEILEN]
        im_empfaenger = False
        for nummer, zeile in enumerate(kopf):
            gefaltet = falten(zeile)
            if _EMPFAENGER_FELD.match(gefaltet):
                im_empfaenger = True
                continue
            if nummer == 0 and _PLZ.search(zeile) and _TRENNER.search(zeile):
                # one-line return address above the window: what follows is the recipient
                organisation = _segment_mit_organisation(zeile)
                if not organisation:
                    erster = _TRENNER.split(zeile)[0].strip()
                    person = person or (erster if _ist_name(erster) else "")
                    im_empfaenger = True
                    continue
                break
            if im_empfaenger:
                if _PLZ.search(zeile):
                    im_empfaenger = False
                continue
            if _ABSENDER_FELD.match(gefaltet) or _GRUSS.match(gefaltet):
                continue
            if segment := _segment_mit_organisation(zeile):
                organisation = segment
                break
    # 3. signature block
    signiert, signatur_organisation = _unterschrift(zeilen)
    person = signiert or person
    organisation = organisation or signatur_organisation
    # 4. "Ansprechpartner: …", "Bearbeiterin: …"
    if not person:
        for zeile in zeilen:
            if treffer := _ANSPRECHPARTNER.match(falten(zeile)):
                wert = re.split(r",|;|\s[-–·|]\s|\s{2,}|\btel|\bTel|\(", zeile[treffer.end() :])[0].strip()
                if _ist_name(wert):
                    person = wert
                    break
    return organisation, person


# --- contact data and references -------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-zA-Z]{2,}")
_TELEFON_MIT_LABEL = re.compile(
    r"\b(?:tel(?:efon)?|fon|phone|mobil|handy)\b\.?\s*(?:[:.]\s*)?(\+?[\d(][\d /().\-]{4,}\d)"
)
_TELEFON_INTERNATIONAL = re.compile(r"(?<![\w+])((?:\+|00)49[\d /().\-]{6,}\d)")


def _telefon_aufbereiten(roh: str) -> str:
    nummer = roh.replace("(0)", " ").replace("(", " ").replace(")", " ").replace("/", " ").replace(".", " ")
    nummer = re.sub(r"\s*-\s*", "-", _leer_zu_einem(nummer))
    if nummer.startswith("0049"):
        nummer = "+49" + nummer[4:]
    if nummer.startswith("+49") and not nummer.startswith("+49 "):
        nummer = "+49 " + nummer[3:].lstrip()
    return nummer.strip(" -")


def _telefon_schluessel(nummer: str) -> str:
    ziffern = re.sub(r"\D", "", nummer)
    return "0" + ziffern[2:] if nummer.startswith("+49") else ziffern


def _telefonnummern(text: str) -> tuple[str, ...]:
    gefunden: dict[str, str] = {}
    gefaltet = falten(text)
    treffer = [(t.start(1), t.group(1)) for t in _TELEFON_MIT_LABEL.finditer(gefaltet)]
    treffer += [(t.start(1), t.group(1)) for t in _TELEFON_INTERNATIONAL.finditer(gefaltet)]
    for _, roh in sorted(treffer):
        roh = re.split(r"\s{2,}", roh)[0]
        ziffern = re.sub(r"\D", "", roh)
        if not 6 <= len(ziffern) <= 15:
            continue
        nummer = _telefon_aufbereiten(roh)
        gefunden.setdefault(_telefon_schluessel(nummer), nummer)
    return tuple(gefunden.values())


def _emails(text: str) -> tuple[str, ...]:
    gefunden: dict[str, str] = {}
    for treffer in _EMAIL.finditer(text):
        adresse = treffer.group(0).rstrip(".-")
        gefunden.setdefault(adresse.casefold(), adresse)
    return tuple(gefunden.values())


_AZ_LABEL = re.compile(
    r"(?:\b(?:ihr|ihre|unser|unsere)\s+(?:zeichen|az\.?|aktenzeichen|geschaftszeichen)"
    r"|\baktenzeichen|\bgeschaftszeichen|\bgesch\.?-?\s?z(?:eichen|\.)|\baz\b\.?|\bzeichen(?=\s*:))\s*:?\s*"
)
_AZ_ENDE = re.compile(
    r"\s{2,}|\t|\s(?:vom|datum|ihre?|unser\w*|tel\w*|bearbeiter\w*|az\b|aktenzeichen|nachricht)\b|[,;]\s"
)
_AZ_WERT = re.compile(r"^[a-z0-9][\w./\-:()äöü ]*")


def _aktenzeichen(zeilen: list[str]) -> tuple[str, ...]:
    ihr: list[str] = []
    andere: list[str] = []
    for nummer, zeile in enumerate(zeilen):
        gefaltet = falten(zeile)
        labels = list(_AZ_LABEL.finditer(gefaltet))
        for treffer in labels:
            rest = gefaltet[treffer.end() :]
            ende = _AZ_ENDE.search(rest)
            wert = zeile[treffer.end() : treffer.end() + (ende.start() if ende else len(rest))]
            wert = wert.strip(" .,;:")
            if not _AZ_WERT.match(falten(wert)) or not re.search(r"[\d/]", wert) or len(wert) < 3:
                wert = ""
            if not wert and len(labels) >= 2 and nummer + 1 < len(zeilen):
                # header row of labels, values in the row below, aligned in columns
                spalten = re.split(r"\s{2,}|\t", zeilen[nummer + 1].strip())
                koepfe = [t for t in re.split(r"\s{2,}|\t", zeile.strip()) if t]
                if len(spalten) == len(koepfe):
                    index = next(
                        (
                            i
                            for i, k in enumerate(koepfe)
                            if _AZ_LABEL.match(falten(k)) and falten(k) in treffer[0]
                        ),
                        None,
                    )
                    kandidat = spalten[index].strip() if index is not None else ""
                    if re.search(r"[\d/]", kandidat) and not _DATUM_NUMERISCH.fullmatch(kandidat):
                        wert = kandidat
            if wert:
                (ihr if treffer[0].startswith("ihr") else andere).append(_leer_zu_einem(wert))
    return tuple(dict.fromkeys(ihr + andere))


_PRESSE = re.compile(r"presse(?:mitteilung|information|meldung|erklarung)|medieninformation")
_PM_NUMMER = re.compile(r"\bnr\.?\s*:?\s*(\d{1,4}\s*/\s*\d{2,4})\b|\bnummer\s*:?\s*(\d{1,4}\s*/\s*\d{2,4})\b")


def _pressemitteilung_nr(zeilen: list[str]) -> str:
    """'Pressemitteilung Nr. 23/24' → '23/24'; only in a press release, near its top."""
    kopf = [falten(z) for z in zeilen if z.strip()][:KOPFZEILEN]
    if not any(_PRESSE.search(z) for z in kopf):
        return ""
    for zeile in kopf:
        if treffer := _PM_NUMMER.search(zeile):
            return re.sub(r"\s+", "", treffer.group(1) or treffer.group(2))
    return ""


# --- subject ---------------------------------------------------------------------------------------

_BETREFF_FELD = re.compile(
    r"^\s*(?:betreff|betr\.?|subject|gegenstand)\s*:\s*|^\s*betreff\s+(?=[A-ZÄÖÜ])", re.I
)
_ANREDE = re.compile(r"^\s*(?:sehr geehrt|liebe|lieber|hallo|guten tag|guten morgen|moin)")


def _sieht_aus_wie_betreff(zeile: str) -> bool:
    text = zeile.strip()
    gefaltet = falten(text)
    if not 8 <= len(text) <= 200 or _PLZ.search(text) or _EMAIL.search(text):
        return False
    if len(text) < 50 and any(m.search(gefaltet) for m in (_DATUM_NUMERISCH, _DATUM_MONATSNAME, _DATUM_ISO)):
        return False
    if _PRESSE.fullmatch(gefaltet.strip(" :")) or (_PM_NUMMER.search(gefaltet) and len(text) < 40):
        return False
    if _AZ_LABEL.match(gefaltet) or _ANSPRECHPARTNER.match(gefaltet) or _ABSENDER_FELD.match(gefaltet):
        return False
    return not re.match(r"^\s*(?:tel|fax|e-mail|internet|www\.|datum)", gefaltet)


def _betreff(zeilen: list[str]) -> str:
    for zeile in zeilen[:60]:
        if treffer := _BETREFF_FELD.match(zeile):
            return _leer_zu_einem(zeile[treffer.end() :])
    nichtleer = [z for z in zeilen if z.strip()]
    # DIN 5008: the subject line stands right above the salutation
    for nummer, zeile in enumerate(nichtleer[:30]):
        if _ANREDE.match(falten(zeile)):
            if nummer > 0 and _sieht_aus_wie_betreff(nichtleer[nummer - 1]):
                vorher = nichtleer[nummer - 1]
                if not _ist_organisation(vorher) or len(vorher.split()) > 4:
                    return _leer_zu_einem(vorher)
            break
    # press release: the headline below "Pressemitteilung", number and date
    kopf = nichtleer[:KOPFZEILEN]
    for nummer, zeile in enumerate(kopf):
        if _PRESSE.search(falten(zeile)):
            for folgezeile in kopf[nummer + 1 :]:
                if _sieht_aus_wie_betreff(folgezeile) and not _ist_organisation(folgezeile):
                    return _leer_zu_einem(folgezeile)
            break
    return ""


# --- entry point -----------------------------------------------------------------------------------


def _vorbereiten(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\xa0", " ")
    return re.sub(r"(\w)-\n(?=[a-zäöü])", r"\1", text)  # words split at a line end by the scan


def extrahieren(text: str, heute: datetime.date | None = None) -> Metadaten:
    """Read the metadata of one document. ``heute`` bounds the date (no letters from the future)."""
    if not text or not text.strip():
        return Metadaten()
    heute = heute or datetime.date.today()
    text = _vorbereiten(text)
    zeilen = text.split("\n")
    datum = _bestes_datum(zeilen, heute)
    organisation, person = _absender(zeilen)
    return Metadaten(
        datum=datum.datum if datum else None,
        datum_fundstelle=datum.fundstelle if datum else "",
        ort=datum.ort if datum else "",
        absender_organisation=organisation,
        absender_person=person,
        emails=_emails(text),
        telefon=_telefonnummern(text),
        aktenzeichen=_aktenzeichen(zeilen),
        pressemitteilung_nr=_pressemitteilung_nr(zeilen),
        betreff=_betreff(zeilen),
    )
