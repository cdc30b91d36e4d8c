"""Umlageschlüssel: how the members of an inter-municipal cooperation share the costs of a joint service.

Plain Python on purpose (no Django): the arithmetic is what the members' budgets depend on, so it is
tested on its own, and views, forms, the API and the PDF all call the same function.

The central promise is that the amounts in the table add up *exactly* to the total that is being
shared — a clerk who adds the column in a spreadsheet must not find a cent missing or left over. Exact
shares are therefore computed as fractions and rounded with the largest-remainder (Hare–Niemeyer)
method on whole cents: every member first gets its share rounded down to the cent, then the cents
still missing go one by one to the members whose shares lost the most in rounding down. Each amount
thus differs from its exact share by less than one cent, and the sum is the total.

Inputs may come straight from a form, so numbers are accepted as ``int``, ``Decimal`` or German
strings ("12.500,50 €"), and problems are collected and raised together as :class:`UmlageFehler`
(field → German message), so the clerk can fix all of them in one go.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

__all__ = [
    "Beteiligter",
    "UmlageFehler",
    "Umlageergebnis",
    "Umlagezeile",
    "Verfahren",
    "als_csv",
    "berechnen",
    "betrag_parsen",
    "euro",
]

CENT = Decimal("0.01")
#: precision of :attr:`Umlagezeile.anteil` — enough to show percentages with four decimals
ANTEIL_STELLEN = Decimal("0.000001")
#: a sanity limit well above any municipal budget; it also keeps every amount inside Decimal's
#: default precision, so quantising can never raise
HOECHSTBETRAG = Decimal("999999999999.99")

MELDUNG_BETRAG = "Bitte einen Betrag in Euro angeben, z. B. 12.500,00."
MELDUNG_NEGATIV = "Der Betrag darf nicht negativ sein."
MELDUNG_CENT = "Bitte den Betrag auf den Cent genau angeben (höchstens zwei Nachkommastellen)."
MELDUNG_ZU_GROSS = "Der Betrag ist zu groß."


class Verfahren(StrEnum):
    """How the total is divided. The values are stable keys for forms, the API and stored settings."""

    EINWOHNER = "einwohner"
    FALLZAHLEN = "fallzahlen"
    PROZENT = "prozent"
    SOCKEL = "sockel"

    @property
    def label(self) -> str:
        """The German name shown to clerks."""
        return _VERFAHREN_LABELS[self]

    @classmethod
    def auswahl(cls) -> list[tuple[str, str]]:
        """(value, label) pairs, e.g. for Django ``choices``."""
        return [(v.value, v.label) for v in cls]


_VERFAHREN_LABELS: dict[Verfahren, str] = {
    Verfahren.EINWOHNER: "nach Einwohnern",
    Verfahren.FALLZAHLEN: "nach Fallzahlen",
    Verfahren.PROZENT: "feste Prozentsätze",
    Verfahren.SOCKEL: "Sockelbetrag + variabler Anteil",
}


@dataclass(frozen=True)
class Beteiligter:
    """One member of the cooperation with the figures the chosen method needs.

    Only the basis value of the chosen method must be present (Einwohner for ``einwohner``, …); the
    numbers may also be raw form strings such as ``"3.455"``, which :func:`berechnen` validates.
    """

    schluessel: str
    name: str
    einwohner: int | str | None = None
    fallzahl: Decimal | int | str | None = None
    prozent: Decimal | int | str | None = None
    vorauszahlung: Decimal | int | str | None = Decimal(0)


@dataclass(frozen=True)
class Umlagezeile:
    """The result for one member. Amounts are Decimal euros with exactly two places."""

    schluessel: str
    name: str
    #: the value the share was computed from: Einwohner, Fallzahl or Prozentsatz
    basiswert: Decimal | None
    #: exact share of the total (0..1), rounded to six places for display
    anteil: Decimal
    sockelbetrag: Decimal
    variabler_betrag: Decimal
    #: what the member owes in total (= sockelbetrag + variabler_betrag)
    betrag: Decimal
    vorauszahlung: Decimal
    #: betrag - vorauszahlung: positive means Nachzahlung, negative means Erstattung
    saldo: Decimal


@dataclass(frozen=True)
class Umlageergebnis:
    """The complete distribution; ``sum(z.betrag for z in zeilen) == gesamtbetrag`` always holds."""

    verfahren: Verfahren
    gesamtbetrag: Decimal
    zeilen: tuple[Umlagezeile, ...]
    sockel_prozent: Decimal | None
    variable_basis: Verfahren | None
    summe_vorauszahlungen: Decimal
    summe_saldo: Decimal


class UmlageFehler(ValueError):
    """Invalid input. ``fehler`` maps a field ("gesamtbetrag", "beteiligte.2.prozent") to a message.

    All problems are reported at once so a form can mark every wrong field in a single round trip.
    """

    def __init__(self, fehler: dict[str, str]) -> None:
        self.fehler = dict(fehler)
        super().__init__(" ".join(self.fehler.values()))


# --- reading numbers -------------------------------------------------------------------------------

_LEERRAUM = re.compile(r"[\s\u00a0\u202f]+")
_EINHEIT = re.compile(r"^(?:€|euro|eur)|(?:€|euro|eur|%)$")
#: "12.500" with a single dot is a German thousands separator, not 12,5
_TAUSENDER_MIT_PUNKT = re.compile(r"[1-9]\d{0,2}\.\d{3}")


def _zahl_lesen(wert: object, *, punkt_ist_dezimal: bool = False) -> Decimal | None:
    """A number from int/Decimal/str in German or plain notation, or None if it is not one.

    Strings: "12500", "12.500,50", "12500.50", "1 250,00 €", "12,- €". A single dot followed by
    exactly three digits ("1.250") is read as a German thousands separator — that is what a clerk in
    Saxony means — unless ``punkt_ist_dezimal`` (percentages, where "33.340" can only mean 33,34).
    The sign is kept, so callers can give a specific message for negative numbers.
    """
    if isinstance(wert, bool):
        return None
    if isinstance(wert, int):
        return Decimal(wert)
    if isinstance(wert, Decimal):
        return wert if wert.is_finite() else None
    if isinstance(wert, float):
        # repr() is the shortest exact round trip, so 12.5 becomes Decimal("12.5"), not 12.4999…
        return Decimal(repr(wert)) if math.isfinite(wert) else None
    if not isinstance(wert, str):
        return None
    text = _EINHEIT.sub("", _LEERRAUM.sub("", wert).lower())
    negativ = text[:1] in ("-", "−")
    if text[:1] in ("-", "−", "+"):
        text = text[1:]
    text = re.sub(r",-+$", "", text)  # "12,- €"
    punkt_trennt_tausender = text.count(".") > 1 or (
        not punkt_ist_dezimal and _TAUSENDER_MIT_PUNKT.fullmatch(text) is not None
    )
    if "," in text and "." in text:
        tausender, dezimal = (".", ",") if text.rfind(",") > text.rfind(".") else (",", ".")
    elif "," in text or punkt_trennt_tausender:
        tausender, dezimal = ".", ","
    else:
        tausender, dezimal = ",", "."
    t, d = re.escape(tausender), re.escape(dezimal)
    if not re.fullmatch(rf"(?:\d{{1,3}}(?:{t}\d{{3}})+|\d+)(?:{d}\d+)?", text):
        return None
    zahl = Decimal(text.replace(tausender, "").replace(dezimal, "."))
    return -zahl if negativ else zahl


def _betrag_lesen(wert: object) -> Decimal | str:
    """A euro amount rounded to cents, or the message explaining why it is none."""
    zahl = _zahl_lesen(wert)
    if zahl is None:
        return MELDUNG_BETRAG
    if zahl < 0:
        return MELDUNG_NEGATIV
    if zahl > HOECHSTBETRAG:
        return MELDUNG_ZU_GROSS
    betrag = zahl.quantize(CENT)
    if betrag != zahl:
        # silently rounding 12,505 € would let the table disagree with the clerk's figure
        return MELDUNG_CENT
    return abs(betrag)  # abs: no "-0,00"


def betrag_parsen(wert: object, feld: str) -> Decimal:
    """A non-negative euro amount with two places from int, Decimal or a (German) string.

    Raises :class:`UmlageFehler` with ``{feld: message}`` so form code can attach it to the field.
    """
    ergebnis = _betrag_lesen(wert)
    if isinstance(ergebnis, str):
        raise UmlageFehler({feld: ergebnis})
    return ergebnis


def _leer(wert: object) -> bool:
    return wert is None or (isinstance(wert, str) and not wert.strip())


# --- formatting ------------------------------------------------------------------------------------


def euro(betrag: Decimal | int) -> str:
    """German display of an amount: ``"12.500,50 €"`` (dot for thousands, comma for cents)."""
    wert = Decimal(betrag).quantize(CENT, rounding=ROUND_HALF_UP)
    vorzeichen = "-" if wert < 0 else ""
    ganz, _, cent = f"{abs(wert):f}".partition(".")
    return f"{vorzeichen}{int(ganz):,}".replace(",", ".") + f",{cent} €"


def _zahl_de(wert: Decimal, mindestens_stellen: int = 0) -> str:
    """A plain number with decimal comma and no thousands separator (spreadsheets parse this)."""
    wert = wert.normalize()
    if int(wert.as_tuple().exponent) > -mindestens_stellen:
        wert = wert.quantize(Decimal(1).scaleb(-mindestens_stellen))
    if wert == 0:
        wert = abs(wert)
    return f"{wert:f}".replace(".", ",")


# --- validation ------------------------------------------------------------------------------------


def _verfahren_lesen(wert: object, feld: str, fehler: dict[str, str]) -> Verfahren | None:
    if isinstance(wert, Verfahren):
        return wert
    if isinstance(wert, str):
        try:
            return Verfahren(wert.strip().lower())
        except ValueError:
            pass
    erlaubt = ", ".join(v.value for v in Verfahren)
    fehler[feld] = f"Unbekanntes Verfahren „{wert}“; erlaubt: {erlaubt}."
    return None


def _sockel_lesen(wert: object, fehler: dict[str, str]) -> Decimal | None:
    if _leer(wert):
        fehler["sockel_prozent"] = (
            "Bitte angeben, wie viel Prozent des Gesamtbetrags der Sockelbetrag ausmacht."
        )
        return None
    zahl = _zahl_lesen(wert, punkt_ist_dezimal=True)
    if zahl is None or not 0 < zahl < 100:
        fehler["sockel_prozent"] = (
            "Der Sockelanteil muss eine Zahl größer als 0 % und kleiner als 100 % sein, z. B. 20."
        )
        return None
    return zahl


def _wer(beteiligter: Beteiligter, position: int) -> str:
    """How messages name a member: its name, else its key, else its position (counting from 1)."""
    return (
        str(beteiligter.name or "").strip()
        or str(beteiligter.schluessel or "").strip()
        or (f"Beteiligter Nr. {position + 1}")
    )


def _basis_lesen(
    b: Beteiligter, art: Verfahren, wer: str, feld_praefix: str, fehler: dict[str, str]
) -> Decimal | None:
    """The member's basis value for ``art`` as a non-negative Decimal, or None (message recorded)."""
    if art is Verfahren.EINWOHNER:
        feld, wert = feld_praefix + "einwohner", b.einwohner
        if _leer(wert):
            fehler[feld] = f"Für {wer} fehlt die Einwohnerzahl."
            return None
        zahl = _zahl_lesen(wert)
        if zahl is None or zahl != zahl.to_integral_value():
            fehler[feld] = f"Bitte für {wer} die Einwohnerzahl als ganze Zahl angeben, z. B. 3.455."
            return None
        if zahl < 0:
            fehler[feld] = f"Die Einwohnerzahl von {wer} darf nicht negativ sein."
            return None
        return Decimal(int(zahl))
    if art is Verfahren.FALLZAHLEN:
        feld, wert = feld_praefix + "fallzahl", b.fallzahl
        if _leer(wert):
            fehler[feld] = f"Für {wer} fehlt die Fallzahl."
            return None
        zahl = _zahl_lesen(wert)
        if zahl is None:
            fehler[feld] = f"Bitte für {wer} die Fallzahl als Zahl angeben, z. B. 120."
            return None
        if zahl < 0:
            fehler[feld] = f"Die Fallzahl von {wer} darf nicht negativ sein."
            return None
        return abs(zahl)
    feld, wert = feld_praefix + "prozent", b.prozent
    if _leer(wert):
        fehler[feld] = f"Für {wer} fehlt der Prozentsatz."
        return None
    zahl = _zahl_lesen(wert, punkt_ist_dezimal=True)
    if zahl is None:
        fehler[feld] = f"Bitte für {wer} den Prozentsatz als Zahl angeben, z. B. 33,33."
        return None
    if zahl < 0:
        fehler[feld] = f"Der Prozentsatz von {wer} darf nicht negativ sein."
        return None
    if zahl > 100:
        fehler[feld] = f"Der Prozentsatz von {wer} darf nicht über 100 % liegen."
        return None
    return abs(zahl)


