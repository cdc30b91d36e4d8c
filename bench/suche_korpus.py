"""A generator of German municipal documents for search benchmarks, and an OCR noise model.

Everything here is written by the team: templates for letters, Bescheide, minutes, invoices and
press releases, filled from word lists with a seeded random generator (the same seed gives the
same corpus). ``Rauschmodell`` damages text the way Tesseract damages bad scans; its rates are
measured on a rendered and really OCR'd sample by ``suche_bench.py --kalibrieren``.
"""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass

ORTE = (
    "Geyer Tannenberg Ehrenfriedersdorf Thum Annaberg-Buchholz Zwönitz Lößnitz Schwarzenberg Marienberg "
    "Olbernhau Zschopau Großrückerswalde Jöhstadt Königswalde Bärenstein Crottendorf Scheibenberg Elterlein "
    "Grünhain-Beierfeld Schneeberg Aue-Bad Schlema Oelsnitz Stollberg Thalheim Gornsdorf Auerbach Weißenberg"
).split()
NAMEN = (
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter "
    "Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Werner Krause "
    "Lehmann Schulze Köhler Herrmann König Walter Fuchs Scholz Möller Weiß Jung Hahn Schubert Vogel Günther "
    "Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Ludwig Böhm Seidel Pfeiffer Voigt Engel"
).split()
AUFGABEN = (
    "Straßenbeleuchtung Winterdienst Friedhofsverwaltung Kindertagesstätte Feuerwehrgerätehaus Bauhof "
    "Abwasserbeseitigung Gewässerunterhaltung Standesamt Bürgerbüro Gemeindevollzugsdienst Wohngeldstelle "
    "Hundesteuer Grundsteuer Gewerbesteuer Elternbeiträge Bauleitplanung Baugenehmigung Sportstätte "
    "Turnhalle Grundschule Jugendclub Seniorenbegegnungsstätte Breitbandausbau Digitalisierung Vergabestelle "
    "Ausbildungsverbund Tourismusinformation Wirtschaftsförderung Denkmalschutz Löschwasserversorgung"
).split()
DINGE = (
    "Antrag Bescheid Stellungnahme Angebot Rechnung Vertrag Vereinbarung Satzung Beschluss Vorlage Gutachten "
    "Kostenschätzung Förderantrag Verwendungsnachweis Niederschrift Einladung Widerspruch Anhörung Mahnung "
    "Zuwendungsbescheid Leistungsverzeichnis Zweckvereinbarung Haushaltssatzung Prüfbericht"
).split()
VERBEN = (
    "übersenden prüfen genehmigen beantragen beschließen ablehnen bestätigen erläutern vereinbaren "
    "begrüßen festsetzen erstatten unterstützen verlängern einreichen abstimmen"
).split()
FUELL = (
    "Sehr geehrte Damen und Herren, wir bitten um Kenntnisnahme. Die Angelegenheit wurde in der "
    "Dienstberatung besprochen. Für Rückfragen steht Ihnen das Hauptamt gern zur Verfügung. Die Frist "
    "beträgt einen Monat. Die Unterlagen liegen im Rathaus zur Einsichtnahme aus. Die Kosten werden nach "
    "Einwohnerzahl umgelegt. Der Gemeinderat hat in öffentlicher Sitzung zugestimmt. Bitte beachten Sie "
    "die beigefügte Rechtsbehelfsbelehrung. Mit freundlichen Grüßen im Auftrag"
).split(". ")

ARTEN = ("Brief", "Bescheid", "Niederschrift", "Rechnung", "Pressemitteilung")


@dataclass
class Dokument:
    nummer: int
    art: str
    betreff: str
    text: str
    organisation: int  # index into the benchmark's organisations
    jahr: int


class Korpus:
    def __init__(self, seed: int = 2026) -> None:
        self.zufall = random.Random(seed)

    def _satz(self) -> str:
        z = self.zufall
        muster = z.randrange(5)
        if muster == 0:
            return f"Die Gemeinde {z.choice(ORTE)} wird den {z.choice(DINGE)} zur {z.choice(AUFGABEN)} {z.choice(VERBEN)}."
        if muster == 1:
            return f"Herr {z.choice(NAMEN)} aus {z.choice(ORTE)} bittet, die {z.choice(AUFGABEN)} zu {z.choice(VERBEN)}."
        if muster == 2:
            betrag = f"{z.randint(120, 98000):,}".replace(",", ".")
            return f"Für die {z.choice(AUFGABEN)} sind {betrag} Euro im Haushalt {z.randint(2015, 2026)} eingestellt."
        if muster == 3:
            return f"Frau {z.choice(NAMEN)} vom Landratsamt wird den {z.choice(DINGE)} bis zum {z.randint(1, 28)}.{z.randint(1, 12)}. {z.choice(VERBEN)}."
        return z.choice(FUELL).strip().rstrip(".") + "."

    def dokument(self, nummer: int, organisationen: int) -> Dokument:
        z = self.zufall
        art = z.choice(ARTEN)
        aufgabe = z.choice(AUFGABEN)
        betreff = f"{art} {aufgabe} {z.choice(ORTE)}"
        saetze = [self._satz() for _ in range(z.randint(8, 22))]
        return Dokument(
            nummer, art, betreff, " ".join(saetze), z.randrange(organisationen), z.randint(2015, 2026)
        )


