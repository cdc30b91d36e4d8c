"""§ 2b UStG: is a service one public body provides to another subject to VAT?

A guided questionnaire and the rule engine behind it, for services within an inter-municipal
cooperation (Zweckvereinbarung, Zweckverband, …). § 2b UStG becomes mandatory for every public
body on 1 January 2027: the transition option of § 27 Abs. 22a UStG covers only services carried
out before that date.

Why plain Python: the walk is law, not persistence. It must be testable without a database,
reproducible for a stored assessment (``FASSUNG`` is saved with every result) and readable by
someone checking it against the statute. The Django app builds forms, API and PDF from ``FRAGEN``,
``naechste_fragen`` and ``pruefen``; nothing here imports Django.

The walk follows the structure of the statute; the first step that decides, decides:

 1. Leistender jPöR?                 nein → steuerbar (§ 2 UStG, § 2b not applicable)
 2. Leistungsaustausch gegen Entgelt? nein → nicht steuerbar (§ 1 Abs. 1 Nr. 1 UStG)
 3. Öffentlich-rechtliche Grundlage?  nein → steuerbar (no "öffentliche Gewalt", § 2b Abs. 1 Satz 1)
 4. Katalog § 2b Abs. 4?              ja   → steuerbar
 5. Umsatz gleichartig ≤ 17.500 €?    ja   → nicht steuerbar (§ 2b Abs. 2 Nr. 1)
 6. Privat zwingend steuerfrei?       ja   → nicht steuerbar (§ 2b Abs. 2 Nr. 2)
 7. Empfänger jPöR?                   nein → skip 8 and 9
 8. Gesetzlich vorbehalten?           ja   → nicht steuerbar (§ 2b Abs. 3 Nr. 1)
 9. Abs. 3 Nr. 2 Buchst. a–d          all ja → nicht steuerbar; any nein → on to 10
10. Markt für Private?                ja → steuerbar, nein → nicht steuerbar (§ 2b Abs. 1 Satz 2)
11. Option § 27 Abs. 22a              only a note on *when* the result applies

"unklar" on a question that is reached stops the walk with ``vertieft_pruefen``. The one exception
is the cumulative test of § 2b Abs. 3 Nr. 2: its four letters are asked in turn until one is
answered "nein" (then the test fails, whatever else is open); an open letter only decides the
walk if none of the letters was denied. This is not tax advice (see ``HINWEIS_KEINE_STEUERBERATUNG``).

Sources checked for this version: § 2b and § 27 Abs. 22/22a UStG (consolidated text as of
September 2026), BMF-Schreiben vom 16.12.2016 (BStBl I S. 1451) and vom 14.11.2019
(BStBl I S. 1140), § 89 Abs. 2 und 3 AO.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Literal

FASSUNG = "2026-11"
"""Version of questionnaire and rules; stored with every assessment so old results stay explainable."""

SCHWELLE_GLEICHARTIG = Decimal("17500")
"""§ 2b Abs. 2 Nr. 1 UStG: expected annual turnover from similar activities up to this amount."""

PFLICHT_AB = date(2027, 1, 1)
"""First day on which § 2b UStG applies to every public body (§ 27 Abs. 22a UStG ends 31.12.2026)."""

ANTWORTEN_JANEIN = ("ja", "nein", "unklar")
"""Accepted answers to the yes/no questions (for form choices)."""

HINWEIS_KEINE_STEUERBERATUNG = (
    "Keine Steuerberatung: Diese Prüfung ist eine strukturierte Arbeitshilfe auf Grundlage Ihrer "
    "Angaben. Sie ersetzt nicht die Prüfung durch eine Steuerberaterin oder einen Steuerberater oder "
    "durch das Finanzamt. Für einen genau bestimmten, noch nicht verwirklichten Sachverhalt können Sie "
    "beim Finanzamt eine verbindliche Auskunft nach § 89 Abs. 2 AO beantragen; die Bearbeitung ist "
    "gebührenpflichtig (§ 89 Abs. 3 AO)."
)

JA, NEIN, UNKLAR = ANTWORTEN_JANEIN


class Ergebnisart(StrEnum):
    """Outcome of the walk; the values are stored, the labels shown."""

    NICHT_STEUERBAR = "nicht_steuerbar"
    STEUERBAR = "steuerbar"
    VERTIEFT_PRUEFEN = "vertieft_pruefen"

    @property
    def label(self) -> str:
        return {
            Ergebnisart.NICHT_STEUERBAR: "nicht steuerbar",
            Ergebnisart.STEUERBAR: "steuerbar",
            Ergebnisart.VERTIEFT_PRUEFEN: "vertieft prüfen",
        }[self]


@dataclass(frozen=True)
class Frage:
    """One question of the questionnaire, in the words a clerk reads."""

    schluessel: str
    text: str
    hilfe: str
    vorschrift: str
    art: Literal["janein", "betrag"]
    bedingung: str = ""


@dataclass(frozen=True)
class Schritt:
    """One answered question on the walked path, as it appears in the result and the PDF."""

    schluessel: str
    frage: str
    antwort: str
    folge: str


@dataclass(frozen=True)
class Pruefergebnis:
    ergebnis: Ergebnisart
    entscheidender_schritt: str
    begruendung: str
    vorschriften: tuple[str, ...]
    schritte: tuple[Schritt, ...]
    hinweise: tuple[str, ...]
    fassung: str
    nicht_relevant: tuple[str, ...]


class UstEingabeFehler(ValueError):
    """The answers cannot be assessed; ``fehler`` maps question key → message for the clerk."""

    def __init__(self, fehler: dict[str, str]) -> None:
        self.fehler = dict(fehler)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.fehler.items()))


_NR2 = "§ 2b Abs. 3 Nr. 2 Satz 2 Buchst."
_WENN_NR2 = "Wenn keiner der vorhergehenden Buchstaben von § 2b Abs. 3 Nr. 2 UStG verneint wurde."

FRAGEN: tuple[Frage, ...] = (
    Frage(
        "leistender_jpoer",
        "Ist die leistende Stelle eine juristische Person des öffentlichen Rechts?",
        "Juristische Personen des öffentlichen Rechts sind vor allem Gemeinden, Städte, Landkreise, "
        "Zweckverbände sowie Anstalten und Stiftungen des öffentlichen Rechts. Ein Eigen- oder "
        "Regiebetrieb ist kein eigener Rechtsträger; maßgeblich ist dann die Gemeinde selbst. Erbringt "
        "eine privatrechtlich organisierte Gesellschaft die Leistung (z. B. eine kommunale GmbH), "
        "antworten Sie mit „nein“.",
        "§ 2b Abs. 1 Satz 1 UStG",
        "janein",
    ),
    Frage(
        "leistungsaustausch",
        "Erhält die leistende Stelle für die Leistung eine Gegenleistung (Entgelt)?",
        "Ein Leistungsaustausch liegt vor, wenn die Leistung gerade wegen der Zahlung erbracht wird, "
        "etwa gegen Kostenerstattung, Gebühr oder vereinbarte Vergütung. Auch eine Erstattung nur der "
        "Kosten ist ein Entgelt. Kein Entgelt ist z. B. unentgeltliche Amtshilfe oder eine interne "
        "Verrechnung zwischen Ämtern derselben Gemeinde. Allgemeine Umlagen ohne Bezug zu einer "
        "bestimmten Leistung sind gesondert zu würdigen; antworten Sie im Zweifel mit „unklar“.",
        "§ 1 Abs. 1 Nr. 1 UStG",
        "janein",
        "Wenn die leistende Stelle eine juristische Person des öffentlichen Rechts ist.",
    ),
    Frage(
        "oeffentlich_rechtlich",
        "Beruht die Leistung auf einer öffentlich-rechtlichen Grundlage (Gesetz, Satzung, "
        "öffentlich-rechtlicher Vertrag, Zweckvereinbarung oder Verwaltungsakt)?",
        "§ 2b UStG erfasst nur Tätigkeiten, die der Stelle im Rahmen der öffentlichen Gewalt obliegen. "
        "Wird die Leistung aufgrund eines privatrechtlichen Vertrags erbracht (z. B. Dienstleistungs- "
        "oder Mietvertrag nach dem BGB), antworten Sie mit „nein“. Zweckvereinbarungen und "
        "Zweckverbände nach dem Sächsischen Gesetz über kommunale Zusammenarbeit sind "
        "öffentlich-rechtlich.",
        "§ 2b Abs. 1 Satz 1 UStG",
        "janein",
        "Wenn die Leistung gegen Entgelt erbracht wird.",
    ),
    Frage(
        "katalog_abs4",
        "Gehört die Tätigkeit zu denen, bei denen die öffentliche Hand stets als Unternehmer gilt?",
        "Dazu zählen die Leistungen der Vermessungs- und Katasterbehörden (außer Amtshilfe) und die "
        "Tätigkeiten aus Anhang I der Mehrwertsteuer-Systemrichtlinie, sofern ihr Umfang nicht "
        "unbedeutend ist – z. B. Lieferung von Wasser, Gas, Elektrizität und Wärme, Telekommunikation, "
        "Personen- und Güterbeförderung, Hafen- und Flughafendienste, Lagerhaltung, gewerbliche Messen "
        "und Ausstellungen, Werbung, Reisebüros sowie Kantinen.",
        "§ 2b Abs. 4 UStG",
        "janein",
        "Wenn die Leistung auf öffentlich-rechtlicher Grundlage erbracht wird.",
    ),
    Frage(
        "umsatz_gleichartig",
        "Wie hoch ist der voraussichtliche Umsatz der leistenden Stelle im Kalenderjahr aus "
        "gleichartigen Tätigkeiten (in Euro)?",
        "Zählen Sie alle Entgelte zusammen, die die leistende Stelle im Kalenderjahr voraussichtlich "
        "aus Tätigkeiten dieser Art erzielt – gegenüber allen Empfängern, nicht nur innerhalb dieser "
        "Kooperation. Gleichartig sind Tätigkeiten, die aus Sicht der Empfänger dasselbe Bedürfnis "
        "befriedigen. Maßgeblich ist eine sorgfältige Prognose für das Jahr. Bis einschließlich "
        "17.500 € liegen keine größeren Wettbewerbsverzerrungen vor. Beispiel für die Eingabe: 12500,00.",
        "§ 2b Abs. 2 Nr. 1 UStG",
        "betrag",
        "Wenn die Tätigkeit nicht zum Katalog des § 2b Abs. 4 UStG gehört.",
    ),
    Frage(
        "steuerfrei_vergleichbar",
        "Wären vergleichbare Leistungen eines privaten Anbieters von der Umsatzsteuer befreit, ohne "
        "dass dieser auf die Befreiung verzichten könnte?",
        "Gemeint sind Steuerbefreiungen nach § 4 UStG, auf die nicht nach § 9 UStG verzichtet werden "
        "kann – etwa bestimmte Leistungen in Bildung, Kultur, Gesundheit oder Sozialem. Kann ein "
        "privater Anbieter zur Steuerpflicht optieren (z. B. bei der Vermietung von Grundstücken an "
        "Unternehmer), antworten Sie mit „nein“.",
        "§ 2b Abs. 2 Nr. 2 UStG",
        "janein",
        "Wenn der Umsatz aus gleichartigen Tätigkeiten 17.500 € übersteigt.",
    ),
    Frage(
        "empfaenger_jpoer",
        "Ist die Empfängerin der Leistung ebenfalls eine juristische Person des öffentlichen Rechts "
        "(z. B. eine andere Gemeinde oder ein Zweckverband)?",
        "Die besonderen Ausnahmen für die Zusammenarbeit öffentlicher Stellen gelten nur für Leistungen "
        "an eine andere juristische Person des öffentlichen Rechts. Ist die Empfängerin z. B. eine "
        "GmbH, ein Verein oder eine Privatperson, antworten Sie mit „nein“; dann folgt direkt die "
        "Wettbewerbsfrage.",
        "§ 2b Abs. 3 UStG",
        "janein",
        "Wenn vergleichbare private Leistungen nicht zwingend steuerfrei wären.",
    ),
    Frage(
        "vorbehalten_abs3_nr1",
        "Darf die Leistung aufgrund gesetzlicher Bestimmungen nur von juristischen Personen des "
        "öffentlichen Rechts erbracht werden?",
        "Das ist der Fall, wenn eine Rechtsvorschrift die Aufgabe ausschließlich öffentlichen Stellen "
        "vorbehält, wie etwa die Beurkundungen des Standesamts nach dem Personenstandsgesetz. Dass eine "
        "Aufgabe üblicherweise von Gemeinden erledigt wird, genügt nicht.",
        "§ 2b Abs. 3 Nr. 1 UStG",
        "janein",
        "Wenn die Empfängerin eine juristische Person des öffentlichen Rechts ist.",
    ),
    Frage(
        "abs3_nr2_langfristig",
        "Beruht die Leistung auf einer langfristigen öffentlich-rechtlichen Vereinbarung "
        "(z. B. einer Zweckvereinbarung)?",
        "Die Finanzverwaltung sieht Vereinbarungen mit einer Laufzeit von mindestens fünf Jahren oder "
        "auf unbestimmte Zeit regelmäßig als langfristig an. Einzelaufträge genügen nicht.",
        f"{_NR2} a UStG",
        "janein",
        "Wenn die Leistung nicht gesetzlich öffentlichen Stellen vorbehalten ist.",
    ),
    Frage(
        "abs3_nr2_oeffentliches_interesse",
        "Dient die Leistung dem Erhalt der öffentlichen Infrastruktur und der Wahrnehmung einer "
        "öffentlichen Aufgabe, die allen Beteiligten obliegt?",
        "Alle Beteiligten müssen für die Aufgabe selbst zuständig sein (z. B. jede Gemeinde für ihr "
        "Standesamt oder ihre Feuerwehr). Reine Hilfstätigkeiten wie Gebäudereinigung, Grünpflege oder "
        "allgemeine IT-Unterstützung genügen nach Auffassung der Finanzverwaltung nicht.",
        f"{_NR2} b UStG",
        "janein",
        _WENN_NR2,
    ),
    Frage(
        "abs3_nr2_kostenerstattung",
        "Wird die Leistung ausschließlich gegen Erstattung der Kosten erbracht, also ohne Gewinnaufschlag?",
        "Ein Gewinnaufschlag oder ein Entgelt, das über die Kosten hinausgeht (etwa ein Marktpreis), "
        "schließt diese Ausnahme aus.",
        f"{_NR2} c UStG",
        "janein",
        _WENN_NR2,
    ),
    Frage(
        "abs3_nr2_an_jpoer",
        "Erbringt die leistende Stelle gleichartige Leistungen im Wesentlichen an andere juristische "
        "Personen des öffentlichen Rechts?",
        "Leistungen dieser Art müssen ganz überwiegend an öffentliche Stellen gehen und dürfen nur in "
        "geringem Umfang an private Abnehmer erbracht werden.",
        f"{_NR2} d UStG",
        "janein",
        _WENN_NR2,
    ),
    Frage(
        "wettbewerb_markt",
        "Könnten private Unternehmen diese Leistung ebenso erbringen, gibt es also einen Markt dafür?",
        "Entscheidend ist, ob ein privater Anbieter die Leistung rechtlich anbieten dürfte und "
        "tatsächlich anbieten könnte – auch wenn es in der Region derzeit keinen gibt; schon möglicher "
        "Wettbewerb genügt. Antworten Sie nur dann mit „nein“, wenn die Leistung Privaten verschlossen "
        "ist oder es für sie keinen Markt geben kann.",
        "§ 2b Abs. 1 Satz 2 UStG",
        "janein",
        "Wenn keine der vorhergehenden Ausnahmen greift.",
    ),
    Frage(
        "option_27_22a",
        "Hat die leistende Stelle dem Finanzamt erklärt, das bisherige Recht (§ 2 Abs. 3 UStG a. F.) "
        "weiter anzuwenden, und diese Erklärung nicht widerrufen?",
        "Die Erklärung war bis zum 31.12.2016 abzugeben (§ 27 Abs. 22 Satz 3 UStG) und gilt, solange "
        "sie nicht widerrufen ist, für alle Leistungen bis zum 31.12.2026. Ein Widerruf wirkt nur ab "
        "Beginn eines folgenden Kalenderjahres und nur für alle Tätigkeitsbereiche gemeinsam. Auskunft "
        "gibt in der Regel die Kämmerei.",
        "§ 27 Abs. 22a UStG",
        "janein",
        "Wenn die leistende Stelle eine juristische Person des öffentlichen Rechts ist. Die Antwort "
        "ändert nicht das Ergebnis nach § 2b UStG, sondern nur, ab wann es gilt.",
    ),
)

_FRAGE: dict[str, Frage] = {f.schluessel: f for f in FRAGEN}
_NR2_SCHLUESSEL = (
    "abs3_nr2_langfristig",
    "abs3_nr2_oeffentliches_interesse",
    "abs3_nr2_kostenerstattung",
    "abs3_nr2_an_jpoer",
)
_BUCHSTABE = dict(zip(_NR2_SCHLUESSEL, "abcd", strict=True))

_FEHLT = "Bitte beantworten Sie diese Frage."
_FALSCH_JANEIN = "Bitte wählen Sie „ja“, „nein“ oder „unklar“."
_FALSCH_BETRAG = "Bitte einen Betrag in Euro angeben (z. B. 12500,00) oder „unklar“ wählen."
_NEGATIV = "Der Betrag darf nicht negativ sein. Bitte geben Sie den erwarteten Jahresumsatz in Euro an."
_ZU_VIELE_STELLEN = "Bitte geben Sie den Betrag mit höchstens zwei Nachkommastellen (Cent) an."
_UNBEKANNT = f"Diese Frage ist im Fragebogen (Fassung {FASSUNG}) nicht vorgesehen."

_OFFEN = "Offen – ohne Klärung dieser Frage kann nicht weiter geprüft werden."

# What each answer means, shown next to it in the walked path. Keys missing here are handled in
# the walk itself (the amount, the letters of Abs. 3 Nr. 2, the option).
_FOLGEN: dict[str, dict[str, str]] = {
    "leistender_jpoer": {
        JA: "Die leistende Stelle ist eine juristische Person des öffentlichen Rechts; § 2b UStG ist zu "
        "prüfen.",
        NEIN: "§ 2b UStG ist nicht anwendbar; es gelten die allgemeinen Regeln für Unternehmer. Die "
        "Leistung ist steuerbar.",
    },
    "leistungsaustausch": {
        JA: "Es liegt ein Leistungsaustausch gegen Entgelt vor.",
        NEIN: "Ohne Entgelt liegt kein steuerbarer Umsatz vor.",
    },
    "oeffentlich_rechtlich": {
        JA: "Die Leistung wird im Rahmen der öffentlichen Gewalt erbracht; § 2b Abs. 1 UStG kann greifen.",
        NEIN: "Auf privatrechtlicher Grundlage handelt die Stelle als Unternehmer; die Leistung ist "
        "steuerbar.",
    },
    "katalog_abs4": {
        JA: "Bei dieser Tätigkeit gilt die öffentliche Hand stets als Unternehmer; die Leistung ist "
        "steuerbar.",
        NEIN: "Keine Katalogtätigkeit; weiter mit der Frage nach Wettbewerbsverzerrungen.",
    },
    "steuerfrei_vergleichbar": {
        JA: "Private Anbieter wären zwingend steuerfrei; größere Wettbewerbsverzerrungen liegen nicht vor.",
        NEIN: "Private Anbieter wären nicht zwingend steuerfrei; weiter mit der Prüfung.",
    },
    "empfaenger_jpoer": {
        JA: "Leistung an eine andere juristische Person des öffentlichen Rechts; die Ausnahmen des "
        "§ 2b Abs. 3 UStG sind zu prüfen.",
        NEIN: "Die Ausnahmen des § 2b Abs. 3 UStG kommen nicht in Betracht; weiter mit der Wettbewerbsfrage.",
    },
    "vorbehalten_abs3_nr1": {
        JA: "Die Leistung ist gesetzlich öffentlichen Stellen vorbehalten; größere "
        "Wettbewerbsverzerrungen liegen nicht vor.",
        NEIN: "Kein gesetzlicher Vorbehalt; weiter mit § 2b Abs. 3 Nr. 2 UStG.",
    },
    "wettbewerb_markt": {
        JA: "Private könnten die Leistung ebenso erbringen; ihre Nichtbesteuerung würde den Wettbewerb "
        "verzerren. Die Leistung ist steuerbar.",
        NEIN: "Kein Markt für private Anbieter erkennbar; größere Wettbewerbsverzerrungen liegen nicht vor.",
    },
}

_HINWEIS_STEUERBAR = (
    "Steuerbar heißt nicht zwingend steuerpflichtig: Prüfen Sie als Nächstes, ob eine Steuerbefreiung "
    "nach § 4 UStG greift. Bei steuerpflichtigen Leistungen ist die Umsatzsteuer in der Rechnung "
    "auszuweisen."
)
_HINWEIS_SCHWELLE = (
    "Die Grenze von 17.500 € gilt je Art gleichartiger Tätigkeiten und beruht auf einer Prognose für "
    "das Kalenderjahr. Bitte überprüfen Sie die Prognose jedes Jahr; bei höherem Umsatz ist neu zu "
    "prüfen."
)
_HINWEIS_BMF_2019 = (
    "Nach dem BMF-Schreiben vom 14.11.2019 (BStBl I S. 1140) begründen die Merkmale des § 2b Abs. 3 "
    "Nr. 2 UStG nur eine Vermutung. Könnten private Anbieter die Leistung ebenso erbringen, prüft die "
    "Finanzverwaltung zusätzlich, ob die Nichtbesteuerung zu größeren Wettbewerbsverzerrungen führt "
    "(§ 2b Abs. 1 Satz 2 UStG). Dokumentieren Sie, warum das hier nicht der Fall ist."
)
_HINWEIS_WETTBEWERB = (
    "Ob größere Wettbewerbsverzerrungen drohen (§ 2b Abs. 1 Satz 2 UStG), ist eine Entscheidung im "
    "Einzelfall. Das Ergebnis beruht auf Ihrer Einschätzung, dass es für die Leistung keinen Markt "
    "für private Anbieter gibt; schon möglicher Wettbewerb kann genügen. Bitte halten Sie die Gründe "
    "schriftlich fest."
)
_HINWEIS_OPTION_KLAEREN = (
    "Optionserklärung klären: Bitte fragen Sie bei der Kämmerei oder beim Finanzamt nach, ob eine nicht "
    "widerrufene Erklärung nach § 27 Abs. 22 Satz 3 UStG vorliegt. Liegt sie vor, gilt bis zum "
    "31.12.2026 noch § 2 Abs. 3 UStG a. F. (§ 27 Abs. 22a UStG); ab dem 01.01.2027 gilt in jedem Fall "
    "das Ergebnis nach § 2b UStG."
)


def tage_bis_pflicht(stichtag: date) -> int:
    """Days from ``stichtag`` until 1 January 2027, when § 2b UStG binds every public body; 0 after."""
    return max(0, (PFLICHT_AB - stichtag).days)


def _hinweis_uebergang(stichtag: date) -> str:
    tage = tage_bis_pflicht(stichtag)
    if tage == 0:
        return (
            "Übergangsregelung (§ 27 Abs. 22a UStG): Die Optionserklärung galt nur für Leistungen bis "
            "zum 31.12.2026. Seit dem 01.01.2027 gilt zwingend das Ergebnis dieser Prüfung nach § 2b UStG."
        )
    return (
        "Übergangsregelung (§ 27 Abs. 22a UStG): Aufgrund der Optionserklärung gilt für die leistende "
        "Stelle bis zum 31.12.2026 noch § 2 Abs. 3 UStG in der am 31.12.2015 geltenden Fassung. Ab dem "
        "01.01.2027 gilt zwingend das Ergebnis dieser Prüfung nach § 2b UStG – noch "
        f"{tage} {'Tag' if tage == 1 else 'Tage'}."
    )


# ---------------------------------------------------------------------------------------------
# Reading answers


class _Ungueltig(Exception):
    """An answer that cannot be read; carries the message for the clerk."""


_LEER = object()  # not answered: absent, None or blank


def _janein_lesen(wert: object) -> str:
    if isinstance(wert, str) and wert.strip().lower() in ANTWORTEN_JANEIN:
        return wert.strip().lower()
    raise _Ungueltig(_FALSCH_JANEIN)


_MINUS = ("-", "\u2212")
_WAEHRUNG = re.compile(r"(€|eur(o)?)", re.IGNORECASE)
_DEUTSCH_GRUPPIERT = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,(\d+))?")  # 12.500  12.500,50
_DEUTSCH_SCHLICHT = re.compile(r"\d+(?:,(\d+))?")  # 12500  12500,50
_PUNKT_DEZIMAL = re.compile(r"\d+\.\d{1,2}")  # 12500.50 (at most two decimals, so 12.500 stays German)


def _betrag_lesen(wert: object) -> Decimal | str:
    """A non-negative amount in euros with at most two decimals, or "unklar".

    Strings are read the German way ("12.500,50", "12500,50", "12.500") and, for data from
    other systems, with a decimal point ("12500.50"). A dot followed by exactly three digits is
    a thousands separator: "12.500" is twelve thousand five hundred euros, never 12,5.
    """
    if isinstance(wert, bool):  # bool is an int; True must not become 1 €
        raise _Ungueltig(_FALSCH_BETRAG)
    if isinstance(wert, str):
        text = "".join(_WAEHRUNG.sub("", wert).split())
        if text.lower() == UNKLAR:
            return UNKLAR
        negativ = text.startswith(_MINUS)
        if negativ:
            text = text[1:]
        deutsch = _DEUTSCH_GRUPPIERT.fullmatch(text) or _DEUTSCH_SCHLICHT.fullmatch(text)
        if deutsch:
            if len(deutsch.group(1) or "") > 2:  # "17,500" is not 17,50 € – and surely not 17.500 €
                raise _Ungueltig(_ZU_VIELE_STELLEN)
            zahl = Decimal(text.replace(".", "").replace(",", "."))
        elif _PUNKT_DEZIMAL.fullmatch(text):
            zahl = Decimal(text)
        else:
            raise _Ungueltig(_FALSCH_BETRAG)
        if negativ and zahl != 0:
            raise _Ungueltig(_NEGATIV)
    elif isinstance(wert, int):
        zahl = Decimal(wert)
    elif isinstance(wert, float):
        if not math.isfinite(wert):
            raise _Ungueltig(_FALSCH_BETRAG)
        zahl = Decimal(repr(wert))
    elif isinstance(wert, Decimal):
        if not wert.is_finite():
            raise _Ungueltig(_FALSCH_BETRAG)
        zahl = wert
    else:
        raise _Ungueltig(_FALSCH_BETRAG)
    if zahl < 0:
        raise _Ungueltig(_NEGATIV)
    try:
        cent = zahl.quantize(Decimal("0.01"))
    except InvalidOperation as e:  # more digits than the context holds
        raise _Ungueltig(_FALSCH_BETRAG) from e
    if cent != zahl:
        raise _Ungueltig(_ZU_VIELE_STELLEN)
    return cent + 0  # normalises -0.00 to 0.00


def _lesen(schluessel: str, wert: object) -> object:
    """The answer in canonical form, ``_LEER`` if not answered; raises ``_Ungueltig``."""
    if wert is None or (isinstance(wert, str) and not wert.strip()):
        return _LEER
    if _FRAGE[schluessel].art == "betrag":
        return _betrag_lesen(wert)
    return _janein_lesen(wert)


def _euro(betrag: Decimal) -> str:
    """12500.5 → "12.500,50 €" (German grouping and decimal comma)."""
    return format(betrag, ",.2f").translate(str.maketrans(",.", ".,")) + " €"


def _anzeige(wert: object) -> str:
    return _euro(wert) if isinstance(wert, Decimal) else str(wert)


# ---------------------------------------------------------------------------------------------
# The walk


@dataclass
class _Lauf:
    """State of one walk through the questions."""

    erreicht: list[str] = field(default_factory=list)  # reached keys in order
    folgen: dict[str, str] = field(default_factory=dict)
    luecke: str | None = None  # first reached key without a (valid) answer
    ergebnis: Ergebnisart | None = None
    entscheidend: str = ""
    begruendung: str = ""
    vorschriften: tuple[str, ...] = ()
    hinweise: list[str] = field(default_factory=list)

    def entscheiden(
        self, schluessel: str, ergebnis: Ergebnisart, begruendung: str, *vorschriften: str
    ) -> None:
        self.ergebnis = ergebnis
        self.entscheidend = schluessel
        self.begruendung = begruendung
        self.vorschriften = vorschriften
        if ergebnis is Ergebnisart.STEUERBAR:
            self.hinweise.append(_HINWEIS_STEUERBAR)

    def offen(self, schluessel: str, begruendung: str = "") -> None:
        """'unklar' on a question that decides the walk: stop and ask for a closer look."""
        frage = _FRAGE[schluessel]
        self.folgen[schluessel] = self.folgen.get(schluessel) or _OFFEN
        self.entscheiden(
            schluessel,
            Ergebnisart.VERTIEFT_PRUEFEN,
            begruendung
            or f"Die Frage „{frage.text}“ ist noch offen ({frage.vorschrift}). Ohne ihre Klärung lässt "
            "sich nicht entscheiden, ob die Leistung steuerbar ist; bitte prüfen Sie den Sachverhalt "
            "vertieft.",
            frage.vorschrift,
        )
        self.hinweise.append(f"Offene Frage: „{frage.text}“ ({frage.vorschrift}). {frage.hilfe}")


_Frager = Callable[[str], object]
"""Asks one question: its answer, or None when it is missing."""


# The answer that lets the walk go on; used only to look past a missing answer when collecting
# errors (``vorausschauen``), never to decide anything.
_WEITER: dict[str, object] = {
    "leistender_jpoer": JA,
    "leistungsaustausch": JA,
    "oeffentlich_rechtlich": JA,
    "katalog_abs4": NEIN,
    "umsatz_gleichartig": SCHWELLE_GLEICHARTIG + 1,
    "steuerfrei_vergleichbar": NEIN,
    "empfaenger_jpoer": JA,
    "vorbehalten_abs3_nr1": NEIN,
    **dict.fromkeys(_NR2_SCHLUESSEL, JA),
    "wettbewerb_markt": JA,
    "option_27_22a": NEIN,
}


def _laufen(werte: Mapping[str, object], stichtag: date, *, vorausschauen: bool = False) -> _Lauf:
    """Walk the questions with the valid answers in ``werte``.

    Stops at the first reached question without an answer (``luecke``), unless ``vorausschauen``:
    then it assumes the answer that continues the walk, so that every question which *may* be
    reached is visited (for collecting all input errors at once).
    """
    lauf = _Lauf()

    def antwort(schluessel: str) -> object:
        lauf.erreicht.append(schluessel)
        if schluessel in werte:
            return werte[schluessel]
        if lauf.luecke is None:
            lauf.luecke = schluessel
        return _WEITER[schluessel] if vorausschauen else None

    _paragraf_2b(lauf, antwort)
    if lauf.luecke is not None and not vorausschauen:
        return lauf
    if werte.get("leistender_jpoer", _WEITER["leistender_jpoer"] if vorausschauen else None) == JA:
        _uebergang(lauf, antwort("option_27_22a"), stichtag)
    return lauf


def _paragraf_2b(lauf: _Lauf, antwort: _Frager) -> None:
    """Steps 1–10: the § 2b UStG walk proper. Returns when decided or when an answer is missing."""

    def janein(schluessel: str) -> str | None:
        """Ask; record what the answer means. None: missing, or 'unklar' (then already decided)."""
        wert = antwort(schluessel)
        if wert is None:
            return None
        if wert == UNKLAR:
            lauf.offen(schluessel)
            return None
        lauf.folgen[schluessel] = _FOLGEN[schluessel][wert]
        return wert

    # 1. Who provides the service?
    wert = janein("leistender_jpoer")
    if wert is None:
        return
    if wert == NEIN:
        lauf.entscheiden(
            "leistender_jpoer",
            Ergebnisart.STEUERBAR,
            "Die leistende Stelle ist keine juristische Person des öffentlichen Rechts; § 2b UStG ist "
            "daher nicht anwendbar. Sie ist Unternehmerin nach § 2 Abs. 1 UStG, ihre Leistungen gegen "
            "Entgelt sind steuerbar (§ 1 Abs. 1 Nr. 1 UStG).",
            "§ 2 Abs. 1 UStG",
            "§ 2b Abs. 1 Satz 1 UStG",
        )
        return

    # 2. Is there a supply for consideration at all?
    wert = janein("leistungsaustausch")
    if wert is None:
        return
    if wert == NEIN:
        lauf.entscheiden(
            "leistungsaustausch",
            Ergebnisart.NICHT_STEUERBAR,
            "Für die Leistung wird kein Entgelt gezahlt, es fehlt also an einem Leistungsaustausch. "
            "Ohne Leistungsaustausch liegt kein steuerbarer Umsatz nach § 1 Abs. 1 Nr. 1 UStG vor.",
            "§ 1 Abs. 1 Nr. 1 UStG",
        )
        return

    # 3. § 2b Abs. 1 Satz 1 only covers acts "im Rahmen der öffentlichen Gewalt".
    wert = janein("oeffentlich_rechtlich")
    if wert is None:
        return
    if wert == NEIN:
        lauf.entscheiden(
            "oeffentlich_rechtlich",
            Ergebnisart.STEUERBAR,
            "Die Leistung beruht auf einer privatrechtlichen Grundlage und wird damit nicht im Rahmen der "
            "öffentlichen Gewalt erbracht. § 2b Abs. 1 Satz 1 UStG greift nicht; die leistende Stelle "
            "ist insoweit Unternehmerin nach § 2 Abs. 1 UStG, die Leistung ist steuerbar.",
            "§ 2b Abs. 1 Satz 1 UStG",
            "§ 2 Abs. 1 UStG",
        )
        return

    # 4. The catalogue of Abs. 4 overrides everything that follows.
    wert = janein("katalog_abs4")
    if wert is None:
        return
    if wert == JA:
        lauf.entscheiden(
            "katalog_abs4",
            Ergebnisart.STEUERBAR,
            "Die Tätigkeit gehört zum Katalog des § 2b Abs. 4 UStG. Dort gilt die öffentliche Hand stets "
            "als Unternehmerin, auch wenn sie öffentlich-rechtlich handelt; die Leistung ist steuerbar.",
            "§ 2b Abs. 4 UStG",
        )
        return

    # 5. Bagatelle threshold, Abs. 2 Nr. 1.
    betrag = antwort("umsatz_gleichartig")
    if betrag is None:
        return
    if betrag == UNKLAR:
        lauf.offen("umsatz_gleichartig")
        return
    assert isinstance(betrag, Decimal)
    if betrag <= SCHWELLE_GLEICHARTIG:
        lauf.folgen["umsatz_gleichartig"] = (
            "Der Umsatz übersteigt 17.500 € nicht; größere Wettbewerbsverzerrungen liegen nicht vor."
        )
        lauf.entscheiden(
            "umsatz_gleichartig",
            Ergebnisart.NICHT_STEUERBAR,
            f"Der voraussichtliche Jahresumsatz aus gleichartigen Tätigkeiten beträgt {_euro(betrag)} und "
            "übersteigt 17.500 € nicht. Nach § 2b Abs. 2 Nr. 1 UStG liegen deshalb keine größeren "
            "Wettbewerbsverzerrungen vor; die Leistung ist nach § 2b Abs. 1 Satz 1 UStG nicht steuerbar.",
            "§ 2b Abs. 2 Nr. 1 UStG",
            "§ 2b Abs. 1 Satz 1 UStG",
        )
        lauf.hinweise.append(_HINWEIS_SCHWELLE)
        return
    lauf.folgen["umsatz_gleichartig"] = "Der Umsatz übersteigt 17.500 €; die Bagatellgrenze greift nicht."

    # 6. Comparable private services compulsorily exempt, Abs. 2 Nr. 2.
    wert = janein("steuerfrei_vergleichbar")
    if wert is None:
        return
    if wert == JA:
        lauf.entscheiden(
            "steuerfrei_vergleichbar",
            Ergebnisart.NICHT_STEUERBAR,
            "Vergleichbare Leistungen privater Anbieter wären steuerfrei, ohne dass diese nach § 9 UStG "
            "darauf verzichten könnten. Nach § 2b Abs. 2 Nr. 2 UStG liegen deshalb keine größeren "
            "Wettbewerbsverzerrungen vor; die Leistung ist nach § 2b Abs. 1 Satz 1 UStG nicht steuerbar.",
            "§ 2b Abs. 2 Nr. 2 UStG",
            "§ 2b Abs. 1 Satz 1 UStG",
        )
        return

    # 7.–9. Cooperation between public bodies, Abs. 3.
    wert = janein("empfaenger_jpoer")
    if wert is None:
        return
    if wert == JA:
        wert = janein("vorbehalten_abs3_nr1")
        if wert is None:
            return
        if wert == JA:
            lauf.entscheiden(
                "vorbehalten_abs3_nr1",
                Ergebnisart.NICHT_STEUERBAR,
                "Die Leistung darf aufgrund gesetzlicher Bestimmungen nur von juristischen Personen des "
                "öffentlichen Rechts erbracht werden. Bei der Leistung an eine andere juristische Person "
                "des öffentlichen Rechts liegen deshalb nach § 2b Abs. 3 Nr. 1 UStG keine größeren "
                "Wettbewerbsverzerrungen vor; die Leistung ist nicht steuerbar.",
                "§ 2b Abs. 3 Nr. 1 UStG",
                "§ 2b Abs. 1 Satz 1 UStG",
            )
            return
        if not _abs3_nr2(lauf, antwort):
            return

    # 10. No typified case applies: the competition test of Abs. 1 Satz 2 decides.
    wert = janein("wettbewerb_markt")
    if wert is None:
        return
    if wert == JA:
        lauf.entscheiden(
            "wettbewerb_markt",
            Ergebnisart.STEUERBAR,
            "Private Unternehmen könnten die Leistung ebenso erbringen. Die Behandlung als "
            "Nichtunternehmer würde daher zu größeren Wettbewerbsverzerrungen führen (§ 2b Abs. 1 Satz 2 "
            "UStG); die Leistung ist steuerbar.",
            "§ 2b Abs. 1 Satz 2 UStG",
        )
    else:
        lauf.entscheiden(
            "wettbewerb_markt",
            Ergebnisart.NICHT_STEUERBAR,
            "Für die Leistung ist kein Markt erkennbar, auf dem private Unternehmen tätig werden könnten. "
            "Größere Wettbewerbsverzerrungen (§ 2b Abs. 1 Satz 2 UStG) sind daher nicht zu erwarten; die "
            "Leistung ist nach § 2b Abs. 1 Satz 1 UStG nicht steuerbar.",
            "§ 2b Abs. 1 Satz 1 UStG",
            "§ 2b Abs. 1 Satz 2 UStG",
        )
        lauf.hinweise.append(_HINWEIS_WETTBEWERB)


def _abs3_nr2(lauf: _Lauf, antwort: _Frager) -> bool:
    """§ 2b Abs. 3 Nr. 2: the four letters are cumulative.

    A "nein" anywhere ends the test (the later letters are not asked) and the walk goes on to
    the competition test: returns True. Open letters only decide the walk (``vertieft_pruefen``)
    if no letter was denied. Returns False when the walk is decided or an answer is missing.
    """
    offen: list[str] = []
    for schluessel in _NR2_SCHLUESSEL:
        buchstabe = _BUCHSTABE[schluessel]
        wert = antwort(schluessel)
        if wert is None:
            return False
        if wert == NEIN:
            lauf.folgen[schluessel] = (
                f"Buchstabe {buchstabe} ist nicht erfüllt; § 2b Abs. 3 Nr. 2 UStG greift nicht. Weiter mit "
                "der Wettbewerbsfrage."
            )
            for k in offen:
                lauf.folgen[k] = f"Offen – ohne Bedeutung, weil Buchstabe {buchstabe} nicht erfüllt ist."
            return True
        if wert == UNKLAR:
            offen.append(schluessel)
            lauf.folgen[schluessel] = "Offen – wird zusammen mit den übrigen Buchstaben beurteilt."
        else:
            lauf.folgen[schluessel] = f"Buchstabe {buchstabe} ist erfüllt."
    if offen:
        buchstaben = ", ".join(_BUCHSTABE[k] for k in offen)
        for k in offen:
            lauf.folgen[k] = "Offen – kein anderer Buchstabe ist verneint; diese Frage muss geklärt werden."
        lauf.offen(
            offen[0],
            "Für die Ausnahme nach § 2b Abs. 3 Nr. 2 UStG müssen alle vier Buchstaben erfüllt sein. "
            f"Offen ist noch Buchstabe {buchstaben}; kein Buchstabe ist verneint. Ohne Klärung lässt sich "
            "nicht entscheiden, ob die Leistung steuerbar ist; bitte prüfen Sie den Sachverhalt vertieft.",
        )
        for k in offen[1:]:
            frage = _FRAGE[k]
            lauf.hinweise.append(f"Offene Frage: „{frage.text}“ ({frage.vorschrift}). {frage.hilfe}")
        return False
    lauf.folgen["abs3_nr2_an_jpoer"] = (
        "Alle vier Buchstaben sind erfüllt; die Zusammenarbeit ist durch gemeinsame spezifische "
        "öffentliche Interessen bestimmt."
    )
    lauf.entscheiden(
        "abs3_nr2_an_jpoer",
        Ergebnisart.NICHT_STEUERBAR,
        "Die Zusammenarbeit erfüllt alle vier Merkmale des § 2b Abs. 3 Nr. 2 Satz 2 UStG: langfristige "
        "öffentlich-rechtliche Vereinbarung, gemeinsame öffentliche Aufgabe, reine Kostenerstattung und "
        "gleichartige Leistungen im Wesentlichen an öffentliche Stellen. Größere Wettbewerbsverzerrungen "
        "liegen danach nicht vor; die Leistung ist nicht steuerbar.",
        "§ 2b Abs. 3 Nr. 2 UStG",
        "§ 2b Abs. 1 Satz 1 UStG",
    )
    lauf.hinweise.append(_HINWEIS_BMF_2019)
    return False


def _uebergang(lauf: _Lauf, wert: object, stichtag: date) -> None:
    """Step 11: the transition option never changes the § 2b result, only when it applies."""
    if wert is None:
        return
    if wert == JA:
        if tage_bis_pflicht(stichtag):
            lauf.folgen["option_27_22a"] = (
                "Optionserklärung liegt vor: bis 31.12.2026 gilt noch § 2 Abs. 3 UStG a. F., ab 01.01.2027 "
                "das Ergebnis nach § 2b UStG."
            )
        else:
            lauf.folgen["option_27_22a"] = (
                "Die Optionserklärung ist mit Ablauf des 31.12.2026 ausgelaufen; es gilt das Ergebnis nach "
                "§ 2b UStG."
            )
        lauf.hinweise.append(_hinweis_uebergang(stichtag))
    elif wert == NEIN:
        lauf.folgen["option_27_22a"] = (
            "Keine fortgeltende Optionserklärung: das Ergebnis nach § 2b UStG gilt."
        )
    else:
        lauf.folgen["option_27_22a"] = (
            "Offen – ändert das Ergebnis nach § 2b UStG nicht, wohl aber den Zeitpunkt, ab dem es gilt."
        )
        lauf.hinweise.append(_HINWEIS_OPTION_KLAEREN)


# ---------------------------------------------------------------------------------------------
# Public entry points


def naechste_fragen(antworten: Mapping[str, object]) -> list[Frage]:
    """The questions reached so far, in walk order, ending with the next unanswered one.

    For a guided form that reveals one question at a time. Lenient on purpose: unknown keys are
    ignored and an invalid answer counts as not yet given (``pruefen`` reports both). When the
    walk is complete the list holds every reached question and nothing is left to ask.
    """
    werte: dict[str, object] = {}
    for schluessel, wert in antworten.items():
        if schluessel not in _FRAGE:
            continue
        try:
            gelesen = _lesen(schluessel, wert)
        except _Ungueltig:
            continue
        if gelesen is not _LEER:
            werte[schluessel] = gelesen
    return [_FRAGE[k] for k in _laufen(werte, PFLICHT_AB).erreicht]


def pruefen(antworten: Mapping[str, object], stichtag: date | None = None) -> Pruefergebnis:
    """Assess a service under § 2b UStG from the clerk's answers.

    ``stichtag`` (default: today) only matters for the transition note. Raises
    ``UstEingabeFehler`` with every problem at once: unknown keys, unreadable or negative values
    of questions that are or may be reached, and the missing answer where the walk stops.
    Answers to questions that are not reached are ignored and listed in ``nicht_relevant``.
    """
    stichtag = stichtag or date.today()
    fehler: dict[str, str] = {}
    werte: dict[str, object] = {}
    ungueltig: dict[str, str] = {}
    for schluessel, wert in antworten.items():
        if schluessel not in _FRAGE:
            fehler[schluessel] = _UNBEKANNT
            continue
        try:
            gelesen = _lesen(schluessel, wert)
        except _Ungueltig as e:
            ungueltig[schluessel] = str(e)
            continue
        if gelesen is not _LEER:
            werte[schluessel] = gelesen

    lauf = _laufen(werte, stichtag)
    if lauf.luecke is not None or ungueltig:
        # Look past the gap: an invalid value further on is reported now, not one round later.
        moeglich = _laufen(werte, stichtag, vorausschauen=True).erreicht
        for schluessel in moeglich:
            if schluessel in ungueltig:
                fehler[schluessel] = ungueltig[schluessel]
        if lauf.luecke is not None and lauf.luecke not in fehler:
            fehler[lauf.luecke] = _FEHLT
    if fehler:
        raise UstEingabeFehler({k: fehler[k] for k in sorted(fehler, key=_reihenfolge)})
    assert lauf.ergebnis is not None

    erreicht = set(lauf.erreicht)
    schritte = tuple(Schritt(k, _FRAGE[k].text, _anzeige(werte[k]), lauf.folgen[k]) for k in lauf.erreicht)
    gegeben = set(werte) | set(ungueltig)  # blank fields of a full form are no answers
    nicht_relevant = tuple(f.schluessel for f in FRAGEN if f.schluessel in gegeben - erreicht)
    return Pruefergebnis(
        ergebnis=lauf.ergebnis,
        entscheidender_schritt=lauf.entscheidend,
        begruendung=lauf.begruendung,
        vorschriften=lauf.vorschriften,
        schritte=schritte,
        hinweise=(*lauf.hinweise, HINWEIS_KEINE_STEUERBERATUNG),
        fassung=FASSUNG,
        nicht_relevant=nicht_relevant,
    )


_POSITION = {f.schluessel: i for i, f in enumerate(FRAGEN)}


def _reihenfolge(schluessel: str) -> tuple[int, str]:
    """Errors in questionnaire order, unknown keys last."""
    return (_POSITION.get(schluessel, len(_POSITION)), schluessel)
