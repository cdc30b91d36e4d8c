"""Abgabe (XDOMEA 0401 with receipts 0402/0403): an Akte moves to another authority.

Export: the Akte with its Vorgänge, Dokumente, all versions' originals and metadata as a validated
0401 package. Import: a validated 0401 becomes new Akten under the receiver's Aktenplan (entries
matched by Kennzeichen or chosen), each with a new Aktenzeichen; the sender's Aktenzeichen stays as
``fremdes_aktenzeichen``. All or nothing: one transaction; an original once stored is never removed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from rathausnetz.akten.models import Akte, Aktenplaneintrag, Dokument, Dokumenttyp, Dokumentversion, Vorgang
from rathausnetz.akten.services import akten as akten_dienst
from rathausnetz.akten.services import dokumente as dokument_dienst
from rathausnetz.akten.services import vorgaenge as vorgang_dienst
from rathausnetz.austausch import paket as paket_modul
from rathausnetz.austausch.models import Fremdobjekt, Nachricht
from rathausnetz.austausch.schema import Befund, UngueltigeNachricht
from rathausnetz.austausch.services import eingaenge, kennung
from rathausnetz.austausch.xdomea import (
    FremdAkte,
    Schreiber,
    Stelle,
    X,
    dateiname_nachricht,
    kopf,
    kopf_lesen,
    nachrichtenname,
    schriftgutobjekte,
    wahr,
)
from rathausnetz.kommunen.models import Organisation
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht
from rathausnetz.zugang.sichtbarkeit import darf_akte_bearbeiten


@dataclass
class Export:
    datei: IO[bytes]
    dateiname: str
    nachricht: Nachricht


def akte_laden(akte: Akte) -> tuple[list[Vorgang], dict[int, list[Dokument]]]:
    """Vorgänge and Dokumente of an Akte, all of them — or refuse if some are hidden from the user.

    A file handed over must be complete; who may not see a confidential document cannot send it.
    """
    vorgaenge = list(Vorgang._base_manager.filter(akte=akte).order_by("erstellt_am", "id"))
    alle = Dokument._base_manager.filter(vorgang__akte=akte)
    sichtbar = Dokument.objects.filter(vorgang__akte=akte)
    if alle.count() != sichtbar.count():
        raise PermissionDenied(
            "Die Akte enthält Dokumente, die Sie nicht sehen dürfen. Die Abgabe muss eine Person auslösen, "
            "die alle Dokumente sehen darf."
        )
    dokumente: dict[int, list[Dokument]] = {}
    for dokument in (
        alle.select_related("dokumenttyp")
        .prefetch_related(
            Prefetch(
                "versionen", queryset=Dokumentversion._base_manager.select_related("datei").order_by("nummer")
            )
        )
        .order_by("erstellt_am", "id")
    ):
        dokumente.setdefault(dokument.vorgang_id, []).append(dokument)
    return vorgaenge, dokumente


def akte_exportieren(akte: Akte, empfaenger: str = "", hinweis: str = "") -> Export:
    """The 0401 package of a visible Akte, validated, and a record of the message sent."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if not darf_akte_bearbeiten(zugriff, akte):
        raise PermissionDenied("Diese Akte ist für Ihre Organisation nur lesbar freigegeben.")
    empfaenger = (empfaenger or "").strip() or "Empfänger (nicht angegeben)"
    vorgaenge, dokumente = akte_laden(akte)
    schreiber = Schreiber(kennung.ids_fuer(akte.organisation_id))
    prozess_id = uuid.uuid4()
    absender = Stelle(kennung.stelle_name(akte.organisation_id))
    wurzel = X(
        nachrichtenname("0401"),
        kopf(
            "0401",
            prozess_id,
            absender,
            Stelle(empfaenger),
            X.Importbestaetigung("1"),
            X.Empfangsbestaetigung("1"),
            hinweis=hinweis,
        ),
        X.Schriftgutobjekt(schreiber.akte(akte, vorgaenge, dokumente)),
    )
    daten = kennung.xml_bytes(wurzel)
    xml_name = dateiname_nachricht(prozess_id, "0401")
    with transaction.atomic():
        nachricht = kennung.gesendet(
            akte.organisation_id,
            "0401",
            nachrichtenname("0401"),
            prozess_id,
            daten,
            xml_name,
            empfaenger,
            zugriff.benutzer_id,
            akte=akte,
        )
        protokolliere(
            "xdomea.abgabe_erstellt",
            objekt=akte,
            daten={
                "prozess_id": str(prozess_id),
                "empfaenger": empfaenger,
                "dokumente": sum(map(len, dokumente.values())),
            },
        )
    return Export(
        paket_modul.schreiben(daten, xml_name, schreiber.dateien),
        dateiname_nachricht(prozess_id, "0401", "zip"),
        nachricht,
    )


