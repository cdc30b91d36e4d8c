"""Aussonderung (XDOMEA 0501–0507): expired Akten are offered to the archive, appraised, handed over
or destroyed.

The cycle, one ``Aussonderungsverfahren`` per run:

1. ``anbieten``: the 0501 Anbieteverzeichnis lists the offered Akten with their metadata (structure
   down to the Dokumente, no files). Status ``angeboten``.
2. ``bewertung_empfangen``: the archive's 0502 Bewertungsverzeichnis says per Akte A (archivwürdig)
   or V (vernichten); we answer with 0505 if asked. Status ``bewertet``.
3. ``aussondern``: the 0503 package carries the A-Akten with all originals. Status ``ausgesondert``.
4. ``quittung_empfangen``: 0504/0507 are recorded; the 0506 says per Akte whether the archive took it
   over, with its Archivkennung.
5. ``vernichten``: Akten taken over (per 0506) and V-Akten are deleted with Vorgänge, Dokumente,
   versions and search rows. Their rows in the Verfahren remain: the Vernichtungsprotokoll.
   Status ``abgeschlossen`` once nothing is pending.

A Löschsperre (legal hold) keeps an Akte out of every step. Only who may administer the
organisation (Hauptamt: ``Recht.ORGANISATION_VERWALTEN``) runs the cycle, and every step is audited.
Löschsperre, deletion and the Vernichtungsprotokoll live in ``vernichtung`` and are re-exported
here, so that callers use one module for the whole cycle.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from lxml import etree

from rathausnetz import speicher
from rathausnetz.akten.models import Akte
from rathausnetz.akten.services.aussonderung import abgelaufene_akten
from rathausnetz.austausch import paket as paket_modul
from rathausnetz.austausch.models import Aussonderungsobjekt, Aussonderungsverfahren, Nachricht
from rathausnetz.austausch.schema import Befund, UngueltigeNachricht
from rathausnetz.austausch.services import eingaenge, kennung
from rathausnetz.austausch.services.abgabe import Empfang, Export, akte_laden
from rathausnetz.austausch.services.vernichtung import (
    PROTOKOLL_SPALTEN,
    Vernichtung,
    loeschsperre_aufheben,
    loeschsperre_setzen,
    protokoll_csv,
    protokoll_pdf,
    sperrmeldung,
    vernichten,
    vernichtungsprotokoll,
    verwaltung_pruefen,
    zu_vernichten,
)
from rathausnetz.austausch.xdomea import (
    Q,
    Schreiber,
    Stelle,
    X,
    dateiname_nachricht,
    kopf,
    kopf_lesen,
    nachrichtenname,
)
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff

__all__ = [
    "EINGEHEND",
    "PROTOKOLL_SPALTEN",
    "Anbietung",
    "Vernichtung",
    "anbieten",
    "annehmen",
    "aussondern",
    "bewertung_empfangen",
    "faellige_akten",
    "gesendete_nachricht",
    "gesperrte_akten",
    "loeschsperre_aufheben",
    "loeschsperre_setzen",
    "nachricht_lesen",
    "nachrichten",
    "protokoll_csv",
    "protokoll_pdf",
    "quittung_empfangen",
    "vernichten",
    "vernichtungsprotokoll",
    "zu_vernichten",
]

Objekt = Aussonderungsobjekt
Status = Aussonderungsverfahren.Status

#: rows that still wait for something in their Verfahren (the Akte is not free for a new one)
OFFENE_ERGEBNISSE = (Objekt.Ergebnis.OFFEN, Objekt.Ergebnis.UEBERGEBEN, Objekt.Ergebnis.UEBERNOMMEN)


def _wahr(text: str | None) -> bool:
    return (text or "").strip() in {"true", "1"}


# --- 1. Anbietung (0501) --------------------------------------------------------------------


def _in_laufendem_verfahren(organisation_id: int) -> QuerySet[Objekt]:
    return Objekt.objects.filter(
        organisation_id=organisation_id,
        akte__isnull=False,
        ergebnis__in=OFFENE_ERGEBNISSE,
    ).exclude(verfahren__status=Status.ABGESCHLOSSEN)


def faellige_akten(stichtag: dt.date | None = None) -> QuerySet[Akte]:
    """Expired Akten that can be offered now: no Löschsperre, not in a running Verfahren."""
    zugriff = verwaltung_pruefen()
    laufend = _in_laufendem_verfahren(zugriff.organisation_id).values("akte_id")
    return (
        abgelaufene_akten(stichtag)
        .filter(organisation_id=zugriff.organisation_id, loeschsperre=False)
        .exclude(pk__in=laufend)
        .select_related("aktenplaneintrag")
    )


def gesperrte_akten(stichtag: dt.date | None = None) -> QuerySet[Akte]:
    """Expired Akten held back by a Löschsperre: shown beside the due list, never offered."""
    zugriff = verwaltung_pruefen()
    return abgelaufene_akten(stichtag).filter(organisation_id=zugriff.organisation_id, loeschsperre=True)


@dataclass
class Anbietung:
    verfahren: Aussonderungsverfahren
    nachricht: Nachricht
    daten: bytes
    dateiname: str


def _ohne_dateien(element: etree._Element) -> etree._Element:
    """The 0501 carries no primary documents: the Version elements (with file names) go."""
    for version in list(element.iter(f"{Q}Version")):
        if etree.QName(version.getparent()).localname == "Dokument":
            version.getparent().remove(version)
    return element


def _akten_pruefen(akten_ids: Iterable[int], zugriff: Zugriff, stichtag: dt.date) -> list[Akte]:
    ids = sorted(set(akten_ids))
    akten = list(
        Akte.objects.filter(pk__in=ids, organisation_id=zugriff.organisation_id)
        .select_related("aktenplaneintrag", "organisationseinheit")
        .order_by("aktenzeichen")
    )
    fehler: list[str] = []
    gefunden = {a.pk for a in akten}
    fehler += [f"Die Akte Nr. {pk} gibt es in Ihrer Organisation nicht." for pk in ids if pk not in gefunden]
    laufend = set(_in_laufendem_verfahren(zugriff.organisation_id).values_list("akte_id", flat=True))
    for akte in akten:
        if akte.loeschsperre:
            fehler.append(sperrmeldung(akte))
        elif akte.status != Akte.Status.ABGESCHLOSSEN:
            fehler.append(f"Die Akte {akte.aktenzeichen} ist nicht geschlossen.")
        elif akte.aussonderungsdatum is None or akte.aussonderungsdatum >= stichtag:
            fehler.append(f"Die Aufbewahrungsfrist der Akte {akte.aktenzeichen} ist nicht abgelaufen.")
        elif akte.pk in laufend:
            fehler.append(
                f"Die Akte {akte.aktenzeichen} ist bereits in einem laufenden Aussonderungsverfahren."
            )
    if fehler:
        raise ValidationError(fehler)
    return akten


def anbieten(akten_ids: Iterable[int] | None, archiv: str, hinweis: str = "") -> Anbietung:
    """Offer Akten (or, with ``None``, all due ones) to the archive: a validated 0501 and the Verfahren."""
    zugriff = verwaltung_pruefen()
    archiv = (archiv or "").strip()
    if not archiv:
        raise ValidationError({"archiv": ["Bitte geben Sie das Archiv an, dem angeboten wird."]})
    stichtag = timezone.localdate()
    if akten_ids is None:
        akten_ids = list(faellige_akten(stichtag).values_list("pk", flat=True))
    akten = _akten_pruefen(akten_ids, zugriff, stichtag)
    if not akten:
        raise ValidationError("Es gibt keine Akte, die angeboten werden kann.")
    org = zugriff.organisation_id
    id_fuer = kennung.ids_fuer(org)
    schreiber = Schreiber(id_fuer)
    verfahren = Aussonderungsverfahren(organisation_id=org, archiv=archiv[:300], hinweis=hinweis)
    objekte = []
    for akte in akten:
        vorgaenge, dokumente = akte_laden(akte)
        objekte.append(_ohne_dateien(schreiber.akte(akte, vorgaenge, dokumente)))
    wurzel = X(
        nachrichtenname("0501"),
        kopf(
            "0501",
            verfahren.prozess_id,
            Stelle(kennung.stelle_name(org)),
            Stelle(archiv),
            X.Empfangsbestaetigung("1"),
            hinweis=hinweis,
        ),
        *[X.Schriftgutobjekt(o) for o in objekte],
    )
    daten = kennung.xml_bytes(wurzel)
    dateiname = dateiname_nachricht(verfahren.prozess_id, "0501")
    with transaction.atomic():
        # two offers of the same Akte at once: the second waits for the first and is then refused
        ids = [a.pk for a in akten]
        list(Akte._base_manager.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        laufend = set(_in_laufendem_verfahren(org).filter(akte_id__in=ids).values_list("akte_id", flat=True))
        if laufend:
            raise ValidationError(
                [
                    f"Die Akte {a.aktenzeichen} ist bereits in einem laufenden Aussonderungsverfahren."
                    for a in akten
                    if a.pk in laufend
                ]
            )
        verfahren.erstellt_von_id = zugriff.benutzer_id
        verfahren.erstellt_von_name = zugriff.benutzername[:150]
        verfahren.save()
        Objekt.objects.bulk_create(
            [
                Objekt(
                    organisation_id=org,
                    verfahren=verfahren,
                    akte=akte,
                    xdomea_id=id_fuer("akte", akte.pk),
                    aktenzeichen=akte.aktenzeichen,
                    titel=akte.titel,
                    aktenplan=str(akte.aktenplaneintrag)[:400],
                    eroeffnet_am=akte.eroeffnet_am,
                    geschlossen_am=akte.geschlossen_am,
                    aussonderungsdatum=akte.aussonderungsdatum,
                )
                for akte in akten
            ]
        )
        nachricht = kennung.gesendet(
            org, "0501", nachrichtenname("0501"), verfahren.prozess_id, daten, dateiname, archiv,
            zugriff.benutzer_id,
        )  # fmt: skip
        protokolliere(
            "aussonderung.angeboten",
            objekt=verfahren,
            daten={"prozess_id": str(verfahren.prozess_id), "archiv": archiv, "akten": len(akten)},
        )
        for akte in akten:
            protokolliere(
                "akte.zur_aussonderung_angeboten",
                objekt=akte,
                daten={"prozess_id": str(verfahren.prozess_id), "archiv": archiv},
            )
    return Anbietung(verfahren, nachricht, daten, dateiname)


def gesendete_nachricht(verfahren: Aussonderungsverfahren, typ: str) -> Nachricht | None:
    return (
        Nachricht.objects.filter(
            organisation_id=verfahren.organisation_id,
            prozess_id=verfahren.prozess_id,
            richtung=Nachricht.Richtung.AUSGANG,
            typ=typ,
        )
        .order_by("-erstellt_am", "-id")
        .first()
    )


def nachricht_lesen(nachricht: Nachricht) -> bytes:
    with speicher.oeffnen(nachricht.datei.sha256) as f:
        return f.read()


# --- receiving: 0502, 0504, 0506, 0507 --------------------------------------------------------


def _verfahren_zur_nachricht(
    paket: paket_modul.Paket, verfahren: Aussonderungsverfahren | None
) -> tuple[Aussonderungsverfahren, dict[str, str]]:
    """The Verfahren the message belongs to, by its ProzessID — our own organisation's only."""
    zugriff = verwaltung_pruefen()
    k = kopf_lesen(paket.wurzel)
    gefunden = Aussonderungsverfahren.objects.filter(
        organisation_id=zugriff.organisation_id, prozess_id=_uuid(k["prozess_id"])
    ).first()
    if gefunden is None or (verfahren is not None and gefunden.pk != verfahren.pk):
        wo = (
            "zu diesem Aussonderungsverfahren"
            if verfahren is not None
            else "zu keinem Aussonderungsverfahren"
        )
        raise UngueltigeNachricht(
            [Befund(0, "ProzessID", f"Die ProzessID {k['prozess_id']} gehört {wo} Ihrer Organisation.")],
            "Die Nachricht passt nicht zu Ihrer Aussonderung; es wurde nichts geändert.",
        )
    return gefunden, k


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _empfangen(
    verfahren: Aussonderungsverfahren,
    paket: paket_modul.Paket,
    k: dict[str, str],
    paketdatei,
    dateiname: str,
    bemerkung: str = "",
) -> Nachricht:
    zugriff = verwaltung_pruefen()
    return eingaenge.festhalten(
        zugriff,
        paket.typ,
        k,
        paketdatei,
        dateiname,
        organisation_id=verfahren.organisation_id,
        prozess_id=verfahren.prozess_id,
        status=Nachricht.Status.VERARBEITET,
        bemerkung=bemerkung,
        bezug=gesendete_nachricht(verfahren, "0503" if paket.typ in {"0506", "0507"} else "0501"),
    )


