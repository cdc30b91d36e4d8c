"""Participant lists for organisers: CSV (spreadsheet-safe) and XLSX, plus the attendance certificate."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung

SPALTEN = [
    "Nr.",
    "Name",
    "E-Mail",
    "Organisation",
    "Gemeindeschlüssel",
    "Funktion",
    "Status",
    "bestätigt am",
    "erschienen",
]


def _zelle(wert: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    return f"'{wert}" if wert[:1] in ("=", "+", "-", "@", "\t", "\r") else wert


def _zeilen(v: Veranstaltung):
    # through the rule book: only the organiser's network staff get names and addresses
    anmeldungen = (
        Anmeldung.objects.filter(veranstaltung=v)
        .exclude(status=Anmeldung.Status.UNBESTAETIGT)
        .select_related("kommune")
        .order_by("status", "platz_seit", "pk")
    )
    for i, a in enumerate(anmeldungen.iterator(chunk_size=2000), start=1):
        yield [
            str(i),
            _zelle(a.name),
            _zelle(a.email),
            _zelle(a.organisation_anzeige),
            a.kommune.ags if a.kommune_id else "",
            a.get_rolle_display(),
            a.get_status_display(),
            f"{timezone.localtime(a.bestaetigt_am):%d.%m.%Y %H:%M}" if a.bestaetigt_am else "",
            "ja" if a.erschienen_am else "",
        ]


def als_csv(v: Veranstaltung) -> str:
    puffer = io.StringIO()
    schreiber = csv.writer(puffer, delimiter=";", lineterminator="\r\n")
    schreiber.writerow(SPALTEN)
    schreiber.writerows(_zeilen(v))
    return "\ufeff" + puffer.getvalue()


def als_xlsx(v: Veranstaltung) -> bytes:
    mappe = Workbook(write_only=True)
    blatt = mappe.create_sheet("Teilnehmende")
    kopf = []
    for name in SPALTEN:
        from openpyxl.cell import WriteOnlyCell

        zelle = WriteOnlyCell(blatt, value=name)
        zelle.font = Font(bold=True)
        kopf.append(zelle)
    blatt.append(kopf)
    for zeile in _zeilen(v):
        blatt.append(zeile)
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()