# --- import ---------------------------------------------------------------------------------


@dataclass
class Zuordnung:
    """Where each received Akte goes: its Aktenplaneintrag here (or a finding why none)."""

    fremd: FremdAkte
    eintrag: Aktenplaneintrag | None


@dataclass
class Empfang:
    """The outcome of reading (and perhaps importing) a message."""

    typ: str
    kopf: dict[str, str]
    nachricht: Nachricht | None = None
    zuordnungen: list[Zuordnung] = field(default_factory=list)
    akten: list[Akte] = field(default_factory=list)
    quittungen: list[Nachricht] = field(default_factory=list)
    meldung: str = ""
    abgleich: object | None = None  # 0301: the comparison with the receiver's file plan


def zuordnen(
    fremde: list[FremdAkte],
    organisation_id: int,
    eintraege: dict[str, Aktenplaneintrag],
    standard: Aktenplaneintrag | None,
) -> list[Zuordnung]:
    """Chosen entry per Akte, else the active entry with the same Kennzeichen, else ``standard``."""
    gleiche = {
        e.kennzeichen: e
        for e in Aktenplaneintrag.objects.filter(
            organisation_id=organisation_id,
            aktiv=True,
            kennzeichen__in=[f.aktenplan_kennzeichen for f in fremde],
        )
    }
    return [
        Zuordnung(f, eintraege.get(f.xdomea_id) or gleiche.get(f.aktenplan_kennzeichen) or standard)
        for f in fremde
    ]


def _fehlende_dateien(paket: paket_modul.Paket, fremde: list[FremdAkte]) -> list[Befund]:
    befunde = []
    for akte in fremde:
        for vorgang in akte.vorgaenge:
            for dokument in vorgang.dokumente:
                for version in dokument.versionen:
                    if not paket.hat(version.dateiname):
                        befunde.append(
                            Befund(
                                0,
                                "Primaerdokument",
                                f"Die Datei „{version.dateiname}“ zu „{dokument.betreff}“ fehlt im Paket.",
                            )
                        )
    return befunde


def schon_importiert(prozess_id: str) -> Nachricht | None:
    """The earlier import of the same Abgabe, if any (same ProzessID, same receiving organisation)."""
    return Nachricht.objects.filter(
        richtung=Nachricht.Richtung.EINGANG, typ="0401", prozess_id=prozess_id
    ).first()


def _doppelt(frueher: Nachricht) -> UngueltigeNachricht:
    akte = f" als {frueher.akte.aktenzeichen}" if frueher.akte_id and frueher.akte else ""
    return UngueltigeNachricht(
        [
            Befund(
                0,
                "ProzessID",
                f"Diese Abgabe (ProzessID {frueher.prozess_id}) wurde am "
                f"{timezone.localtime(frueher.erstellt_am):%d.%m.%Y um %H:%M} bereits übernommen{akte}.",
            )
        ],
        "Die Abgabe wurde bereits übernommen; es wurde nichts doppelt angelegt.",
    )


def pruefen(paket: paket_modul.Paket) -> list[FremdAkte]:
    """The Akten of a (schema-valid) 0401 package; refuses a second import and missing files."""
    frueher = schon_importiert(kopf_lesen(paket.wurzel)["prozess_id"])
    if frueher is not None:
        raise _doppelt(frueher)
    fremde = schriftgutobjekte(paket.wurzel)
    befunde = _fehlende_dateien(paket, fremde)
    if befunde:
        raise UngueltigeNachricht(befunde, "Das Paket ist unvollständig.")
    return fremde


def _dokumenttyp(organisation_id: int, name: str) -> Dokumenttyp | None:
    if not name:
        return None
    typ = Dokumenttyp.objects.filter(organisation_id=organisation_id, name__iexact=name).first()
    if typ is None:
        typ = Dokumenttyp.objects.create(organisation_id=organisation_id, name=name[:80])
    return typ