def _bewertungen_lesen(
    paket: paket_modul.Paket, objekte: dict[uuid.UUID, Objekt]
) -> tuple[dict[uuid.UUID, str], list[Befund]]:
    befunde: list[Befund] = []
    bewertungen: dict[uuid.UUID, str] = {}
    for element in paket.wurzel.iterfind(f"{Q}BewertetesObjekt"):
        zeile = element.sourceline or 0
        text = (element.findtext(f"{Q}ID") or "").strip()
        kennung_ = _uuid(text)
        if kennung_ is None or kennung_ not in objekte:
            befunde.append(
                Befund(
                    zeile,
                    "BewertetesObjekt/ID",
                    f"Das Objekt {text} wurde in diesem Verfahren nicht angeboten.",
                )
            )
            continue
        if kennung_ in bewertungen:
            befunde.append(Befund(zeile, "BewertetesObjekt/ID", f"Das Objekt {text} ist zweimal bewertet."))
            continue
        art_element = element.find(f"{Q}Aussonderungsart")
        code = (
            art_element.findtext(f"{Q}Aussonderungsart/code")
            or art_element.findtext(f"{Q}AussonderungsartKonfigurierbar")
            or ""
        ).strip()
        if code not in {"A", "V"}:
            befunde.append(
                Befund(
                    zeile,
                    "BewertetesObjekt/Aussonderungsart",
                    f"„{code}“ ist keine abschließende Bewertung für {objekte[kennung_].aktenzeichen}; "
                    "erwartet wird A (archivwürdig) oder V (vernichten).",
                )
            )
            continue
        bewertungen[kennung_] = code
    return bewertungen, befunde