def _summe_pruefen(art: Verfahren, summe: Decimal, fehler: dict[str, str]) -> None:
    """Checks that need all basis values: without them a share cannot be defined at all."""
    if art is Verfahren.PROZENT:
        if summe != 100:
            fehler["beteiligte.prozent"] = (
                f"Die Prozentsätze ergeben zusammen {_zahl_de(summe, 2)} %, nicht 100 %."
            )
    elif summe == 0:
        if art is Verfahren.EINWOHNER:
            fehler["beteiligte.einwohner"] = (
                "Die Einwohnerzahlen ergeben zusammen 0 – so lässt sich nichts nach Einwohnern verteilen."
            )
        else:
            fehler["beteiligte.fallzahl"] = (
                "Die Fallzahlen ergeben zusammen 0 – so lässt sich nichts nach Fallzahlen verteilen."
            )


# --- the calculation -------------------------------------------------------------------------------


def _groesster_rest(
    exakt: Sequence[Fraction], gesamt_cent: int, basis: Sequence[Decimal], schluessel: Sequence[str]
) -> list[int]:
    """Hare–Niemeyer on cents: floor every exact share, hand the missing cents to the largest remainders.

    Ties are broken by the larger basis (the bigger member carries the cent) and then by key, so the
    result never depends on the order in which members were entered.
    """
    cent = [math.floor(x) for x in exakt]
    fehlend = gesamt_cent - sum(cent)
    assert 0 <= fehlend <= len(cent), "exact shares must add up to the total"
    reihenfolge = sorted(range(len(cent)), key=lambda i: (-(exakt[i] - cent[i]), -basis[i], schluessel[i]))
    for i in reihenfolge[:fehlend]:
        cent[i] += 1
    return cent