#: query → words every relevant document contains (inserted into its text); correctly spelled
ANFRAGEN = {
    "Glockenturm Sanierung": "Die Sanierung des Glockenturms der Stadtkirche beginnt im Frühjahr.",
    "Geschäftsführer Zweckverband": "Der Geschäftsführer des Zweckverbandes Trinkwasser stellte die Planung vor.",
    "Straßenbeleuchtung Umrüstung": "Die Umrüstung der Straßenbeleuchtung auf LED spart Strom.",
    "Löschfahrzeug Beschaffung": "Die Beschaffung eines Löschfahrzeugs für die Ortsfeuerwehr ist beschlossen.",
    # Not "Gewässerunterhaltung Zweckvereinbarung": the generator's own sentences say "den
    # Zweckvereinbarung zur Gewässerunterhaltung" in 3 % of all documents, as relevant as the
    # inserted one, so only ten of them could never be judged the right ten.
    "Gewässerunterhaltung Uferbefestigung": "Die Uferbefestigung im Rahmen der Gewässerunterhaltung wird ausgeschrieben.",
    "Mühlgraben Böschung": "Die Böschung am Mühlgraben muss gesichert werden.",
    "Elternbeiträge Kindertagesstätte Erhöhung": "Die Erhöhung der Elternbeiträge in der Kindertagesstätte wurde beraten.",
    "Grundsteuerreform Hebesatz": "Mit der Grundsteuerreform wird der Hebesatz neu festgesetzt.",
    "Breitbandausbau Förderbescheid": "Der Förderbescheid für den Breitbandausbau ist eingegangen.",
    "Schöffenwahl Vorschlagsliste": "Die Vorschlagsliste zur Schöffenwahl liegt im Rathaus aus.",
    "Bürgermeisterwahl Briefwahl": "Die Briefwahl zur Bürgermeisterwahl beginnt vier Wochen vorher.",
    "Friedhofsgebühren Satzung": "Die Satzung über die Friedhofsgebühren wird geändert.",
    "Fußgängerüberweg Schulweg": "Ein Fußgängerüberweg soll den Schulweg sicherer machen.",
    "Straßenausbaubeiträge Widerspruch": "Gegen die Straßenausbaubeiträge wurde Widerspruch erhoben.",
    "Jugendfeuerwehr Zeltlager": "Das Zeltlager der Jugendfeuerwehr findet im Juli statt.",
    "Gemeindevollzugsdienst Parkverstöße": "Der Gemeindevollzugsdienst ahndet Parkverstöße am Marktplatz.",
    "Dorfgemeinschaftshaus Heizung": "Die Heizung im Dorfgemeinschaftshaus wird erneuert.",
    "Hochwasserschutz Rückhaltebecken": "Für den Hochwasserschutz wird ein Rückhaltebecken geplant.",
    "Wohngeld Antragsstau": "Der Antragsstau beim Wohngeld soll abgebaut werden.",
    "Städtepartnerschaft Jubiläum": "Das Jubiläum der Städtepartnerschaft wird mit einem Fest gefeiert.",
}
RELEVANTE_JE_ANFRAGE = 10


@dataclass
class Rauschmodell:
    """Per-character rates of OCR damage (defaults: measured once, see bench/README.md)."""

    umlaut_verloren: float = 0.35  # ä → a (the dots are lost)
    umlaut_falsch: float = 0.15  # ä → é, ö → é, ü → ii/i
    eszett_falsch: float = 0.5  # ß → 3 / f3 / B
    zeichen_falsch: float = 0.004  # any other letter: rn/m, l/1, e/c, i/l …
    trennen: float = 0.5  # a long word at a line end is split with a hyphen

    def anwenden(self, text: str, zufall: random.Random) -> str:
        aus = []
        for zeichen in text:
            r = zufall.random()
            if zeichen in "äöüÄÖÜ":
                if r < self.umlaut_verloren:
                    zeichen = {"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"}[zeichen]
                elif r < self.umlaut_verloren + self.umlaut_falsch:
                    zeichen = {"ä": "é", "ö": "é", "ü": "i", "Ä": "A", "Ö": "O", "Ü": "U"}[zeichen]
            elif zeichen == "ß" and r < self.eszett_falsch:
                zeichen = zufall.choice(("3", "f3", "B"))
            elif zeichen.isalpha() and r < self.zeichen_falsch:
                zeichen = {"m": "rn", "l": "1", "e": "c", "i": "l", "n": "m", "c": "e"}.get(zeichen, zeichen)
            aus.append(zeichen)
        return self._umbrechen("".join(aus), zufall)

    def _umbrechen(self, text: str, zufall: random.Random) -> str:
        zeilen = []
        for zeile in textwrap.wrap(text, 72, break_long_words=False):
            zeilen.append(zeile)
        # Split the first word of the next line into the previous one now and then, as a scan does.
        for i in range(len(zeilen) - 1):
            naechste = zeilen[i + 1].split(" ", 1)
            wort = naechste[0]
            if len(wort) >= 10 and wort.isalpha() and zufall.random() < self.trennen:
                mitte = len(wort) // 2
                zeilen[i] += " " + wort[:mitte] + "-"
                zeilen[i + 1] = wort[mitte:] + (" " + naechste[1] if len(naechste) > 1 else "")
        return "\n".join(zeilen)


def zeichenfehlerrate(soll: str, ist: str) -> float:
    """Character error rate (Levenshtein distance / length) on whitespace-normalised text."""
    from rapidfuzz.distance import Levenshtein

    soll, ist = re.sub(r"\s+", " ", soll).strip(), re.sub(r"\s+", " ", ist).strip()
    return Levenshtein.distance(soll, ist) / max(1, len(soll))