def bewertung_empfangen(
    paket: paket_modul.Paket, paketdatei, dateiname: str, verfahren: Aussonderungsverfahren | None = None
) -> Empfang:
    """Import the archive's 0502: per offered Akte A or V. Any finding refuses the whole message."""
    verfahren, k = _verfahren_zur_nachricht(paket, verfahren)
    if verfahren.status not in {Status.ANGEBOTEN, Status.BEWERTET}:
        raise UngueltigeNachricht(
            [
                Befund(
                    0,
                    "Bewertungsverzeichnis",
                    f"Das Verfahren ist bereits {verfahren.get_status_display()}; "
                    "eine Bewertung kann nicht mehr angenommen werden.",
                )
            ],
            "Die Bewertung kommt zu spät; es wurde nichts geändert.",
        )
    objekte = {o.xdomea_id: o for o in verfahren.objekte.all()}
    bewertungen, befunde = _bewertungen_lesen(paket, objekte)
    if befunde:
        raise UngueltigeNachricht(
            befunde, "Das Bewertungsverzeichnis passt nicht zum Verfahren; es wurde nichts geändert."
        )
    with transaction.atomic():
        nachricht = _empfangen(verfahren, paket, k, paketdatei, dateiname)
        for kennung_, code in bewertungen.items():
            objekt = objekte[kennung_]
            objekt.bewertung = code
            objekt.save(update_fields=["bewertung"])
            if objekt.akte_id:
                protokolliere(
                    "akte.bewertet",
                    objekt=Akte._base_manager.get(pk=objekt.akte_id),
                    daten={"prozess_id": str(verfahren.prozess_id), "bewertung": code},
                )
        verfahren.status = Status.BEWERTET
        verfahren.bewertet_am = timezone.now()
        verfahren.save(update_fields=["status", "bewertet_am"])
        quittungen = []
        if _wahr(k["empfangsbestaetigung"]):
            quittungen.append(_quittung_senden(verfahren, "0505", k, nachricht))
        protokolliere(
            "aussonderung.bewertet",
            objekt=verfahren,
            daten={
                "prozess_id": str(verfahren.prozess_id),
                "archivieren": sum(1 for c in bewertungen.values() if c == "A"),
                "vernichten": sum(1 for c in bewertungen.values() if c == "V"),
                "offen": len(objekte) - len(bewertungen),
            },
        )
    offen = len(objekte) - len(bewertungen)
    meldung = (
        f"Die Bewertung ist übernommen: {sum(1 for c in bewertungen.values() if c == 'A')} archivwürdig, "
        f"{sum(1 for c in bewertungen.values() if c == 'V')} zu vernichten"
        + (f", {offen} ohne Bewertung (sie bleiben erhalten)." if offen else ".")
    )
    return Empfang("0502", k, nachricht=nachricht, quittungen=quittungen, meldung=meldung)