def _euro_aus_cent(cent: int) -> Decimal:
    return Decimal(cent).scaleb(-2).quantize(CENT)


def _anteil(bruch: Fraction) -> Decimal:
    return (Decimal(bruch.numerator) / Decimal(bruch.denominator)).quantize(
        ANTEIL_STELLEN, rounding=ROUND_HALF_UP
    )


def berechnen(
    gesamtbetrag: object,
    verfahren: Verfahren | str,
    beteiligte: Sequence[Beteiligter],
    *,
    sockel_prozent: Decimal | int | str | None = None,
    variable_basis: Verfahren | str = Verfahren.EINWOHNER,
) -> Umlageergebnis:
    """Divide ``gesamtbetrag`` among ``beteiligte`` by ``verfahren``, exact to the cent.

    - ``einwohner`` / ``fallzahlen``: proportional to the population / case numbers; a member with 0
      gets 0, but the sum must be positive.
    - ``prozent``: fixed percentages that must add up to exactly 100.
    - ``sockel``: ``sockel_prozent`` of the total is split equally (every member pays the same base for
      being part of the service), the rest by ``variable_basis`` (einwohner or fallzahlen). Rounding is
      applied to each member's whole amount, so the grand total stays exact; the reported
      ``sockelbetrag`` is the equal base rounded *down* to the cent, which keeps ``variabler_betrag``
      (= betrag - sockelbetrag) from ever turning negative for a member with a basis of 0.

    ``sockel_prozent`` and ``variable_basis`` are ignored for the other methods (a form may still send
    them). Raises :class:`UmlageFehler` with every problem found.
    """
    fehler: dict[str, str] = {}

    if _leer(gesamtbetrag):
        fehler["gesamtbetrag"] = "Bitte den Gesamtbetrag angeben, z. B. 12.500,00."
        gesamt = None
    else:
        gelesen = _betrag_lesen(gesamtbetrag)
        if isinstance(gelesen, str):
            fehler["gesamtbetrag"] = gelesen
            gesamt = None
        else:
            gesamt = gelesen

    art = _verfahren_lesen(verfahren, "verfahren", fehler)
    basis_art: Verfahren | None = None
    sockel: Decimal | None = None
    if art is Verfahren.SOCKEL:
        basis_art = _verfahren_lesen(variable_basis, "variable_basis", fehler)
        if basis_art not in (None, Verfahren.EINWOHNER, Verfahren.FALLZAHLEN):
            fehler["variable_basis"] = (
                "Der variable Anteil kann nur nach Einwohnern oder nach Fallzahlen verteilt werden."
            )
            basis_art = None
        sockel = _sockel_lesen(sockel_prozent, fehler)
    gewichtsart = basis_art if art is Verfahren.SOCKEL else art

    if len(beteiligte) < 2:
        fehler["beteiligte"] = "Eine Umlage braucht mindestens zwei Beteiligte."

    schluessel: list[str] = []
    namen: list[str] = []
    gewichte: list[Decimal | None] = []
    vorauszahlungen: list[Decimal] = []
    gesehen: set[str] = set()
    for i, b in enumerate(beteiligte):
        praefix = f"beteiligte.{i}."
        wer = _wer(b, i)
        key = str(b.schluessel or "").strip()
        name = str(b.name or "").strip()
        if not key:
            fehler[praefix + "schluessel"] = f"Bitte für {wer} den Gemeindeschlüssel angeben."
        elif key in gesehen:
            fehler[praefix + "schluessel"] = (
                f"Der Gemeindeschlüssel {key} ({wer}) ist doppelt aufgeführt."
                if name
                else f"Der Gemeindeschlüssel {key} ist doppelt aufgeführt."
            )
        gesehen.add(key)
        if not name:
            fehler[praefix + "name"] = f"Bitte für {wer} den Namen angeben."
        schluessel.append(key)
        namen.append(name)

        gewichte.append(_basis_lesen(b, gewichtsart, wer, praefix, fehler) if gewichtsart else None)

        if _leer(b.vorauszahlung):
            vorauszahlungen.append(Decimal("0.00"))  # an empty field means nothing was paid yet
        else:
            gelesen = _betrag_lesen(b.vorauszahlung)
            if isinstance(gelesen, str):
                fehler[praefix + "vorauszahlung"] = (
                    f"Die Vorauszahlung von {wer} darf nicht negativ sein."
                    if gelesen == MELDUNG_NEGATIV
                    else f"Vorauszahlung von {wer}: {gelesen}"
                )
                gelesen = Decimal("0.00")
            vorauszahlungen.append(gelesen)

    # Sum checks only when every value is there: "ergeben 66,67 %" is misleading while one is missing.
    if gewichtsart and beteiligte and all(g is not None for g in gewichte):
        _summe_pruefen(gewichtsart, sum((g for g in gewichte if g is not None), Decimal(0)), fehler)

    if fehler:
        raise UmlageFehler(fehler)
    assert gesamt is not None and art is not None and gewichtsart is not None

    basis = [g for g in gewichte if g is not None]
    summe_basis = Fraction(sum(basis, Decimal(0)))
    n = len(basis)
    gesamt_cent = int(gesamt * 100)
    variabel_quote = Fraction(1)
    sockel_quote = Fraction(0)
    if sockel is not None:
        sockel_quote = Fraction(sockel) / 100
        variabel_quote = 1 - sockel_quote
    anteile = [sockel_quote / n + variabel_quote * Fraction(g) / summe_basis for g in basis]
    exakt = [gesamt_cent * a for a in anteile]
    betraege = _groesster_rest(exakt, gesamt_cent, basis, schluessel)
    sockel_cent = math.floor(gesamt_cent * sockel_quote / n)

    zeilen = []
    for i in range(n):
        betrag = _euro_aus_cent(betraege[i])
        sockelbetrag = _euro_aus_cent(sockel_cent)
        zeilen.append(
            Umlagezeile(
                schluessel=schluessel[i],
                name=namen[i],
                basiswert=basis[i],
                anteil=_anteil(anteile[i]),
                sockelbetrag=sockelbetrag,
                variabler_betrag=betrag - sockelbetrag,
                betrag=betrag,
                vorauszahlung=vorauszahlungen[i],
                saldo=betrag - vorauszahlungen[i],
            )
        )
    summe_voraus = sum(vorauszahlungen, Decimal("0.00"))
    return Umlageergebnis(
        verfahren=art,
        gesamtbetrag=gesamt,
        zeilen=tuple(zeilen),
        sockel_prozent=sockel,
        variable_basis=basis_art,
        summe_vorauszahlungen=summe_voraus,
        summe_saldo=gesamt - summe_voraus,
    )


