"""The file plan: create, change, close, delete entries; CSV import and export.

CSV format (UTF-8, separator ``;`` or ``,``, header row, see docs/akten.md): ``kennzeichen``,
``titel`` (required), ``beschreibung``, ``aufbewahrungsfrist`` (years; ``0`` = keep forever; empty =
from the parent), ``archivwuerdigkeit`` (A, B, V or empty), ``aktiv`` (ja/nein), ``gueltig_ab``
(JJJJ-MM-TT). The parent of an entry is the entry with the longest matching prefix of its
Kennzeichen (``022.31`` → ``022.3`` → ``022`` → ``02`` → ``0``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from rathausnetz.akten.models import Aktenplaneintrag, Archivwuerdigkeit, kennzeichen_validator
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

SPALTEN = [
    "kennzeichen",
    "titel",
    "beschreibung",
    "aufbewahrungsfrist",
    "archivwuerdigkeit",
    "aktiv",
    "gueltig_ab",
]
DEMO = Path(__file__).resolve().parent.parent / "daten" / "demo_aktenplan.csv"
_FELDER = [
    "kennzeichen",
    "titel",
    "beschreibung",
    "aufbewahrungsfrist",
    "archivwuerdigkeit",
    "aktiv",
    "gueltig_ab",
]


def praefixe(kennzeichen: str) -> list[str]:
    """Candidate parents, nearest first: ``022.31`` → ``022.3``, ``022``, ``02``, ``0``."""
    ergebnis = []
    rest = kennzeichen
    while len(rest) > 1:
        rest = rest[:-1].rstrip(".")
        if rest:
            ergebnis.append(rest)
    return ergebnis


def _eltern(kennzeichen: str, vorhanden: dict[str, Aktenplaneintrag]) -> Aktenplaneintrag | None:
    return next((vorhanden[p] for p in praefixe(kennzeichen) if p in vorhanden), None)


def _werte(eintrag: Aktenplaneintrag) -> dict[str, object]:
    return {f: getattr(eintrag, f) for f in _FELDER} | {"uebergeordnet": eintrag.uebergeordnet}


@transaction.atomic
def eintrag_anlegen(
    kennzeichen: str,
    titel: str,
    beschreibung: str = "",
    aufbewahrungsfrist: int | None = None,
    archivwuerdigkeit: str = "",
    gueltig_ab: dt.date | None = None,
) -> Aktenplaneintrag:
    zugriff = pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    kennzeichen = kennzeichen.strip()
    vorhanden = {
        e.kennzeichen: e for e in Aktenplaneintrag.objects.filter(kennzeichen__in=praefixe(kennzeichen))
    }
    eintrag = Aktenplaneintrag(
        organisation_id=zugriff.organisation_id,
        kennzeichen=kennzeichen,
        titel=titel.strip(),
        beschreibung=beschreibung.strip(),
        aufbewahrungsfrist=aufbewahrungsfrist,
        archivwuerdigkeit=archivwuerdigkeit,
        gueltig_ab=gueltig_ab or dt.date.today(),
        uebergeordnet=_eltern(kennzeichen, vorhanden),
    )
    eintrag.full_clean()
    eintrag.save()
    _kinder_umhaengen(eintrag, _alle_nach_kennzeichen())
    protokolliere("aktenplaneintrag.angelegt", objekt=eintrag, neu=_werte(eintrag))
    return eintrag


def _alle_nach_kennzeichen() -> dict[str, Aktenplaneintrag]:
    return {e.kennzeichen: e for e in Aktenplaneintrag.objects.all()}


def _kinder_umhaengen(eintrag: Aktenplaneintrag, alle: dict[str, Aktenplaneintrag]) -> None:
    """A new entry between two levels (022.3 between 022 and 022.31) takes over its children,
    unless someone deliberately placed them elsewhere."""
    for kind in alle.values():
        if kind.pk == eintrag.pk or not kind.kennzeichen.startswith(eintrag.kennzeichen):
            continue
        bisher = kind.uebergeordnet
        if (bisher is None or bisher.kennzeichen in praefixe(eintrag.kennzeichen)) and _eltern(
            kind.kennzeichen, alle
        ) == eintrag:
            kind.uebergeordnet = eintrag
            kind.save(update_fields=["uebergeordnet"])


@transaction.atomic
def eintrag_aendern(eintrag: Aktenplaneintrag, **felder: object) -> Aktenplaneintrag:
    """Change title, description, retention, appraisal, validity. The Kennzeichen stays: Akten carry it."""
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    erlaubt = {"titel", "beschreibung", "aufbewahrungsfrist", "archivwuerdigkeit", "gueltig_ab", "aktiv"}
    if set(felder) - erlaubt:
        raise ValueError(f"nicht änderbar: {set(felder) - erlaubt}")
    alt = _werte(eintrag)
    for name, wert in felder.items():
        setattr(eintrag, name, wert.strip() if isinstance(wert, str) else wert)
    eintrag.full_clean()
    eintrag.save()
    protokolliere("aktenplaneintrag.geaendert", objekt=eintrag, alt=alt, neu=_werte(eintrag))
    if alt["aufbewahrungsfrist"] != eintrag.aufbewahrungsfrist:
        from rathausnetz.akten.services.aussonderung import aussonderungsdaten_neu_berechnen

        aussonderungsdaten_neu_berechnen(eintrag)
    return eintrag


@transaction.atomic
def eintrag_verschieben(
    eintrag: Aktenplaneintrag, neues_uebergeordnet: Aktenplaneintrag | None
) -> Aktenplaneintrag:
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    alt = eintrag.uebergeordnet
    eintrag.uebergeordnet = neues_uebergeordnet
    eintrag.full_clean()
    eintrag.save(update_fields=["uebergeordnet"])
    protokolliere(
        "aktenplaneintrag.verschoben",
        objekt=eintrag,
        alt={"uebergeordnet": alt},
        neu={"uebergeordnet": neues_uebergeordnet},
    )
    from rathausnetz.akten.services.aussonderung import aussonderungsdaten_neu_berechnen

    aussonderungsdaten_neu_berechnen(eintrag)
    return eintrag


@transaction.atomic
def eintrag_loeschen(eintrag: Aktenplaneintrag) -> None:
    """Only entries that were never used: with Akten or sub-entries they can only be closed."""
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    if eintrag.akten.exists():
        raise ValidationError(
            "Unter diesem Eintrag gibt es Akten. Er kann nicht gelöscht, nur geschlossen werden."
        )
    if Aktenplaneintrag.objects.filter(uebergeordnet=eintrag).exists():
        raise ValidationError(
            "Der Eintrag hat Untereinträge. Löschen Sie zuerst diese oder schließen Sie ihn."
        )
    protokolliere("aktenplaneintrag.geloescht", objekt=eintrag, alt=_werte(eintrag))
    eintrag.delete()


def baum(nur_aktive: bool = False) -> list[tuple[Aktenplaneintrag, int]]:
    """All entries in file plan order with their depth, for the tree view."""
    eintraege = list(Aktenplaneintrag.objects.order_by("sortierung"))
    tiefe: dict[int, int] = {}
    ergebnis = []
    for e in eintraege:
        t = tiefe.get(e.uebergeordnet_id, -1) + 1 if e.uebergeordnet_id else 0
        tiefe[e.pk] = t
        if nur_aktive and not e.aktiv:
            continue
        ergebnis.append((e, t))
    return ergebnis


def export_csv() -> str:
    ausgabe = io.StringIO()
    schreiber = csv.writer(ausgabe, delimiter=";", lineterminator="\n")
    schreiber.writerow(SPALTEN)
    for e, _ in baum():
        schreiber.writerow(
            [
                e.kennzeichen,
                e.titel,
                e.beschreibung,
                "" if e.aufbewahrungsfrist is None else e.aufbewahrungsfrist,
                e.archivwuerdigkeit,
                "ja" if e.aktiv else "nein",
                e.gueltig_ab.isoformat(),
            ]
        )
    return ausgabe.getvalue()


class CsvFehler(ValidationError):
    """The CSV file cannot be imported; ``fehler`` lists every problem with its line."""

    def __init__(self, fehler: list[str]) -> None:
        self.fehler = fehler
        super().__init__(fehler)


@dataclass
class ImportErgebnis:
    neu: int = 0
    geaendert: int = 0
    unveraendert: int = 0
    belassen: int = 0  # differs, but the import was told to keep what is there
    hinweise: list[str] = field(default_factory=list)


def _text(inhalt: bytes) -> str:
    try:
        return inhalt.decode("utf-8-sig")
    except UnicodeDecodeError:
        return inhalt.decode("cp1252")  # Excel in German saves "CSV" like this


def _zeilen(inhalt: bytes) -> list[tuple[int, dict[str, str]]]:
    text = _text(inhalt)
    if not text.strip():
        raise CsvFehler(["Die Datei ist leer."])
    trenner = ";" if text.splitlines()[0].count(";") >= text.splitlines()[0].count(",") else ","
    leser = csv.DictReader(io.StringIO(text), delimiter=trenner)
    spalten = [s.strip().lower() for s in (leser.fieldnames or [])]
    fehlend = {"kennzeichen", "titel"} - set(spalten)
    if fehlend:
        raise CsvFehler(
            [f"Zeile 1: Spalte(n) {', '.join(sorted(fehlend))} fehlen. Erwartet: {';'.join(SPALTEN)}"]
        )
    unbekannt = set(spalten) - set(SPALTEN)
    if unbekannt:
        raise CsvFehler([f"Zeile 1: unbekannte Spalte(n) {', '.join(sorted(unbekannt))}."])
    return [
        (nummer, {k.strip().lower(): (v or "").strip() for k, v in zeile.items() if k is not None})
        for nummer, zeile in enumerate(leser, start=2)
    ]


def _pruefen(nummer: int, zeile: dict[str, str], gesehen: set[str]) -> tuple[dict[str, object], list[str]]:
    fehler = []
    kennzeichen = zeile.get("kennzeichen", "")
    try:
        kennzeichen_validator(kennzeichen)
    except ValidationError:
        fehler.append(
            f"Zeile {nummer}: Kennzeichen „{kennzeichen}“ ist ungültig (Ziffern und Punkte, z. B. 022.31)."
        )
    if kennzeichen in gesehen:
        fehler.append(f"Zeile {nummer}: Kennzeichen {kennzeichen} kommt doppelt vor.")
    gesehen.add(kennzeichen)
    titel = zeile.get("titel", "")
    if not titel:
        fehler.append(f"Zeile {nummer}: Titel fehlt.")
    elif len(titel) > 200:
        fehler.append(f"Zeile {nummer}: Titel ist länger als 200 Zeichen.")
    frist_text = zeile.get("aufbewahrungsfrist", "")
    frist = None
    if frist_text:
        if not frist_text.isdigit() or int(frist_text) > 500:
            fehler.append(f"Zeile {nummer}: Aufbewahrungsfrist „{frist_text}“ ist keine Zahl von 0 bis 500.")
        else:
            frist = int(frist_text)
    archiv = zeile.get("archivwuerdigkeit", "").upper()
    if archiv not in {"", *Archivwuerdigkeit.values}:
        fehler.append(f"Zeile {nummer}: Archivwürdigkeit „{archiv}“ ist nicht A, B oder V.")
    aktiv_text = zeile.get("aktiv", "").lower()
    if aktiv_text not in {"", "ja", "nein", "1", "0", "true", "false"}:
        fehler.append(f"Zeile {nummer}: aktiv „{aktiv_text}“ ist nicht ja oder nein.")
    gueltig = None
    if zeile.get("gueltig_ab"):
        try:
            gueltig = dt.date.fromisoformat(zeile["gueltig_ab"])
        except ValueError:
            fehler.append(f"Zeile {nummer}: gültig ab „{zeile['gueltig_ab']}“ ist kein Datum (JJJJ-MM-TT).")
    werte: dict[str, object] = {
        "titel": titel,
        "beschreibung": zeile.get("beschreibung", ""),
        "aufbewahrungsfrist": frist,
        "archivwuerdigkeit": archiv,
        "aktiv": aktiv_text not in {"nein", "0", "false"},
    }
    if gueltig:
        werte["gueltig_ab"] = gueltig
    return {"kennzeichen": kennzeichen, **werte}, fehler


@transaction.atomic
def import_csv(inhalt: bytes, zugriff: Zugriff | None = None) -> ImportErgebnis:
    """Create or update entries from CSV; all or nothing. Entries not in the file stay."""
    zugriff = pruefe_recht(Recht.ORGANISATION_VERWALTEN, zugriff)
    gesehen: set[str] = set()
    saetze, fehler = [], []
    for nummer, zeile in _zeilen(inhalt):
        satz, probleme = _pruefen(nummer, zeile, gesehen)
        saetze.append(satz)
        fehler += probleme
    if fehler:
        raise CsvFehler(fehler)
    return uebernehmen(saetze, zugriff.organisation_id, quelle={"format": "csv"})


@transaction.atomic
def uebernehmen(
    saetze: list[dict[str, object]],
    organisation_id: int,
    *,
    nur_neue: bool = False,
    eltern: dict[str, str] | None = None,
    nur_bei_neuen: frozenset[str] = frozenset(),
    quelle: dict[str, object] | None = None,
) -> ImportErgebnis:
    """Apply checked entries (CSV, XDOMEA 0301) to the file plan; the caller checked the right.

    ``nur_neue`` adds missing entries and leaves existing ones as they are (a plan from another town
    is taken as a supplement, not as a correction). ``eltern`` names the parent Kennzeichen of new
    entries where the source says it (then ``saetze`` come parents first); otherwise the longest
    prefix decides, as everywhere. Fields in ``nur_bei_neuen`` are set on new entries only.
    """
    ergebnis = ImportErgebnis()
    vorhanden = _alle_nach_kennzeichen()
    reihenfolge = saetze if eltern is not None else sorted(saetze, key=lambda s: len(str(s["kennzeichen"])))
    for satz in reihenfolge:
        kennzeichen = str(satz["kennzeichen"])
        eintrag = vorhanden.get(kennzeichen)
        werte = {k: v for k, v in satz.items() if k != "kennzeichen"}
        if eintrag is not None:
            werte = {k: v for k, v in werte.items() if k not in nur_bei_neuen}
        if eintrag is None:
            eintrag = Aktenplaneintrag(organisation_id=organisation_id, kennzeichen=kennzeichen, **werte)
            genannt = (eltern or {}).get(kennzeichen)
            eintrag.uebergeordnet = vorhanden.get(genannt) if genannt else _eltern(kennzeichen, vorhanden)
            eintrag.save()
            vorhanden[kennzeichen] = eintrag
            if not genannt:
                _kinder_umhaengen(eintrag, vorhanden)
            ergebnis.neu += 1
            continue
        alt = _werte(eintrag)
        for k, v in werte.items():
            setattr(eintrag, k, v)
        if _werte(eintrag) == alt:
            ergebnis.unveraendert += 1
            continue
        if nur_neue:
            eintrag.refresh_from_db()
            ergebnis.belassen += 1
            continue
        eintrag.save()
        ergebnis.geaendert += 1
        if alt["aufbewahrungsfrist"] != eintrag.aufbewahrungsfrist:
            from rathausnetz.akten.services.aussonderung import aussonderungsdaten_neu_berechnen

            aussonderungsdaten_neu_berechnen(eintrag)
    if ergebnis.neu or ergebnis.geaendert:
        protokolliere(
            "aktenplan.importiert",
            organisation_id=organisation_id,
            daten={
                **(quelle or {}),
                "neu": ergebnis.neu,
                "geaendert": ergebnis.geaendert,
                "unveraendert": ergebnis.unveraendert,
                "belassen": ergebnis.belassen,
            },
        )
    return ergebnis


def demo_aktenplan_laden() -> ImportErgebnis:
    """The team's demo file plan for a small municipality (about 145 entries)."""
    return import_csv(DEMO.read_bytes())