def _quittung_senden(
    verfahren: Aussonderungsverfahren, typ: str, k: dict[str, str], eingang: Nachricht
) -> Nachricht:
    wir = Stelle(kennung.stelle_name(verfahren.organisation_id))
    wurzel = X(
        nachrichtenname(typ), kopf(typ, verfahren.prozess_id, wir, Stelle(k["absender"] or verfahren.archiv))
    )
    daten = kennung.xml_bytes(wurzel)
    return kennung.gesendet(
        verfahren.organisation_id,
        typ,
        nachrichtenname(typ),
        verfahren.prozess_id,
        daten,
        dateiname_nachricht(verfahren.prozess_id, typ),
        verfahren.archiv,
        eingang.erstellt_von_id,
        bezug=eingang,
    )


def quittung_empfangen(
    paket: paket_modul.Paket, paketdatei, dateiname: str, verfahren: Aussonderungsverfahren | None = None
) -> Empfang:
    """0504 (Anbietung received), 0507 (Aussonderung received): recorded. 0506: per Akte whether the
    archive took it over, with its Archivkennung — the condition for deleting an A-Akte."""
    verfahren, k = _verfahren_zur_nachricht(paket, verfahren)
    if paket.typ == "0504":
        with transaction.atomic():
            nachricht = _empfangen(verfahren, paket, k, paketdatei, dateiname)
            protokolliere(
                "aussonderung.anbietung_bestaetigt", objekt=verfahren, daten={"prozess_id": k["prozess_id"]}
            )
        return Empfang(
            "0504", k, nachricht=nachricht, meldung="Das Archiv hat den Empfang der Anbietung bestätigt."
        )
    if verfahren.status not in {Status.AUSGESONDERT, Status.ABGESCHLOSSEN}:
        raise UngueltigeNachricht(
            [Befund(0, paket.typ, "Zu diesem Verfahren wurde noch keine Aussonderung (0503) erstellt.")],
            "Die Quittung kommt zu früh; es wurde nichts geändert.",
        )
    if paket.typ == "0507":
        with transaction.atomic():
            nachricht = _empfangen(verfahren, paket, k, paketdatei, dateiname)
            protokolliere(
                "aussonderung.aussonderung_empfangen", objekt=verfahren, daten={"prozess_id": k["prozess_id"]}
            )
        return Empfang(
            "0507", k, nachricht=nachricht, meldung="Das Archiv hat den Empfang der Aussonderung bestätigt."
        )
    return _import_bestaetigung(verfahren, paket, k, paketdatei, dateiname)