def _dokument(vorgang: Vorgang, fremd, paket: paket_modul.Paket) -> Dokument:
    felder = {
        "betreff": fremd.betreff[:300],
        "dokumentdatum": fremd.dokumentdatum,
        "eingangsdatum": fremd.eingangsdatum,
        "richtung": fremd.richtung,
        "absender": fremd.absender,
        "empfaenger": fremd.empfaenger,
        "dokumenttyp": _dokumenttyp(vorgang.organisation_id, fremd.typ),
        "vertraulichkeit": fremd.vertraulichkeit,
    }
    if not fremd.versionen:  # paper: the record without a file
        dokument = Dokument(organisation_id=vorgang.organisation_id, vorgang=vorgang, **felder)
        dokument.full_clean()
        dokument.save()
        protokolliere(
            "dokument.angelegt", objekt=dokument, neu={"betreff": dokument.betreff, "ohne_datei": True}
        )
        return dokument
    erste, *weitere = fremd.versionen
    try:
        with paket.oeffnen(erste.dateiname) as quelle:
            dokument = dokument_dienst.dokument_hochladen(
                vorgang, quelle, erste.dateiname_original or erste.dateiname, **felder
            )
        for version in weitere:
            with paket.oeffnen(version.dateiname) as quelle:
                dokument_dienst.version_hinzufuegen(
                    dokument, quelle, version.dateiname_original or version.dateiname
                )
    except ValidationError as fehler:
        raise UngueltigeNachricht(
            [Befund(0, "Primaerdokument", f"„{fremd.betreff}“: {m}") for m in fehler.messages],
            "Ein Dokument des Pakets wurde nicht angenommen; es wurde nichts übernommen.",
        ) from None
    return dokument


