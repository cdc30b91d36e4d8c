"""Every kind of bad input: a German message on the Eingang, the original kept, no Dokument, and
the worker goes on with the next document."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from email.message import EmailMessage

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfWriter

from rathausnetz import speicher
from rathausnetz.akten.models import Dokument
from rathausnetz.eingang.models import Eingang
from rathausnetz.eingang.services import annahme, quellen
from rathausnetz.eingang.tests.helfer import BRIEF, text_pdf


def _png_kopf(breite: int, hoehe: int) -> bytes:
    """A PNG that claims ``breite`` × ``hoehe`` pixels: decoded, it would need gigabytes."""

    def block(art: bytes, daten: bytes) -> bytes:
        return struct.pack(">I", len(daten)) + art + daten + struct.pack(">I", zlib.crc32(art + daten))

    ihdr = struct.pack(">IIBBBBB", breite, hoehe, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (breite + 1) * 64)
    return b"\x89PNG\r\n\x1a\n" + block(b"IHDR", ihdr) + block(b"IDAT", idat) + block(b"IEND", b"")


def _verschluesselt() -> bytes:
    schreiber = PdfWriter()
    schreiber.add_blank_page(595, 842)
    schreiber.encrypt(user_password="geheim", owner_password="geheimer")
    puffer = io.BytesIO()
    schreiber.write(puffer)
    return puffer.getvalue()


def _seiten(anzahl: int) -> bytes:
    schreiber = PdfWriter()
    for _ in range(anzahl):
        schreiber.add_blank_page(595, 842)
    puffer = io.BytesIO()
    schreiber.write(puffer)
    return puffer.getvalue()


def _zip() -> bytes:
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w") as archiv:
        archiv.writestr("rechnung.txt", "kein PDF")
    return puffer.getvalue()


def _programm() -> bytes:
    with open("/bin/true", "rb") as datei:
        return datei.read()


FAELLE = [
    ("leer.pdf", lambda: b"", "leer (0 Byte)"),
    ("abgeschnitten.pdf", lambda: text_pdf()[:1500], "beschädigt"),
    ("passwort.pdf", _verschluesselt, "Passwort"),
    ("riesig.pdf", lambda: _seiten(5000), "5.000 Seiten"),
    ("bombe.png", lambda: _png_kopf(50_000, 50_000), "50.000 × 50.000 Pixeln"),
    ("archiv.pdf", _zip, "nicht erlaubt"),
    ("programm.pdf", _programm, "nicht erlaubt"),
]


@pytest.mark.parametrize(("name", "daten", "meldung"), FAELLE, ids=[f[0] for f in FAELLE])
def test_bad_file_gets_a_message_and_is_kept_in_quarantine(einlegen, name, daten, meldung):
    inhalt = daten()
    dokumente = Dokument.objects.count()
    eingang = einlegen(inhalt, name)
    assert eingang.status == Eingang.Status.FEHLGESCHLAGEN
    assert meldung in eingang.fehler
    assert speicher.original_pfad(eingang.datei_id).read_bytes() == inhalt  # kept, unchanged
    assert eingang.text == "" and eingang.dokument_id is None
    assert Dokument.objects.count() == dokumente
    # the worker carries on with the next document
    gut = einlegen(BRIEF.encode(), "danach.txt")
    assert gut.status == Eingang.Status.FERTIG


def test_password_protected_pdf_can_still_be_filed_as_it_is(einlegen):
    from rathausnetz.eingang.services.ablage import ablegbar

    assert ablegbar(einlegen(_verschluesselt(), "passwort.pdf"))


def test_file_over_the_size_limit_is_not_stored(settings, system, gemeinde_a):
    settings.UPLOAD_MAX_MB = 1
    with pytest.raises(ValidationError, match="größer als 1 MB"):
        annahme.annehmen_bytes(gemeinde_a.pk, b"x" * (1024 * 1024 + 1), "gross.txt", Eingang.Quelle.UPLOAD)
    assert not Eingang.objects.exists()


@pytest.mark.parametrize(
    ("roh", "sicher"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("Bescheid\x00\x07\x1b.pdf", "Bescheid___.pdf"),
        ("A" * 296 + ".pdf", "A" * 146 + ".pdf"),
    ],
)
def test_file_names_are_made_safe(einlegen, roh, sicher):
    eingang = einlegen(BRIEF.encode(), roh, verarbeiten=False)
    assert eingang.dateiname == sicher


def test_mail_with_40_attachments_and_a_nested_mail(einlegen):
    innen = EmailMessage()
    innen["From"] = "Landratsamt Erzgebirgskreis <post@kreis-erz.de>"
    innen["To"] = "post@geyer.de"
    innen["Subject"] = "Weitergeleitet: Bescheid"
    innen.set_content("Anbei der Bescheid.")
    innen.add_attachment(
        b"Bescheid vom 3. M\xc3\xa4rz 2025", maintype="text", subtype="plain", filename="bescheid.txt"
    )
    aussen = EmailMessage()
    aussen["From"] = "Maria Schneider <schneider@thum.de>"
    aussen["To"] = "post@geyer.de"
    aussen["Subject"] = "Unterlagen für die Verbandsversammlung"
    aussen["Message-ID"] = "<unterlagen-1@thum.de>"
    aussen.set_content("Sehr geehrte Damen und Herren,\nanbei 40 Anlagen.\n")
    for i in range(40):
        aussen.add_attachment(
            f"Anlage {i + 1}".encode(), maintype="text", subtype="plain", filename=f"anlage-{i + 1:02}.txt"
        )
    aussen.add_attachment(innen)
    eingang = einlegen(aussen.as_bytes(), "unterlagen.eml")
    assert eingang.status == Eingang.Status.FERTIG, eingang.fehler
    assert eingang.metadaten["betreff"] == "Unterlagen für die Verbandsversammlung"
    kinder = list(eingang.kinder.order_by("pk"))
    assert len(kinder) == 41
    assert all(k.status == Eingang.Status.FERTIG for k in kinder), [(k.dateiname, k.fehler) for k in kinder]
    verschachtelt = [k for k in kinder if k.mime_typ == "message/rfc822"]
    assert len(verschachtelt) == 1
    enkel = list(verschachtelt[0].kinder.all())
    assert [e.dateiname for e in enkel] == ["bescheid.txt"]
    assert "März 2025" in enkel[0].text


def test_consume_folder_moves_oversized_files_to_quarantine_with_the_reason(
    tmp_path, settings, system, gemeinde_a
):
    settings.UPLOAD_MAX_MB = 1
    (tmp_path / "gross.pdf").write_bytes(b"%PDF" + b"x" * (1024 * 1024))
    (tmp_path / "brief.txt").write_text(BRIEF, encoding="utf-8")
    import os
    import time

    alt = time.time() - 10
    for p in tmp_path.iterdir():
        os.utime(p, (alt, alt))
    ergebnis = quellen.ordner_einlesen(tmp_path, gemeinde_a.pk)
    assert [e.dateiname for e in ergebnis.angenommen] == ["brief.txt"]
    assert not (tmp_path / "brief.txt").exists()  # taken in, stored safely
    abgelehnt = list((tmp_path / "abgelehnt").iterdir())
    assert len(abgelehnt) == 2
    grund = next(p for p in abgelehnt if p.name.endswith(".grund.txt")).read_text(encoding="utf-8")
    assert "größer als 1 MB" in grund