def _import_bestaetigung(
    verfahren: Aussonderungsverfahren, paket: paket_modul.Paket, k: dict[str, str], paketdatei, dateiname: str
) -> Empfang:
    uebergeben = {o.xdomea_id: o for o in verfahren.objekte.filter(bewertung=Objekt.Bewertung.ARCHIVIEREN)}
    befunde: list[Befund] = []
    ergebnisse: dict[uuid.UUID, tuple[bool, str, str]] = {}
    for element in paket.wurzel.iterfind(f"{Q}AusgesondertesSGO"):
        text = (element.findtext(f"{Q}IDSGO") or "").strip()
        kennung_ = _uuid(text)
        objekt = uebergeben.get(kennung_) if kennung_ else None
        if objekt is None or objekt.ergebnis == Objekt.Ergebnis.ZURUECKGESTELLT:
            befunde.append(
                Befund(
                    element.sourceline or 0,
                    "AusgesondertesSGO/IDSGO",
                    f"Das Objekt {text} wurde in diesem Verfahren nicht ausgesondert.",
                )
            )
            continue
        fehler = "; ".join(
            (t.text or "").strip() for t in element.findall(f"{Q}Fehlermeldung") if (t.text or "").strip()
        )
        ergebnisse[kennung_] = (
            _wahr(element.findtext(f"{Q}Erfolgreich")),
            (element.findtext(f"{Q}Archivkennung") or "").strip(),
            fehler,
        )
    if befunde:
        raise UngueltigeNachricht(
            befunde, "Die Importbestätigung passt nicht zum Verfahren; es wurde nichts geändert."
        )
    with transaction.atomic():
        nachricht = _empfangen(verfahren, paket, k, paketdatei, dateiname)
        for kennung_, (erfolgreich, archivkennung, fehler) in ergebnisse.items():
            objekt = uebergeben[kennung_]
            if objekt.ergebnis == Objekt.Ergebnis.VERNICHTET:
                continue  # already deleted after an earlier confirmation: the protocol stays as it is
            objekt.ergebnis = Objekt.Ergebnis.UEBERNOMMEN if erfolgreich else Objekt.Ergebnis.ABGELEHNT
            objekt.archivkennung = archivkennung[:300]
            objekt.meldung = "" if erfolgreich else (fehler or "Das Archiv hat keinen Grund angegeben.")
            objekt.save(update_fields=["ergebnis", "archivkennung", "meldung"])
            if objekt.akte_id:
                protokolliere(
                    "akte.vom_archiv_uebernommen" if erfolgreich else "akte.vom_archiv_abgelehnt",
                    objekt=Akte._base_manager.get(pk=objekt.akte_id),
                    daten={
                        "prozess_id": str(verfahren.prozess_id),
                        "archivkennung": archivkennung,
                        "fehler": fehler,
                    },
                )
        protokolliere(
            "aussonderung.import_bestaetigt",
            objekt=verfahren,
            daten={
                "prozess_id": str(verfahren.prozess_id),
                "uebernommen": sum(1 for e in ergebnisse.values() if e[0]),
                "abgelehnt": sum(1 for e in ergebnisse.values() if not e[0]),
            },
        )
    abgelehnt = [uebergeben[i].aktenzeichen for i, e in ergebnisse.items() if not e[0]]
    meldung = f"Das Archiv hat {sum(1 for e in ergebnisse.values() if e[0])} Akte(n) übernommen."
    if abgelehnt:
        meldung += " Nicht übernommen (bleiben erhalten): " + ", ".join(abgelehnt) + "."
    return Empfang("0506", k, nachricht=nachricht, meldung=meldung)