def importieren(
    paket: paket_modul.Paket, paketdatei, dateiname: str, zuordnungen: list[Zuordnung]
) -> Empfang:
    """File every Akte of a checked 0401 package; all or nothing."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    ohne = [z.fremd for z in zuordnungen if z.eintrag is None]
    if ohne:
        raise ValidationError(
            {
                "aktenplaneintrag": [
                    f"Für „{f.titel}“ (Aktenplan der abgebenden Stelle: {f.aktenplan_kennzeichen or 'ohne'}) "
                    "ist kein Aktenplaneintrag gewählt; Ihr Aktenplan hat keinen mit gleichem Kennzeichen."
                    for f in ohne
                ]
            }
        )
    k = kopf_lesen(paket.wurzel)
    empfang = Empfang("0401", k)
    with transaction.atomic():
        # one import per Abgabe and receiver, also when two clerks confirm the same package at once
        Organisation.objects.select_for_update().filter(pk=zugriff.organisation_id).first()
        frueher = schon_importiert(k["prozess_id"])
        if frueher is not None:
            raise _doppelt(frueher)
        nachricht = eingaenge.festhalten(
            zugriff, "0401", k, paketdatei, dateiname, status=Nachricht.Status.IMPORTIERT
        )
        for zuordnung in zuordnungen:
            akte = _akte(zuordnung, paket, nachricht)
            empfang.akten.append(akte)
        nachricht.akte = empfang.akten[0] if empfang.akten else None
        nachricht.save(update_fields=["akte"])
        empfang.nachricht = nachricht
        empfang.quittungen = _quittungen(nachricht, k, [z.fremd for z in zuordnungen])
    return empfang


def _objekt(nachricht: Nachricht, xdomea_id: str, art: str, objekt_id: int, kennzeichen: str = "") -> None:
    try:
        wert = uuid.UUID(xdomea_id)
    except ValueError:
        return
    Fremdobjekt.objects.create(
        organisation_id=nachricht.organisation_id,
        nachricht=nachricht,
        xdomea_id=wert,
        art=art,
        objekt_id=objekt_id,
        kennzeichen=kennzeichen[:300],
    )


def _akte(zuordnung: Zuordnung, paket: paket_modul.Paket, nachricht: Nachricht) -> Akte:
    fremd, eintrag = zuordnung.fremd, zuordnung.eintrag
    akte = akten_dienst.akte_anlegen(
        eintrag, fremd.titel, beschreibung=fremd.beschreibung, vertraulichkeit=fremd.vertraulichkeit
    )
    # the Laufzeit is the file's history; the Aktenzeichen (year of the import) is ours
    akte.fremdes_aktenzeichen = fremd.kennzeichen
    if fremd.eroeffnet_am and fremd.eroeffnet_am < akte.eroeffnet_am:
        akte.eroeffnet_am = fremd.eroeffnet_am
    akte.save(update_fields=["fremdes_aktenzeichen", "eroeffnet_am"])
    _objekt(nachricht, fremd.xdomea_id, Fremdobjekt.Art.AKTE, akte.pk, fremd.kennzeichen)
    for fv in fremd.vorgaenge:
        vorgang = vorgang_dienst.vorgang_anlegen(akte, fv.betreff, frist=fv.frist)
        _objekt(nachricht, fv.xdomea_id, Fremdobjekt.Art.VORGANG, vorgang.pk)
        for fd in fv.dokumente:
            dokument = _dokument(vorgang, fd, paket)
            _objekt(nachricht, fd.xdomea_id, Fremdobjekt.Art.DOKUMENT, dokument.pk)
        if fv.status == Vorgang.Status.RUHEND:
            vorgang_dienst.vorgang_aendern(vorgang, status=Vorgang.Status.RUHEND)
        elif fv.zda:
            vorgang_dienst.vorgang_zda(vorgang, am=fv.zda_am)
    if fremd.zda:
        for vorgang in Vorgang.objects.filter(akte=akte).exclude(status=Vorgang.Status.ZDA):
            vorgang_dienst.vorgang_zda(vorgang, am=fremd.geschlossen_am)
        akten_dienst.akte_schliessen(
            akte, geschlossen_am=max(fremd.geschlossen_am or timezone.localdate(), akte.eroeffnet_am)
        )
    protokolliere(
        "xdomea.abgabe_importiert",
        objekt=akte,
        daten={
            "prozess_id": str(nachricht.prozess_id),
            "absender": nachricht.partner,
            "fremdes_aktenzeichen": fremd.kennzeichen,
        },
    )
    return akte


def _quittungen(eingang: Nachricht, k: dict[str, str], fremde: list[FremdAkte]) -> list[Nachricht]:
    """0402 (import confirmed, per object) and 0403 (received), when the sender asked for them."""
    ergebnis = []
    prozess_id = uuid.UUID(k["prozess_id"])
    wir = Stelle(kennung.stelle_name(eingang.organisation_id))
    sender = Stelle(k["absender"] or "Absender")
    if k["importbestaetigung"] in {"true", "1"}:
        wurzel = X(
            nachrichtenname("0402"),
            kopf("0402", prozess_id, wir, sender),
            *[X.AbgegebenesObjekt(X.IDSGO(f.xdomea_id), X.Erfolgreich(wahr(True))) for f in fremde],
        )
        ergebnis.append(_quittung("0402", wurzel, eingang))
    if k["empfangsbestaetigung"] in {"true", "1"}:
        ergebnis.append(
            _quittung("0403", X(nachrichtenname("0403"), kopf("0403", prozess_id, wir, sender)), eingang)
        )
    return ergebnis


def _quittung(typ: str, wurzel, eingang: Nachricht) -> Nachricht:
    daten = kennung.xml_bytes(wurzel)
    return kennung.gesendet(
        eingang.organisation_id,
        typ,
        nachrichtenname(typ),
        eingang.prozess_id,
        daten,
        dateiname_nachricht(eingang.prozess_id, typ),
        eingang.partner,
        eingang.erstellt_von_id,
        akte=eingang.akte,
        bezug=eingang,
    )


def quittung_empfangen(paket: paket_modul.Paket, paketdatei, dateiname: str) -> Empfang:
    """A 0402/0403 for an Abgabe we sent: the Abgabe is marked confirmed (or refused)."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    k = kopf_lesen(paket.wurzel)
    abgabe = Nachricht.objects.filter(
        organisation_id=zugriff.organisation_id,
        richtung=Nachricht.Richtung.AUSGANG,
        typ="0401",
        prozess_id=k["prozess_id"],
    ).first()
    if abgabe is None:
        raise UngueltigeNachricht(
            [
                Befund(
                    0,
                    "ProzessID",
                    f"Zu dieser ProzessID ({k['prozess_id']}) gibt es keine Abgabe Ihrer Organisation.",
                )
            ],
            "Die Quittung passt zu keiner Abgabe.",
        )
    fehler: list[str] = []
    if paket.typ == "0402":
        for objekt in paket.wurzel.iterfind("{*}AbgegebenesObjekt"):
            if (objekt.findtext("{*}Erfolgreich") or "").strip() not in {"true", "1"}:
                texte = [(e.text or "").strip() for e in objekt.findall("{*}Fehlermeldung")]
                fehler += [t for t in texte if t] or ["ohne Begründung"]
    with transaction.atomic():
        nachricht = eingaenge.festhalten(
            zugriff,
            paket.typ,
            k,
            paketdatei,
            dateiname,
            akte=abgabe.akte,
            status=Nachricht.Status.VERARBEITET,
            bemerkung="; ".join(fehler),
            bezug=abgabe,
        )
        if paket.typ == "0402":
            abgabe.status = Nachricht.Status.ABGELEHNT if fehler else Nachricht.Status.BESTAETIGT
            abgabe.bemerkung = "; ".join(fehler)
            abgabe.save(update_fields=["status", "bemerkung"])
        if abgabe.akte_id:
            protokolliere(
                "xdomea.quittung_erhalten",
                objekt=Akte._base_manager.get(pk=abgabe.akte_id),
                daten={"typ": paket.typ, "prozess_id": k["prozess_id"], "fehler": fehler},
            )
    return Empfang(
        paket.typ,
        k,
        nachricht=nachricht,
        meldung="Die Abgabe wurde vom Empfänger bestätigt."
        if not fehler
        else "Der Empfänger hat die Übernahme abgelehnt: " + "; ".join(fehler),
    )
