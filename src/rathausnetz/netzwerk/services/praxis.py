"""The best-practice library: recording, publishing, searching, attachments.

Search is German-aware without a separate index: every save stores the example's search terms
(``suche.normaliser.suchform`` of each word of title, summary, text, tags and municipalities) in
``Praxisbeispiel.suchformen``, framed by spaces; a query matches when each of its terms occurs —
as a whole word, or as a word start for terms of six letters and more (``Bürgerservice`` finds
``Bürgerserviceportal``). ``Geschäftsführer``, ``Geschaeftsfuehrer`` and ``Geschaftsfuhrer`` are
one term. The library is small (hundreds, not millions), so this runs inside the same
transaction as the data and never drifts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from rathausnetz import speicher
from rathausnetz.ikz.models import Aufgabenbereich
from rathausnetz.kommunen.models import Kommune
from rathausnetz.netzwerk.models import Anhang, Praxisbeispiel, Thema
from rathausnetz.netzwerk.models.kurse import Veroeffentlichung
from rathausnetz.netzwerk.services import richtext
from rathausnetz.netzwerk.services._gemeinsam import (
    Fehler,
    handelnde_person,
    melde,
    netzwerk_zugriff,
    pruefe_dimensionen,
    pruefe_email,
    pruefe_text,
    wirf,
)
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.speicher.ablage import ZuGross
from rathausnetz.suche.normaliser import MIN_PRAEFIXLAENGE, name_key, suchform, woerter

#: attachments: what a best practice needs (documents, pictures), no e-mails or archives
ANHANG_TYPEN = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "text/plain",
    "text/markdown",
}
ANHANG_MAX_MB = 20
ANHAENGE_HOECHSTENS = 20


@dataclass
class Praxisdaten:
    titel: str
    kurzfassung: str = ""
    text: str = ""
    status: str = Veroeffentlichung.ENTWURF
    aufgabenbereiche: Sequence[str] = ()
    #: free topics by name; new ones are created
    themen: Sequence[str] = ()
    dimensionen: Sequence[str] = ()
    #: AGS of the municipalities involved
    kommunen: Sequence[str] = ()
    kontakt_name: str = ""
    kontakt_email: str = ""
    kontakt_telefon: str = ""


@dataclass
class _Geprueft:
    werte: dict[str, object]
    bereiche: list[Aufgabenbereich] = field(default_factory=list)
    themen: list[str] = field(default_factory=list)
    kommunen: list[Kommune] = field(default_factory=list)


def _pruefen(daten: Praxisdaten) -> _Geprueft:
    fehler: Fehler = {}
    werte: dict[str, object] = {
        "titel": pruefe_text(fehler, "titel", daten.titel, 200, "Bitte geben Sie einen Titel an."),
        "kurzfassung": pruefe_text(fehler, "kurzfassung", daten.kurzfassung, 500),
        "kontakt_name": pruefe_text(fehler, "kontakt_name", daten.kontakt_name, 200),
        "kontakt_email": pruefe_email(fehler, "kontakt_email", daten.kontakt_email),
        "kontakt_telefon": pruefe_text(fehler, "kontakt_telefon", daten.kontakt_telefon, 40),
        "dimensionen": pruefe_dimensionen(fehler, daten.dimensionen),
    }
    if len(daten.text or "") > 100_000:
        melde(fehler, "text", "Der Text ist zu lang (höchstens 100.000 Zeichen).")
    werte["text"] = richtext.bereinigen(daten.text or "")
    if daten.status not in Veroeffentlichung.values:
        melde(fehler, "status", "Bitte wählen Sie Entwurf, veröffentlicht oder archiviert.")
    werte["status"] = daten.status
    codes = list(dict.fromkeys(daten.aufgabenbereiche))
    bereiche = list(Aufgabenbereich.objects.filter(code__in=codes))
    unbekannt = set(codes) - {b.code for b in bereiche}
    if unbekannt:
        melde(fehler, "aufgabenbereiche", f"Unbekannte Aufgabenbereiche: {', '.join(sorted(unbekannt))}.")
    themen: dict[str, str] = {}
    for name in daten.themen:
        name = " ".join((name or "").split())
        if not name:
            continue
        if len(name) > 80:
            melde(fehler, "themen", f"Das Thema „{name[:30]}…“ ist zu lang (höchstens 80 Zeichen).")
        elif name_key(name):
            themen.setdefault(name_key(name), name)
    if len(themen) > 15:
        melde(fehler, "themen", "Höchstens 15 Themen je Praxisbeispiel.")
    ags = list(dict.fromkeys(a.strip() for a in daten.kommunen if a.strip()))
    kommunen = list(Kommune.objects.filter(ags__in=ags))
    fehlend = set(ags) - {k.ags for k in kommunen}
    if fehlend:
        melde(fehler, "kommunen", f"Nicht im Kommunenregister: {', '.join(sorted(fehlend))}.")
    wirf(fehler)
    return _Geprueft(werte, bereiche, list(themen.values()), kommunen)


def themen_zuordnen(namen: Sequence[str]) -> list[Thema]:
    """Topics by name; ``E-Akte`` and ``e akte`` are the same topic (the first spelling stays)."""
    ergebnis = []
    for name in namen:
        schluessel = name_key(name)[:80]
        thema = Thema.objects.filter(schluessel=schluessel).first()
        if thema is None:
            thema = Thema.objects.create(name=name[:80], schluessel=schluessel)
        ergebnis.append(thema)
    return ergebnis


def suchformen_von(beispiel: Praxisbeispiel) -> str:
    teile = [
        beispiel.titel,
        beispiel.kurzfassung,
        richtext.als_text(beispiel.text),
        " ".join(t.name for t in beispiel.themen.all()),
        " ".join(b.name for b in beispiel.aufgabenbereiche.all()),
        " ".join(k.name for k in beispiel.kommunen.all()),
    ]
    formen = dict.fromkeys(f for teil in teile for w in woerter(teil) if (f := suchform(w.group())))
    return " " + " ".join(formen) + " " if formen else ""


def _werte(beispiel: Praxisbeispiel) -> dict[str, object]:
    return {
        "titel": beispiel.titel,
        "status": beispiel.status,
        "kurzfassung": beispiel.kurzfassung,
        "text_laenge": len(beispiel.text),
        "themen": sorted(t.name for t in beispiel.themen.all()),
        "aufgabenbereiche": sorted(b.code for b in beispiel.aufgabenbereiche.all()),
        "kommunen": sorted(k.ags for k in beispiel.kommunen.all()),
    }


def _speichern(beispiel: Praxisbeispiel, geprueft: _Geprueft) -> None:
    for feld, wert in geprueft.werte.items():
        setattr(beispiel, feld, wert)
    if beispiel.status == Veroeffentlichung.VEROEFFENTLICHT and beispiel.veroeffentlicht_am is None:
        beispiel.veroeffentlicht_am = timezone.now()
    beispiel.save()
    beispiel.aufgabenbereiche.set(geprueft.bereiche)
    beispiel.themen.set(themen_zuordnen(geprueft.themen))
    beispiel.kommunen.set(geprueft.kommunen)
    beispiel.suchformen = suchformen_von(beispiel)
    beispiel.save(update_fields=["suchformen"])


@transaction.atomic
def praxisbeispiel_anlegen(daten: Praxisdaten) -> Praxisbeispiel:
    zugriff = netzwerk_zugriff()
    geprueft = _pruefen(daten)
    beispiel = Praxisbeispiel(organisation_id=zugriff.organisation_id)
    _speichern(beispiel, geprueft)
    protokolliere("praxisbeispiel.angelegt", objekt=beispiel, neu=_werte(beispiel))
    return beispiel


@transaction.atomic
def praxisbeispiel_aendern(beispiel: Praxisbeispiel, daten: Praxisdaten) -> Praxisbeispiel:
    netzwerk_zugriff()
    alt = _werte(beispiel)
    geprueft = _pruefen(daten)
    _speichern(beispiel, geprueft)
    protokolliere("praxisbeispiel.geaendert", objekt=beispiel, alt=alt, neu=_werte(beispiel))
    return beispiel


def daten_von(beispiel: Praxisbeispiel) -> Praxisdaten:
    return Praxisdaten(
        titel=beispiel.titel,
        kurzfassung=beispiel.kurzfassung,
        text=beispiel.text,
        status=beispiel.status,
        aufgabenbereiche=[b.code for b in beispiel.aufgabenbereiche.all()],
        themen=[t.name for t in beispiel.themen.all()],
        dimensionen=list(beispiel.dimensionen),
        kommunen=[k.ags for k in beispiel.kommunen.all()],
        kontakt_name=beispiel.kontakt_name,
        kontakt_email=beispiel.kontakt_email,
        kontakt_telefon=beispiel.kontakt_telefon,
    )


# --- search -----------------------------------------------------------------------------------


def suchbegriffe(anfrage: str) -> list[str]:
    return list(dict.fromkeys(f for w in woerter(anfrage or "") if (f := suchform(w.group()))))[:10]


def suchen(
    anfrage: str = "", bereich: str = "", thema: str = "", qs: QuerySet[Praxisbeispiel] | None = None
) -> list[Praxisbeispiel]:
    """Visible examples matching every query term, best first (title hits weigh most)."""
    qs = Praxisbeispiel.objects.all() if qs is None else qs
    if bereich:
        qs = qs.filter(aufgabenbereiche__code=bereich)
    if thema:
        qs = qs.filter(themen__schluessel=name_key(thema))
    begriffe = suchbegriffe(anfrage)
    for begriff in begriffe:
        qs = qs.filter(
            suchformen__contains=f" {begriff}" if len(begriff) >= MIN_PRAEFIXLAENGE else f" {begriff} "
        )
    treffer = list(qs.distinct().prefetch_related("themen", "aufgabenbereiche"))
    if not begriffe:
        return treffer

    def rang(beispiel: Praxisbeispiel) -> tuple[int, str]:
        titel = " " + " ".join(suchform(w.group()) for w in woerter(beispiel.titel)) + " "
        return (-sum(3 if f" {b}" in titel else 1 for b in begriffe), beispiel.titel.casefold())

    return sorted(treffer, key=rang)


# --- attachments ------------------------------------------------------------------------------


def _dateifehler(meldung: str) -> ValidationError:
    return ValidationError({"datei": [meldung]})


def anhang_max_bytes() -> int:
    return min(ANHANG_MAX_MB, settings.UPLOAD_MAX_MB) * 1024 * 1024


def _verwaist_entfernen(ablage: speicher.Ablage) -> None:
    """A rejected upload leaves no file behind — unless the same content is in use elsewhere."""
    from rathausnetz.akten.models import Datei

    if not ablage.neu:
        return
    if (
        Datei.objects.filter(sha256=ablage.sha256).exists()
        or Anhang._base_manager.filter(sha256=ablage.sha256).exists()
    ):
        return
    ablage.pfad.unlink(missing_ok=True)


@transaction.atomic
def anhang_hochladen(
    beispiel: Praxisbeispiel, quelle: BinaryIO, dateiname: str, beschreibung: str = ""
) -> Anhang:
    """Store an attachment once (content-addressed, never modified); type from the content."""
    netzwerk_zugriff()
    name = speicher.sicherer_dateiname(dateiname, ersatz="anhang")
    fehler: Fehler = {}
    beschreibung = pruefe_text(fehler, "beschreibung", beschreibung, 200)
    if Anhang._base_manager.filter(praxisbeispiel=beispiel).count() >= ANHAENGE_HOECHSTENS:
        melde(fehler, "datei", f"Ein Praxisbeispiel hat höchstens {ANHAENGE_HOECHSTENS} Anhänge.")
    wirf(fehler)
    grenze = anhang_max_bytes()
    try:
        ablage = speicher.ablegen(quelle, grenze)
    except ZuGross:
        raise _dateifehler(
            f"„{name}“ ist größer als {grenze // (1024 * 1024)} MB und wurde nicht angenommen."
        ) from None
    try:
        typ = speicher.erkennen(ablage.pfad, name)
        if typ.mime not in ANHANG_TYPEN:
            raise speicher.UnzulaessigeDatei(
                f"{typ.bezeichnung} ist als Anhang eines Praxisbeispiels nicht vorgesehen."
            )
    except speicher.UnzulaessigeDatei as grund:
        _verwaist_entfernen(ablage)
        raise _dateifehler(
            f"„{name}“ wurde nicht angenommen: {grund} Erlaubt sind PDF, PNG, JPEG, Word (DOCX), "
            "OpenDocument-Text (ODT), Text und Markdown."
        ) from None
    if "." not in name:
        name = f"{name}.{typ.endung}"
    anhang = Anhang.objects.create(
        praxisbeispiel=beispiel,
        sha256=ablage.sha256,
        groesse=ablage.groesse,
        mime_typ=typ.mime,
        dateiname=name,
        beschreibung=beschreibung,
        hochgeladen_von=handelnde_person(),
    )
    protokolliere(
        "anhang.hochgeladen",
        objekt=anhang,
        organisation_id=beispiel.organisation_id,
        neu={
            "praxisbeispiel": beispiel.titel,
            "datei": name,
            "sha256": anhang.sha256,
            "groesse": anhang.groesse,
        },
    )
    return anhang


@transaction.atomic
def anhang_entfernen(anhang: Anhang) -> None:
    """Unlink an attachment from its example. The original stays in the content-addressed store
    (the same content may belong to a record elsewhere); only the Aussonderung destroys originals."""
    netzwerk_zugriff()
    beispiel = anhang.praxisbeispiel
    protokolliere(
        "anhang.entfernt",
        objekt=anhang,
        organisation_id=beispiel.organisation_id,
        alt={"praxisbeispiel": beispiel.titel, "datei": anhang.dateiname, "sha256": anhang.sha256},
    )
    anhang.delete()


# --- deleting ---------------------------------------------------------------------------------


def praxisbeispiel_loeschbar(beispiel: Praxisbeispiel) -> str:
    """Why the example cannot be deleted; empty when it can."""
    from rathausnetz.netzwerk.models import Digitalisierungsprojekt

    projekte = Digitalisierungsprojekt._base_manager.filter(praxisbeispiele=beispiel).count()
    if projekte:
        return (
            f"Das Praxisbeispiel ist mit {projekte} Digitalisierungsprojekt{'en' if projekte > 1 else ''} "
            "von Kommunen verknüpft und kann deshalb nicht gelöscht werden. Archivieren Sie es "
            "stattdessen: Es bleibt dann lesbar, wird aber nicht mehr empfohlen."
        )
    return ""


@transaction.atomic
def praxisbeispiel_loeschen(beispiel: Praxisbeispiel) -> None:
    """Delete an example and the links to its attachments (the stored originals stay)."""
    netzwerk_zugriff()
    grund = praxisbeispiel_loeschbar(beispiel)
    if grund:
        raise ValidationError(grund)
    anhaenge = list(Anhang._base_manager.filter(praxisbeispiel=beispiel).values_list("dateiname", "sha256"))
    protokolliere(
        "praxisbeispiel.geloescht",
        objekt=beispiel,
        alt=_werte(beispiel),
        daten={"anhaenge": [{"datei": name, "sha256": sha} for name, sha in anhaenge]},
    )
    beispiel.delete()


@transaction.atomic
def praxisbeispiel_archivieren(beispiel: Praxisbeispiel) -> Praxisbeispiel:
    netzwerk_zugriff()
    if beispiel.status == Veroeffentlichung.ARCHIVIERT:
        raise ValidationError("Das Praxisbeispiel ist bereits archiviert.")
    alt = beispiel.status
    beispiel.status = Veroeffentlichung.ARCHIVIERT
    beispiel.save(update_fields=["status", "geaendert_am"])
    protokolliere(
        "praxisbeispiel.archiviert", objekt=beispiel, alt={"status": alt}, neu={"status": beispiel.status}
    )
    return beispiel