# --- 3. Aussonderung (0503) -----------------------------------------------------------------


def aussondern(verfahren: Aussonderungsverfahren) -> Export:
    """The 0503 package of the A-Akten with all originals; Akten under Löschsperre stay behind."""
    zugriff = verwaltung_pruefen()
    verfahren.refresh_from_db()
    if verfahren.status not in {Status.BEWERTET, Status.AUSGESONDERT}:
        raise ValidationError(
            "Eine Aussonderung ist erst nach der Bewertung möglich "
            f"(Status: {verfahren.get_status_display()})."
        )
    if Nachricht.objects.filter(
        organisation_id=verfahren.organisation_id, prozess_id=verfahren.prozess_id, typ="0506"
    ).exists():
        raise ValidationError(
            "Das Archiv hat den Import bereits bestätigt; die Aussonderung ist abgeschlossen."
        )
    objekte = list(
        verfahren.objekte.filter(bewertung=Objekt.Bewertung.ARCHIVIEREN, akte__isnull=False).select_related(
            "akte"
        )
    )
    zurueck = [o for o in objekte if Akte._base_manager.filter(pk=o.akte_id, loeschsperre=True).exists()]
    senden = [o for o in objekte if o not in zurueck]
    if not senden:
        raise ValidationError("Keine Akte ist zum Archivieren bewertet (oder alle stehen unter Löschsperre).")
    org = verfahren.organisation_id
    schreiber = Schreiber(kennung.ids_fuer(org))
    elemente = []
    for objekt in senden:
        akte = Akte.objects.select_related("aktenplaneintrag", "organisationseinheit").get(pk=objekt.akte_id)
        vorgaenge, dokumente = akte_laden(akte)
        elemente.append(X.Schriftgutobjekt(schreiber.akte(akte, vorgaenge, dokumente)))
    wurzel = X(
        nachrichtenname("0503"),
        kopf(
            "0503",
            verfahren.prozess_id,
            Stelle(kennung.stelle_name(org)),
            Stelle(verfahren.archiv),
            X.Importbestaetigung("1"),
            X.RueckmeldungArchivkennung("1"),
            X.Empfangsbestaetigung("1"),
        ),
        *elemente,
    )
    daten = kennung.xml_bytes(wurzel)
    xml_name = dateiname_nachricht(verfahren.prozess_id, "0503")
    with transaction.atomic():
        nachricht = kennung.gesendet(
            org, "0503", nachrichtenname("0503"), verfahren.prozess_id, daten, xml_name, verfahren.archiv,
            zugriff.benutzer_id, bezug=gesendete_nachricht(verfahren, "0501"),
        )  # fmt: skip
        for objekt in senden:
            objekt.ergebnis = Objekt.Ergebnis.UEBERGEBEN
            objekt.save(update_fields=["ergebnis"])
            protokolliere(
                "akte.ausgesondert",
                objekt=objekt.akte,
                daten={"prozess_id": str(verfahren.prozess_id), "archiv": verfahren.archiv},
            )
        for objekt in zurueck:
            objekt.ergebnis = Objekt.Ergebnis.ZURUECKGESTELLT
            objekt.meldung = sperrmeldung(objekt.akte)
            objekt.save(update_fields=["ergebnis", "meldung"])
        verfahren.status = Status.AUSGESONDERT
        verfahren.ausgesondert_am = timezone.now()
        verfahren.save(update_fields=["status", "ausgesondert_am"])
        protokolliere(
            "aussonderung.ausgesondert",
            objekt=verfahren,
            daten={
                "prozess_id": str(verfahren.prozess_id),
                "akten": len(senden),
                "zurueckgestellt": [o.aktenzeichen for o in zurueck],
            },
        )
    return Export(
        paket_modul.schreiben(daten, xml_name, schreiber.dateien),
        dateiname_nachricht(verfahren.prozess_id, "0503", "zip"),
        nachricht,
    )


