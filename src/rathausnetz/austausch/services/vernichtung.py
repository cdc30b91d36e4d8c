"""Löschsperre and the last step of the Aussonderung: deletion, and the Vernichtungsprotokoll that stays.

Deleted are the Akten the archive took over (per 0506) and those appraised V, with their Vorgänge,
Dokumente, versions, Wiedervorlagen, shares and search rows (foreign keys cascade), the
Posteingang items filed into them, and the Verfügungen routed inside them (``geschaeftsgang``
removes those; they refuse to go one by one).
Each Akte's row in the Verfahren is kept: Aktenzeichen, Titel, Laufzeit, Aussonderungsart,
Archivkennung, who and when.
The originals of the deleted versions are marked in the same transaction and removed from the
content store by a background task, unless another record holds the same content
(``akten.services.originale``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.db.models import Q as Q_
from django.utils import timezone

from rathausnetz.akten.models import Akte, Dokument, Dokumentversion, Vorgang
from rathausnetz.akten.services import originale
from rathausnetz.austausch.models import Aussonderungsobjekt, Aussonderungsverfahren
from rathausnetz.eingang.models import Eingang
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

Objekt = Aussonderungsobjekt
Status = Aussonderungsverfahren.Status


def verwaltung_pruefen() -> Zugriff:
    """Records management: the Hauptamt, who may administer the organisation."""
    return pruefe_recht(Recht.ORGANISATION_VERWALTEN)


def sperrmeldung(akte: Akte) -> str:
    grund = f" (Grund: {akte.loeschsperre_grund})" if akte.loeschsperre_grund else ""
    return f"Die Akte {akte.aktenzeichen} steht unter Löschsperre{grund} und darf nicht ausgesondert werden."


# --- Löschsperre ----------------------------------------------------------------------------


def loeschsperre_setzen(akte: Akte, grund: str) -> Akte:
    """Put a legal hold on an Akte: who may edit it may do so, with a reason."""
    from rathausnetz.zugang.sichtbarkeit import darf_akte_bearbeiten

    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if akte.organisation_id != zugriff.organisation_id or not darf_akte_bearbeiten(zugriff, akte):
        raise PermissionDenied("Eine Löschsperre kann nur die Organisation setzen, der die Akte gehört.")
    grund = (grund or "").strip()
    if not grund:
        raise ValidationError({"grund": ["Bitte geben Sie den Grund der Löschsperre an."]})
    alt = {"loeschsperre": akte.loeschsperre, "loeschsperre_grund": akte.loeschsperre_grund}
    with transaction.atomic():
        akte.loeschsperre, akte.loeschsperre_grund = True, grund[:300]
        akte.save(update_fields=["loeschsperre", "loeschsperre_grund"])
        protokolliere(
            "akte.loeschsperre_gesetzt",
            objekt=akte,
            alt=alt,
            neu={"loeschsperre": True, "loeschsperre_grund": akte.loeschsperre_grund},
        )
    return akte


def loeschsperre_aufheben(akte: Akte, grund: str) -> Akte:
    """Lift a legal hold: only records management (it re-opens the way to destruction)."""
    verwaltung_pruefen()
    grund = (grund or "").strip()
    if not grund:
        raise ValidationError({"grund": ["Bitte geben Sie an, warum die Löschsperre aufgehoben wird."]})
    alt = {"loeschsperre": akte.loeschsperre, "loeschsperre_grund": akte.loeschsperre_grund}
    with transaction.atomic():
        akte.loeschsperre, akte.loeschsperre_grund = False, ""
        akte.save(update_fields=["loeschsperre", "loeschsperre_grund"])
        protokolliere(
            "akte.loeschsperre_aufgehoben",
            objekt=akte,
            alt=alt,
            neu={"loeschsperre": False},
            daten={"begruendung": grund[:300]},
        )
    return akte


# --- 5. Vernichtung ---------------------------------------------------------------------------


@dataclass
class Vernichtung:
    geloescht: list[Objekt]
    zurueckgestellt: list[Objekt]
    ausstehend: list[Objekt]

    @property
    def meldung(self) -> str:
        teile = [f"{len(self.geloescht)} Akte(n) gelöscht; das Vernichtungsprotokoll ist angelegt."]
        if self.zurueckgestellt:
            teile.append(
                "Wegen Löschsperre nicht gelöscht: "
                + ", ".join(o.aktenzeichen for o in self.zurueckgestellt)
                + "."
            )
        if self.ausstehend:
            teile.append(
                "Noch ohne Importbestätigung des Archivs (0506), daher erhalten: "
                + ", ".join(o.aktenzeichen for o in self.ausstehend)
                + "."
            )
        return " ".join(teile)


def zu_vernichten(verfahren: Aussonderungsverfahren) -> QuerySet[Objekt]:
    """Rows whose Akte may go: taken over by the archive (0506), or appraised V."""
    return verfahren.objekte.filter(akte__isnull=False).filter(
        Q_(ergebnis=Objekt.Ergebnis.UEBERNOMMEN)
        | Q_(ergebnis=Objekt.Ergebnis.OFFEN, bewertung=Objekt.Bewertung.VERNICHTEN)
    )


def _routen_loeschen(akte_id: int) -> None:
    """The Verfügungen routed inside the Akte go with it; ``geschaeftsgang`` knows how.

    Imported late and optionally: where ``geschaeftsgang`` has no disposal support yet, its
    protecting keys refuse the deletion and the clerk gets the message from ``_akte_loeschen``.
    """
    try:
        from rathausnetz.geschaeftsgang.services.aussonderung import mit_akte_vernichten
    except ImportError:
        return
    mit_akte_vernichten(akte_id)


def _eingaenge_loeschen(akte: Akte) -> list[str]:
    """The Posteingang items filed into the Akte's documents go too: they hold the same original
    and its recognised text. A split scan or a mail goes when none of its parts is left.
    Returns the content (SHA-256) they held."""
    eingaenge = Eingang._base_manager.filter(dokument__vorgang__akte=akte)
    eltern = set(eingaenge.exclude(eltern=None).values_list("eltern_id", flat=True))
    inhalte = list(eingaenge.values_list("datei_id", flat=True))
    eingaenge.delete()
    leer = Eingang._base_manager.filter(pk__in=eltern, kinder__isnull=True)
    inhalte += leer.values_list("datei_id", flat=True)
    leer.delete()
    return inhalte


def _akte_loeschen(akte: Akte) -> list[str]:
    """Delete an Akte with everything inside; search rows and versions follow by cascade.
    Returns the content (SHA-256) its versions and Posteingang items held."""
    inhalte = list(
        Dokumentversion._base_manager.filter(dokument__vorgang__akte=akte).values_list("datei_id", flat=True)
    )
    try:
        inhalte += _eingaenge_loeschen(akte)
        _routen_loeschen(akte.pk)
        Dokument._base_manager.filter(vorgang__akte=akte).delete()
        Vorgang._base_manager.filter(akte=akte).delete()
        Akte._base_manager.filter(pk=akte.pk).delete()
    except ProtectedError as fehler:
        arten = sorted({o._meta.verbose_name_plural for o in fehler.protected_objects})
        raise ValidationError(
            f"Die Akte {akte.aktenzeichen} kann nicht gelöscht werden, weil noch andere Daten auf sie "
            f"verweisen ({', '.join(map(str, arten))}). Es wurde nichts gelöscht."
        ) from None
    return inhalte


def vernichten(verfahren: Aussonderungsverfahren, bestaetigt: bool = False) -> Vernichtung:
    """Delete the Akten taken over by the archive and the V-Akten; what identifies them stays."""
    zugriff = verwaltung_pruefen()
    if not bestaetigt:
        raise ValidationError(
            "Die Löschung muss ausdrücklich bestätigt werden: sie ist endgültig und kann nicht rückgängig "
            "gemacht werden."
        )
    ergebnis = Vernichtung([], [], [])
    jetzt = timezone.now()
    inhalte: list[str] = []
    with transaction.atomic():
        # one deletion run at a time per Verfahren: the status is read under the row lock
        verfahren = Aussonderungsverfahren.objects.select_for_update().get(pk=verfahren.pk)
        if verfahren.status not in {Status.BEWERTET, Status.AUSGESONDERT}:
            raise ValidationError(
                f"Gelöscht werden kann erst nach der Bewertung (Status: {verfahren.get_status_display()})."
            )
        for objekt in zu_vernichten(verfahren).select_for_update():
            akte = Akte._base_manager.select_for_update().get(pk=objekt.akte_id)
            if akte.loeschsperre:
                objekt.ergebnis = Objekt.Ergebnis.ZURUECKGESTELLT
                objekt.meldung = sperrmeldung(akte)
                objekt.save(update_fields=["ergebnis", "meldung"])
                ergebnis.zurueckgestellt.append(objekt)
                continue
            protokolliere(
                "akte.vernichtet",
                objekt=akte,
                daten={
                    "prozess_id": str(verfahren.prozess_id),
                    "aktenzeichen": akte.aktenzeichen,
                    "titel": akte.titel,
                    "bewertung": objekt.bewertung,
                    "archivkennung": objekt.archivkennung,
                },
            )
            inhalte += _akte_loeschen(akte)
            objekt.akte = None
            objekt.ergebnis = Objekt.Ergebnis.VERNICHTET
            objekt.vernichtet_am = jetzt
            objekt.vernichtet_von_id = zugriff.benutzer_id
            objekt.vernichtet_von_name = zugriff.benutzername[:150]
            objekt.save(
                update_fields=["akte", "ergebnis", "vernichtet_am", "vernichtet_von", "vernichtet_von_name"]
            )
            ergebnis.geloescht.append(objekt)
        originale.vormerken(inhalte)
        ergebnis.ausstehend = list(
            verfahren.objekte.filter(
                bewertung=Objekt.Bewertung.ARCHIVIEREN, ergebnis=Objekt.Ergebnis.UEBERGEBEN
            )
        )
        if not ergebnis.ausstehend and not (
            verfahren.status == Status.BEWERTET
            and verfahren.objekte.filter(
                bewertung=Objekt.Bewertung.ARCHIVIEREN, ergebnis=Objekt.Ergebnis.OFFEN
            ).exists()
        ):
            verfahren.status = Status.ABGESCHLOSSEN
            verfahren.abgeschlossen_am = jetzt
            verfahren.save(update_fields=["status", "abgeschlossen_am"])
        protokolliere(
            "aussonderung.vernichtet",
            objekt=verfahren,
            daten={
                "prozess_id": str(verfahren.prozess_id),
                "geloescht": [o.aktenzeichen for o in ergebnis.geloescht],
                "zurueckgestellt": [o.aktenzeichen for o in ergebnis.zurueckgestellt],
                "status": verfahren.status,
            },
        )
    return ergebnis


# --- Vernichtungsprotokoll --------------------------------------------------------------------


def vernichtungsprotokoll(verfahren: Aussonderungsverfahren) -> QuerySet[Objekt]:
    """The rows of deleted Akten: metadata only, kept for good."""
    return verfahren.objekte.filter(ergebnis=Objekt.Ergebnis.VERNICHTET).order_by("aktenzeichen", "id")


PROTOKOLL_SPALTEN = [
    "ProzessID",
    "Archiv",
    "Aktenzeichen",
    "Titel",
    "Aktenplaneintrag",
    "Laufzeit von",
    "Laufzeit bis",
    "Aussonderungsart",
    "Archivkennung",
    "gelöscht am",
    "gelöscht von",
]


def _protokollzeile(verfahren: Aussonderungsverfahren, o: Objekt) -> list[str]:
    return [
        str(verfahren.prozess_id),
        verfahren.archiv,
        o.aktenzeichen,
        o.titel,
        o.aktenplan,
        o.eroeffnet_am.isoformat() if o.eroeffnet_am else "",
        o.geschlossen_am.isoformat() if o.geschlossen_am else "",
        "archiviert" if o.bewertung == Objekt.Bewertung.ARCHIVIEREN else "vernichtet",
        o.archivkennung,
        timezone.localtime(o.vernichtet_am).strftime("%d.%m.%Y %H:%M") if o.vernichtet_am else "",
        o.vernichtet_von_name,
    ]


def protokoll_csv(verfahren: Aussonderungsverfahren) -> bytes:
    """CSV for spreadsheets (semicolon, UTF-8 with BOM so that German Excel reads umlauts)."""
    puffer = io.StringIO()
    schreiber = csv.writer(puffer, delimiter=";")
    schreiber.writerow(PROTOKOLL_SPALTEN)
    for o in vernichtungsprotokoll(verfahren):
        schreiber.writerow([_csv_sicher(w) for w in _protokollzeile(verfahren, o)])
    return ("\ufeff" + puffer.getvalue()).encode()


def _csv_sicher(wert: str) -> str:
    """No formula injection: a cell must not start like a formula in a spreadsheet."""
    return "'" + wert if wert[:1] in {"=", "+", "-", "@"} else wert


def protokoll_pdf(verfahren: Aussonderungsverfahren) -> bytes:
    from rathausnetz.web.pdf import pdf

    return pdf(
        "austausch/aussonderung/protokoll_pdf.html",
        {
            "verfahren": verfahren,
            "spalten": PROTOKOLL_SPALTEN[2:],
            "zeilen": [_protokollzeile(verfahren, o)[2:] for o in vernichtungsprotokoll(verfahren)],
        },
    )