# --- export ----------------------------------------------------------------------------------------

_BASIS_SPALTE = {
    Verfahren.EINWOHNER: "Einwohner",
    Verfahren.FALLZAHLEN: "Fallzahl",
    Verfahren.PROZENT: "Prozentsatz",
}


def _textzelle(text: str) -> str:
    """Neutralise text a spreadsheet would run as a formula (names come from user input)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def als_csv(ergebnis: Umlageergebnis) -> str:
    """The table for a spreadsheet: ``;``-separated, decimal comma, a header row and a "Summe" row.

    Numbers carry no thousands separator and no € sign (the unit is in the header), so German
    Excel and LibreOffice read them as numbers. Sockel columns appear only for the Sockel method.
    The caller encodes as UTF-8 and adds the BOM Excel needs to recognise it.
    """
    mit_sockel = ergebnis.verfahren is Verfahren.SOCKEL
    basis_art = ergebnis.variable_basis if mit_sockel else ergebnis.verfahren
    kopf = ["Gemeindeschlüssel", "Beteiligter", _BASIS_SPALTE.get(basis_art, "Basis"), "Anteil in %"]
    if mit_sockel:
        kopf += ["Sockelbetrag in €", "Variabler Anteil in €"]
    kopf += ["Umlage in €", "Vorauszahlung in €", "Saldo in € (+ Nachzahlung, - Erstattung)"]

    def zahlen(basis, anteil, sockel, variabel, betrag, voraus, saldo) -> list[str]:
        zeile = ["" if basis is None else _zahl_de(basis), _zahl_de(anteil * 100, 4)]
        if mit_sockel:
            zeile += [_zahl_de(sockel, 2), _zahl_de(variabel, 2)]
        return [*zeile, _zahl_de(betrag, 2), _zahl_de(voraus, 2), _zahl_de(saldo, 2)]

    puffer = io.StringIO()
    schreiber = csv.writer(puffer, delimiter=";", lineterminator="\r\n")
    schreiber.writerow(kopf)
    for z in ergebnis.zeilen:
        schreiber.writerow(
            [
                _textzelle(z.schluessel),
                _textzelle(z.name),
                *zahlen(
                    z.basiswert,
                    z.anteil,
                    z.sockelbetrag,
                    z.variabler_betrag,
                    z.betrag,
                    z.vorauszahlung,
                    z.saldo,
                ),
            ]
        )
    zeilen = ergebnis.zeilen
    basiswerte = [z.basiswert for z in zeilen if z.basiswert is not None]
    schreiber.writerow(
        [
            "Summe",
            "",
            *zahlen(
                sum(basiswerte, Decimal(0)) if basiswerte else None,
                Decimal(1),  # the exact shares add up to 100 %, even if the rounded ones do not quite
                sum((z.sockelbetrag for z in zeilen), Decimal(0)),
                sum((z.variabler_betrag for z in zeilen), Decimal(0)),
                ergebnis.gesamtbetrag,
                ergebnis.summe_vorauszahlungen,
                ergebnis.summe_saldo,
            ),
        ]
    )
    return puffer.getvalue()