# --- receiving from outside (API, pages, command line) -----------------------------------------

EINGEHEND = ("0502", "0504", "0506", "0507")


def annehmen(
    quelle, dateiname: str, verfahren: Aussonderungsverfahren | None = None, typen: Iterable[str] = EINGEHEND
) -> Empfang:
    """Store a received message (never lost, even when refused), validate it and process it.

    ``typen`` narrows what this entry point takes (the Bewertung upload takes only a 0502).
    """
    from rathausnetz.akten.models import Datei
    from rathausnetz.akten.services.dokumente import original_ablegen
    from rathausnetz.austausch.services import empfang as empfang_dienst

    verwaltung_pruefen()
    ablage = original_ablegen(quelle, dateiname)
    pfad = speicher.original_pfad(ablage.sha256)
    paket = empfang_dienst.oeffnen(pfad)
    typen = tuple(typen)
    if paket.typ not in typen:
        erwartet = ", ".join(nachrichtenname(t) for t in typen)
        raise UngueltigeNachricht(
            [Befund(0, paket.typ, f"Erwartet wird {erwartet}; erhalten: {nachrichtenname(paket.typ)}.")],
            "Diese Nachricht gehört nicht hierher; es wurde nichts geändert.",
        )
    mime = "application/zip" if paket_modul.ist_zip(pfad) else "application/xml"
    datei, _ = Datei.objects.get_or_create(
        sha256=ablage.sha256, defaults={"groesse": ablage.groesse, "mime_typ": mime}
    )
    handler = bewertung_empfangen if paket.typ == "0502" else quittung_empfangen
    return handler(paket, datei, dateiname, verfahren=verfahren)


def nachrichten(verfahren: Aussonderungsverfahren) -> QuerySet[Nachricht]:
    """Every message of the Verfahren, sent and received, oldest first."""
    return Nachricht.objects.filter(
        organisation_id=verfahren.organisation_id, prozess_id=verfahren.prozess_id
    ).order_by("erstellt_am", "id")
