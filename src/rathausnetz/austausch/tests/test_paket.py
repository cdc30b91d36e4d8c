"""Writing packages: files that are compressed already (scans) are stored, text is deflated; both
come back byte for byte through the reading side."""

from __future__ import annotations

import io
import random
import uuid
import zipfile

from rathausnetz import speicher
from rathausnetz.austausch import paket
from rathausnetz.austausch.xdomea import Primaerdatei


def _abgelegt(daten: bytes) -> str:
    return speicher.ablegen(io.BytesIO(daten), len(daten)).sha256


def test_scans_are_stored_text_is_deflated_and_both_read_back_whole(tmp_path):
    scan = random.Random(7).randbytes(300_000)  # noise does not compress, like a scanned page
    brief = b"Sehr geehrte Damen und Herren, das Einvernehmen wird erteilt.\n" * 5000
    kurz = b"Telefonnotiz"
    inhalte = {"1_scan.pdf": scan, "2_brief.txt": brief, "3_notiz.txt": kurz}
    xml_name = f"{uuid.uuid4()}_Abgabe.Abgabe.0401.xml"
    dateien = [Primaerdatei(name, _abgelegt(daten)) for name, daten in inhalte.items()]

    with paket.schreiben(b"<Nachricht/>", xml_name, dateien) as datei:
        pfad = tmp_path / "paket.zip"
        pfad.write_bytes(datei.read())

    with zipfile.ZipFile(pfad) as zf:
        arten = {info.filename: info.compress_type for info in zf.infolist()}
    assert arten == {
        xml_name: zipfile.ZIP_DEFLATED,
        "1_scan.pdf": zipfile.ZIP_STORED,
        "2_brief.txt": zipfile.ZIP_DEFLATED,
        "3_notiz.txt": zipfile.ZIP_DEFLATED,
    }
    gelesen = paket.lesen(pfad)
    for name, daten in inhalte.items():
        with gelesen.oeffnen(name) as quelle:
            assert quelle.read() == daten
    gelesen.zip.close()
