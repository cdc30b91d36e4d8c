"""Aussonderung 0501–0507: Anbietung, Bewertung, Aussonderung, Importbestätigung, Löschung with
Vernichtungsprotokoll — every message checked against the official XDOMEA 3.1.0 schemas."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from lxml import etree

from rathausnetz import speicher
from rathausnetz.akten.models import Akte, Datei, Dokument, Dokumentversion, Vorgang
from rathausnetz.austausch.models import Aussonderungsobjekt, Aussonderungsverfahren, Nachricht
from rathausnetz.austausch.schema import UngueltigeNachricht
from rathausnetz.austausch.services import aussonderung, empfang
from rathausnetz.austausch.tests.aussonderung_helfer import (
    ARCHIV,
    NSMAP,
    abgelaufen,
    ablegen,
    bewertungsverzeichnis,
    empfangsbestaetigung,
    ids,
    import_bestaetigung,
    kleine_akte,
    xml_aus_zip,
    zufaellige_id,
)
from rathausnetz.austausch.tests.helfer import akte_mit_inhalt, offizielles_schema
from rathausnetz.eingang.models import Eingang
from rathausnetz.kommunen.models import Organisation
from rathausnetz.protokoll.models import Protokolleintrag
from rathausnetz.suche.models import Suchtext

pytestmark = pytest.mark.django_db

GEYER = "Stadtverwaltung Geyer"


@pytest.fixture
def verwaltungsgemeinschaft(grunddaten) -> Organisation:
    return Organisation.objects.get(name__startswith="Verwaltungsgemeinschaft Geyer")


@pytest.fixture
def zwei_akten(bob, gemeinde_a, als):
    """A rich Akte the archive will want (A) and a small one it will not (V), both expired."""
    with als(bob, gemeinde_a):
        return abgelaufen(akte_mit_inhalt(gemeinde_a.pk)), kleine_akte(gemeinde_a.pk)


@pytest.fixture
def angeboten(zwei_akten, alice, gemeinde_a, als):
    with als(alice, gemeinde_a):
        anbietung = aussonderung.anbieten([a.pk for a in zwei_akten], ARCHIV)
    return zwei_akten, anbietung


def _bewerten(angeboten, tmp_path, als, alice, gemeinde_a):
    (reich, klein), anbietung = angeboten
    prozess = str(anbietung.verfahren.prozess_id)
    with als(alice, gemeinde_a):
        id_reich, id_klein = (str(anbietung.verfahren.objekte.get(akte=a).xdomea_id) for a in (reich, klein))
    pfad = ablegen(
        tmp_path, prozess, "0502", bewertungsverzeichnis(prozess, {id_reich: "A", id_klein: "V"}, GEYER)
    )
    with als(alice, gemeinde_a):
        return empfang.empfangen(pfad, pfad.name), id_reich, id_klein


def test_the_anbietung_is_a_valid_0501_with_metadata_but_no_files(angeboten, alice, gemeinde_a, als):
    (reich, klein), anbietung = angeboten
    baum = etree.fromstring(anbietung.daten)
    schema = offizielles_schema()
    assert schema.validate(baum), schema.error_log
    assert anbietung.dateiname == f"{anbietung.verfahren.prozess_id}_Aussonderung.Anbieteverzeichnis.0501.xml"
    assert baum.findtext("x:Kopf/x:Empfaenger/x:Institution/x:Name", namespaces=NSMAP) == ARCHIV
    kennzeichen = baum.xpath("//x:Akte/x:AllgemeineMetadaten/x:Kennzeichen/text()", namespaces=NSMAP)
    assert sorted(kennzeichen) == sorted([reich.aktenzeichen, klein.aktenzeichen])
    assert baum.xpath("//x:Akte/x:ArchivspezifischeMetadaten/x:Aufbewahrungsende/text()", namespaces=NSMAP)
    assert len(baum.xpath("//x:Dokument", namespaces=NSMAP)) == 4  # structure down to the Dokumente
    assert not baum.xpath("//x:Primaerdokument", namespaces=NSMAP)  # … but no files
    verfahren = anbietung.verfahren
    assert verfahren.status == Aussonderungsverfahren.Status.ANGEBOTEN
    assert verfahren.archiv == ARCHIV
    assert anbietung.nachricht.typ == "0501"
    with als(alice, gemeinde_a):
        assert verfahren.objekte.count() == 2
        # offered Akten are no longer due (not offered twice)
        assert not aussonderung.faellige_akten().filter(pk__in=[reich.pk, klein.pk]).exists()
        with pytest.raises(ValidationError, match="bereits in einem laufenden"):
            aussonderung.anbieten([reich.pk], "Kreisarchiv Erzgebirgskreis")
    assert Protokolleintrag._base_manager.filter(aktion="akte.zur_aussonderung_angeboten").count() == 2


def test_the_full_cycle_ends_with_deletion_and_a_lasting_vernichtungsprotokoll(
    angeboten, alice, gemeinde_a, als, tmp_path
):
    (reich, klein), anbietung = angeboten
    verfahren = anbietung.verfahren
    prozess = str(verfahren.prozess_id)
    schema = offizielles_schema()
    # 0504: the archive confirms it received the offer
    pfad = ablegen(tmp_path, prozess, "0504", empfangsbestaetigung(prozess, "0504", GEYER))
    with als(alice, gemeinde_a):
        assert "Empfang der Anbietung" in empfang.empfangen(pfad, pfad.name).meldung
    # 0502 → 0505
    ergebnis, id_reich, _ = _bewerten(angeboten, tmp_path, als, alice, gemeinde_a)
    (quittung,) = ergebnis.quittungen
    assert quittung.typ == "0505"
    assert schema.validate(etree.fromstring(aussonderung.nachricht_lesen(quittung)))
    verfahren.refresh_from_db()
    assert verfahren.status == "bewertet"
    with als(alice, gemeinde_a):
        assert dict(verfahren.objekte.values_list("aktenzeichen", "bewertung")) == {
            reich.aktenzeichen: "A",
            klein.aktenzeichen: "V",
        }
        # 0503: only the A-Akte, with every original
        export = aussonderung.aussondern(verfahren)
    inhalt = export.datei.read()
    xml, namen = xml_aus_zip(inhalt, "_Aussonderung.Aussonderung.0503.xml")
    baum = etree.fromstring(xml)
    assert schema.validate(baum), schema.error_log
    assert ids(xml) == [id_reich]
    assert baum.findtext("x:Kopf/x:Importbestaetigung", namespaces=NSMAP) == "1"
    dateien = baum.xpath("//x:Primaerdokument/x:Dateiname/text()", namespaces=NSMAP)
    assert len(dateien) == 4 and set(dateien) <= set(namen)
    assert export.dateiname.endswith("_Aussonderung.Aussonderung.0503.zip")
    verfahren.refresh_from_db()
    assert verfahren.status == "ausgesondert"
    # 0507 and 0506 from the archive
    pfad = ablegen(tmp_path, prozess, "0507", empfangsbestaetigung(prozess, "0507", GEYER))
    with als(alice, gemeinde_a):
        empfang.empfangen(pfad, pfad.name)
    pfad = ablegen(
        tmp_path, prozess, "0506", import_bestaetigung(prozess, {id_reich: "StA-C 20031 Nr. 17"}, GEYER)
    )
    with als(alice, gemeinde_a):
        assert "1 Akte(n) übernommen" in empfang.empfangen(pfad, pfad.name).meldung
        typen = sorted(
            Nachricht.objects.filter(prozess_id=verfahren.prozess_id).values_list("typ", flat=True)
        )
        assert typen == ["0501", "0502", "0503", "0504", "0505", "0506", "0507"]
        # deletion needs an explicit confirmation
        with pytest.raises(ValidationError, match="ausdrücklich bestätigt"):
            aussonderung.vernichten(verfahren)
        assert Akte.objects.filter(pk__in=[reich.pk, klein.pk]).count() == 2
        vernichtung = aussonderung.vernichten(verfahren, bestaetigt=True)
    assert len(vernichtung.geloescht) == 2
    with als(alice, gemeinde_a):
        for akte in (reich, klein):
            assert not Akte._base_manager.filter(pk=akte.pk).exists()
            assert not Vorgang._base_manager.filter(akte_id=akte.pk).exists()
            assert not Suchtext._base_manager.filter(akte_id=akte.pk).exists()
        assert (
            not Dokument._base_manager.filter(organisation=gemeinde_a)
            .exclude(vorgang__akte__isnull=False)
            .exists()
        )
        assert not Dokumentversion._base_manager.filter(
            dokument__vorgang__akte_id__in=[reich.pk, klein.pk]
        ).exists()
        verfahren.refresh_from_db()
        assert verfahren.status == "abgeschlossen"
        protokoll = list(aussonderung.vernichtungsprotokoll(verfahren))
        assert {(o.aktenzeichen, o.bewertung, o.archivkennung) for o in protokoll} == {
            (reich.aktenzeichen, "A", "StA-C 20031 Nr. 17"),
            (klein.aktenzeichen, "V", ""),
        }
        assert all(o.vernichtet_von_name == "alice" and o.titel and o.eroeffnet_am for o in protokoll)
        csv = aussonderung.protokoll_csv(verfahren).decode("utf-8-sig")
        assert reich.aktenzeichen in csv and "StA-C 20031 Nr. 17" in csv and prozess in csv
        assert aussonderung.protokoll_pdf(verfahren).startswith(b"%PDF")
    # the originals stay in the content store (they may be shared; see docs)
    assert Protokolleintrag._base_manager.filter(aktion="akte.vernichtet").count() == 2
    assert Protokolleintrag._base_manager.filter(aktion="aussonderung.vernichtet").exists()


def test_a_refused_object_is_kept_and_the_verfahren_waits(angeboten, alice, gemeinde_a, als, tmp_path):
    (reich, klein), anbietung = angeboten
    verfahren = anbietung.verfahren
    prozess = str(verfahren.prozess_id)
    _, id_reich, _ = _bewerten(angeboten, tmp_path, als, alice, gemeinde_a)
    with als(alice, gemeinde_a):
        aussonderung.aussondern(verfahren)
    pfad = ablegen(tmp_path, prozess, "0506", import_bestaetigung(prozess, {id_reich: None}, GEYER))
    with als(alice, gemeinde_a):
        assert "Nicht übernommen" in empfang.empfangen(pfad, pfad.name).meldung
        vernichtung = aussonderung.vernichten(verfahren, bestaetigt=True)
        assert [o.aktenzeichen for o in vernichtung.geloescht] == [klein.aktenzeichen]
        assert Akte.objects.filter(pk=reich.pk).exists()
        objekt = verfahren.objekte.get(xdomea_id=id_reich)
        assert objekt.ergebnis == "abgelehnt" and "Primärdatei defekt" in objekt.meldung
        # the refused Akte is free to be offered again
        assert aussonderung.faellige_akten().filter(pk=reich.pk).exists()


def test_loeschsperre_blocks_anbietung_aussonderung_and_deletion(
    zwei_akten, alice, bob, gemeinde_a, als, tmp_path
):
    reich, klein = zwei_akten
    with als(bob, gemeinde_a):
        with pytest.raises(ValidationError, match="Grund"):
            aussonderung.loeschsperre_setzen(klein, "  ")
        aussonderung.loeschsperre_setzen(klein, "Rechtsstreit Az. 3 K 12/26")
    with als(alice, gemeinde_a):
        faellig = aussonderung.faellige_akten()
        assert faellig.filter(pk=reich.pk).exists() and not faellig.filter(pk=klein.pk).exists()
        with pytest.raises(ValidationError, match=r"steht unter Löschsperre.*Rechtsstreit"):
            aussonderung.anbieten([reich.pk, klein.pk], ARCHIV)
        aussonderung.loeschsperre_aufheben(Akte.objects.get(pk=klein.pk), "Verfahren beendet")
        anbietung = aussonderung.anbieten([reich.pk, klein.pk], ARCHIV)
    _bewerten(((reich, klein), anbietung), tmp_path, als, alice, gemeinde_a)
    with als(bob, gemeinde_a):  # a hold set after the Bewertung: the Akte stays behind
        aussonderung.loeschsperre_setzen(Akte.objects.get(pk=reich.pk), "Auskunftsersuchen")
        aussonderung.loeschsperre_setzen(Akte.objects.get(pk=klein.pk), "Auskunftsersuchen")
    with als(alice, gemeinde_a):
        with pytest.raises(ValidationError, match="alle stehen unter Löschsperre"):
            aussonderung.aussondern(anbietung.verfahren)
        vernichtung = aussonderung.vernichten(anbietung.verfahren, bestaetigt=True)
        assert vernichtung.geloescht == []
        assert "Löschsperre" in vernichtung.meldung
        assert Akte.objects.filter(pk__in=[reich.pk, klein.pk]).count() == 2
    aktionen = set(Protokolleintrag._base_manager.values_list("aktion", flat=True))
    assert {"akte.loeschsperre_gesetzt", "akte.loeschsperre_aufgehoben"} <= aktionen


def test_only_records_management_runs_the_cycle_and_lifts_a_hold(zwei_akten, bob, gemeinde_a, als):
    reich, _ = zwei_akten
    with als(bob, gemeinde_a):
        with pytest.raises(PermissionDenied):
            aussonderung.anbieten(None, ARCHIV)
        aussonderung.loeschsperre_setzen(reich, "Prüfung Rechnungsprüfungsamt")
        with pytest.raises(PermissionDenied):
            aussonderung.loeschsperre_aufheben(reich, "erledigt")


@pytest.mark.parametrize("fall", ["fremde_prozess_id", "unbekanntes_objekt", "bewertung_b"])
def test_a_bewertung_that_does_not_fit_is_refused_with_german_findings_and_changes_nothing(
    angeboten, alice, gemeinde_a, verwaltungsgemeinschaft, als, tmp_path, fall
):
    (reich, _), anbietung = angeboten
    verfahren = anbietung.verfahren
    prozess = str(verfahren.prozess_id)
    with als(alice, gemeinde_a):
        id_reich = str(verfahren.objekte.get(akte=reich).xdomea_id)
    bewertungen = {id_reich: "A"}
    if fall == "fremde_prozess_id":
        prozess = zufaellige_id()
        erwartet = "gehört zu keinem Aussonderungsverfahren"
    elif fall == "unbekanntes_objekt":
        bewertungen[zufaellige_id()] = "V"
        erwartet = "nicht angeboten"
    else:
        bewertungen[id_reich] = "B"
        erwartet = "keine abschließende Bewertung"
    pfad = ablegen(tmp_path, prozess, "0502", bewertungsverzeichnis(prozess, bewertungen, GEYER))
    with als(alice, gemeinde_a), pytest.raises(UngueltigeNachricht) as fehler:
        empfang.empfangen(pfad, pfad.name)
    assert erwartet in " ".join(b.problem for b in fehler.value.befunde)
    with als(alice, gemeinde_a):
        verfahren.refresh_from_db()
        assert verfahren.status == "angeboten"
        assert set(verfahren.objekte.values_list("bewertung", flat=True)) == {"offen"}
        assert not Nachricht.objects.filter(typ__in=["0502", "0505"]).exists()
    # another tenant's records management cannot answer for Geyer's Verfahren either
    if fall == "unbekanntes_objekt":
        prozess = str(verfahren.prozess_id)
        richtig = ablegen(tmp_path, prozess, "0502", bewertungsverzeichnis(prozess, {id_reich: "A"}, GEYER))
        with als(alice, verwaltungsgemeinschaft), pytest.raises(UngueltigeNachricht, match="nicht zu Ihrer"):
            empfang.empfangen(richtig, richtig.name)


@pytest.fixture
def eigener_speicher(settings, tmp_path):
    """Removing originals must not touch the files other tests (same data directory) stored."""
    settings.DATA_DIR = tmp_path / "daten"
    return settings.DATA_DIR / "dateien"


def _vor_zwei_tagen_gespeichert(speicherort) -> None:
    """As the originals of an Akte due for the Aussonderung are (the removal spares fresh ones)."""
    vorgestern = time.time() - 2 * 86400
    for pfad in (speicherort / "originale").rglob("*"):
        os.utime(pfad, (vorgestern, vorgestern))


def test_deletion_removes_the_originals_of_the_akten_it_destroys(
    eigener_speicher, angeboten, alice, bob, gemeinde_a, als, tmp_path, aufgaben_abarbeiten
):
    (reich, klein), anbietung = angeboten
    with als(bob, gemeinde_a):
        inhalte = {
            akte: set(
                Dokumentversion.objects.filter(dokument__vorgang__akte=akte).values_list(
                    "datei_id", flat=True
                )
            )
            for akte in (reich, klein)
        }
        (sha_klein,) = inhalte[klein]
        # it came in as part of a scan with two letters, split in the Posteingang
        scan = speicher.ablegen(io.BytesIO(b"%PDF-1.4 Scan: zwei Bescheide"), 10**6)
        Datei.objects.create(sha256=scan.sha256, groesse=scan.groesse, mime_typ="application/pdf")
        stapel = Eingang._base_manager.create(
            organisation=gemeinde_a, quelle="ordner", datei_id=scan.sha256, dateiname="scan.pdf",
            status="fertig", erledigung="aufgeteilt", text="Bescheid Hundesteuer 1990 …",
        )  # fmt: skip
        teil = Eingang._base_manager.create(
            organisation=gemeinde_a, quelle="teilung", datei_id=sha_klein, dateiname="teil-1.pdf",
            status="fertig", erledigung="abgelegt", eltern=stapel, text="Bescheid Hundesteuer 1990",
            dokument=Dokument._base_manager.get(vorgang__akte=klein),
        )  # fmt: skip
    vorschau = speicher.abgeleitet_pfad(sha_klein, "vorschau_png")
    vorschau.parent.mkdir(parents=True, exist_ok=True)
    vorschau.write_bytes(b"\x89PNG")
    _, id_reich, _ = _bewerten(angeboten, tmp_path, als, alice, gemeinde_a)
    prozess = str(anbietung.verfahren.prozess_id)
    with als(alice, gemeinde_a):
        aussonderung.aussondern(anbietung.verfahren)
    pfad = ablegen(tmp_path, prozess, "0506", import_bestaetigung(prozess, {id_reich: None}, GEYER))
    with als(alice, gemeinde_a):
        empfang.empfangen(pfad, pfad.name)  # the archive refused the A-Akte: it stays
        assert [
            o.aktenzeichen for o in aussonderung.vernichten(anbietung.verfahren, bestaetigt=True).geloescht
        ] == [klein.aktenzeichen]
    assert not Eingang._base_manager.filter(pk__in=[stapel.pk, teil.pk]).exists()
    assert Datei.objects.get(sha256=sha_klein).vernichten_seit is not None
    assert speicher.original_pfad(sha_klein).exists()  # the task has not run yet
    _vor_zwei_tagen_gespeichert(eigener_speicher)
    assert aufgaben_abarbeiten() >= 1
    assert not speicher.original_pfad(sha_klein).exists()
    assert not vorschau.exists()
    assert not Datei.objects.filter(sha256=sha_klein).exists()
    assert not scan.pfad.exists() and not Datei.objects.filter(sha256=scan.sha256).exists()
    assert all(speicher.original_pfad(sha).exists() for sha in inhalte[reich])
    eintrag = Protokolleintrag._base_manager.get(aktion="originale.vernichtet")
    assert sorted(eintrag.aenderungen["sha256"]) == sorted([sha_klein, scan.sha256])


def test_the_deleted_akten_originals_stay_readable_where_still_referenced(
    eigener_speicher, angeboten, alice, bob, gemeinde_a, als, tmp_path, aufgaben_abarbeiten
):
    """Content-addressed store: the same file in another Akte must survive the deletion."""
    (_, klein), anbietung = angeboten
    with als(bob, gemeinde_a):
        sha = Dokumentversion.objects.filter(dokument__vorgang__akte=klein).get().datei.sha256
        zweite = kleine_akte(gemeinde_a.pk)  # same text → same original
        Akte._base_manager.filter(pk=zweite.pk).update(aussonderungsdatum=None)
    _bewerten(angeboten, tmp_path, als, alice, gemeinde_a)
    with als(alice, gemeinde_a):
        aussonderung.vernichten(anbietung.verfahren, bestaetigt=True)
        assert not Akte.objects.filter(pk=klein.pk).exists()
    with als(bob, gemeinde_a):
        version = Dokumentversion.objects.get(dokument__vorgang__akte=zweite)
        assert version.datei.sha256 == sha
        with speicher.oeffnen(sha) as f:
            assert f.read() == b"Bescheid Hundesteuer 1990"
    _vor_zwei_tagen_gespeichert(eigener_speicher)
    aufgaben_abarbeiten()
    assert speicher.original_pfad(sha).read_bytes() == b"Bescheid Hundesteuer 1990"
    assert Datei.objects.get(sha256=sha).vernichten_seit is None  # in use: no longer marked


def test_tenant_isolation_of_the_verfahren(angeboten, alice, verwaltungsgemeinschaft, als):
    """Alice is also records management of the Verwaltungsgemeinschaft: there, Geyer's run is unseen."""
    _, anbietung = angeboten
    with als(alice, verwaltungsgemeinschaft):
        assert not Aussonderungsverfahren.objects.filter(pk=anbietung.verfahren.pk).exists()
        assert not Aussonderungsobjekt.objects.exists()
        assert not aussonderung.faellige_akten().exists()


# --- API, pages, command line ---------------------------------------------------------------


def test_api_happy_path_and_a_bad_bewertung(zwei_akten, alice, gemeinde_a, api_token, client, tmp_path):
    reich, klein = zwei_akten
    kopf = {"Authorization": f"Bearer {api_token(alice, gemeinde_a)}"}
    faellig = client.get("/api/aussonderung/faellig", headers=kopf).json()
    assert {reich.pk, klein.pk} <= {a["id"] for a in faellig}
    antwort = client.post(
        "/api/aussonderung",
        {"archiv": "Kreisarchiv Erzgebirgskreis", "akten": [reich.pk, klein.pk]},
        content_type="application/json",
        headers=kopf,
    )
    assert antwort.status_code == 201, antwort.content
    verfahren = antwort.json()
    assert verfahren["status"] == "angeboten" and len(verfahren["objekte"]) == 2
    basis = f"/api/aussonderung/{verfahren['id']}"
    xml = client.get(f"{basis}/0501", headers=kopf)
    assert xml.status_code == 200 and offizielles_schema().validate(etree.fromstring(xml.content))
    prozess = verfahren["prozess_id"]
    ids_ = {o["aktenzeichen"]: str(o["xdomea_id"]) for o in verfahren["objekte"]}
    # bad input: a 0502 with a B is refused with findings (422), nothing changes
    schlecht = bewertungsverzeichnis(prozess, {ids_[reich.aktenzeichen]: "B"}, GEYER)
    antwort = client.post(f"{basis}/bewertung", {"datei": _upload("schlecht.xml", schlecht)}, headers=kopf)
    assert antwort.status_code == 422
    assert "keine abschließende Bewertung" in antwort.json()["befunde"][0]["problem"]
    assert client.get(basis, headers=kopf).json()["status"] == "angeboten"
    gut = bewertungsverzeichnis(
        prozess, {ids_[reich.aktenzeichen]: "A", ids_[klein.aktenzeichen]: "V"}, GEYER
    )
    antwort = client.post(f"{basis}/bewertung", {"datei": _upload("0502.xml", gut)}, headers=kopf)
    assert antwort.status_code == 200, antwort.content
    assert antwort.json()["verfahren"]["status"] == "bewertet"
    paket = client.get(f"{basis}/0503", headers=kopf)
    assert paket.status_code == 200 and paket["Content-Type"] == "application/zip"
    xml_0503, _ = xml_aus_zip(b"".join(paket.streaming_content), "0503.xml")
    assert ids(xml_0503) == [ids_[reich.aktenzeichen]]
    quittung = import_bestaetigung(prozess, {ids_[reich.aktenzeichen]: "KA-ERZ 4711"}, GEYER)
    antwort = client.post(f"{basis}/quittung", {"datei": _upload("0506.xml", quittung)}, headers=kopf)
    assert antwort.status_code == 200, antwort.content
    antwort = client.post(f"{basis}/vernichten", {}, content_type="application/json", headers=kopf)
    assert antwort.status_code == 422 and "ausdrücklich bestätigt" in antwort.json()["detail"][0]["meldung"]
    antwort = client.post(
        f"{basis}/vernichten", {"bestaetigt": True}, content_type="application/json", headers=kopf
    )
    assert antwort.status_code == 200 and antwort.json()["verfahren"]["status"] == "abgeschlossen"
    protokoll = client.get(f"{basis}/protokoll", headers=kopf).json()
    assert {p["archivkennung"] for p in protokoll} == {"KA-ERZ 4711", ""}
    csv = client.get(f"{basis}/protokoll?format=csv", headers=kopf)
    assert csv["Content-Type"].startswith("text/csv") and "KA-ERZ 4711" in csv.content.decode("utf-8-sig")


def test_api_another_municipality_gets_404_and_clerks_403(angeboten, bob, gemeinde_a, api_token, client):
    _, anbietung = angeboten
    basis = f"/api/aussonderung/{anbietung.verfahren.pk}"
    from django.contrib.auth import get_user_model

    alice = get_user_model().objects.get(username="alice")
    vg = Organisation.objects.get(name__startswith="Verwaltungsgemeinschaft Geyer")
    fremd = {"Authorization": f"Bearer {api_token(alice, vg)}"}
    assert client.get(basis, headers=fremd).status_code == 404
    assert client.get(f"{basis}/protokoll", headers=fremd).status_code == 404
    sachbearbeitung = {"Authorization": f"Bearer {api_token(bob, gemeinde_a)}"}
    assert client.get(basis, headers=sachbearbeitung).status_code == 403


def _upload(name: str, daten: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, daten, content_type="application/xml")


def test_pages_walk_through_the_cycle(zwei_akten, alice, gemeinde_a, client_fuer, als):
    reich, klein = zwei_akten
    client = client_fuer(alice, gemeinde_a)
    seite = client.get("/austausch/aussonderung/")
    assert seite.status_code == 200 and reich.aktenzeichen in seite.content.decode()
    antwort = client.post(
        "/austausch/aussonderung/", {"akten": [reich.pk, klein.pk], "archiv": ARCHIV}, follow=True
    )
    assert "Anbieteverzeichnis" in antwort.content.decode()
    with als(alice, gemeinde_a):
        verfahren = Aussonderungsverfahren.objects.get()
        ids_ = {o.akte_id: str(o.xdomea_id) for o in verfahren.objekte.all()}
    basis = f"/austausch/aussonderung/{verfahren.pk}"
    assert client.get(f"{basis}/0501/")["Content-Type"] == "application/xml"
    prozess = str(verfahren.prozess_id)
    falsch = bewertungsverzeichnis(prozess, {zufaellige_id(): "A"}, GEYER)
    antwort = client.post(f"{basis}/hochladen/", {"art": "bewertung", "datei": _upload("0502.xml", falsch)})
    assert antwort.status_code == 422 and "nicht angeboten" in antwort.content.decode()
    gut = bewertungsverzeichnis(prozess, {ids_[reich.pk]: "V", ids_[klein.pk]: "V"}, GEYER)
    antwort = client.post(
        f"{basis}/hochladen/", {"art": "bewertung", "datei": _upload("0502.xml", gut)}, follow=True
    )
    assert "Die Bewertung ist übernommen" in antwort.content.decode()
    bestaetigung = client.get(f"{basis}/vernichten/")
    assert "unwiderruflich gelöscht" in bestaetigung.content.decode()
    client.post(f"{basis}/vernichten/", {})  # without the tick nothing happens
    with als(alice, gemeinde_a):
        assert Akte.objects.filter(pk__in=[reich.pk, klein.pk]).count() == 2
    antwort = client.post(f"{basis}/vernichten/", {"bestaetigt": "ja"}, follow=True)
    assert "2 Akte(n) gelöscht" in antwort.content.decode()
    assert reich.aktenzeichen in antwort.content.decode()  # the protocol page lists it
    assert client.get(f"{basis}/protokoll/?format=pdf").content.startswith(b"%PDF")
    with als(alice, gemeinde_a):
        assert not Akte.objects.filter(pk__in=[reich.pk, klein.pk]).exists()


def test_loeschsperre_button_on_the_akte_page(zwei_akten, bob, gemeinde_a, client_fuer, als):
    _, klein = zwei_akten
    client = client_fuer(bob, gemeinde_a)
    assert "Löschsperre setzen" in client.get(klein.get_absolute_url()).content.decode()
    ziel = f"/austausch/aussonderung/akten/{klein.pk}/loeschsperre/"
    antwort = client.post(ziel, {"aktion": "setzen", "grund": "Widerspruchsverfahren"}, follow=True)
    assert "steht unter Löschsperre" in antwort.content.decode()
    with als(bob, gemeinde_a):
        assert Akte.objects.get(pk=klein.pk).loeschsperre_grund == "Widerspruchsverfahren"
    # a clerk may set it, but not lift it
    antwort = client.post(ziel, {"aktion": "aufheben", "grund": "erledigt"}, follow=True)
    assert "Berechtigung" in antwort.content.decode()
    with als(bob, gemeinde_a):
        assert Akte.objects.get(pk=klein.pk).loeschsperre


def test_command_line_cycle(zwei_akten, gemeinde_a, tmp_path, als, alice):
    from django.core.management import call_command

    reich, klein = zwei_akten
    ziel = tmp_path / "aus"
    ziel.mkdir()
    call_command(
        "aussonderung_anbieten",
        str(ziel),
        organisation=gemeinde_a.name,
        archiv=ARCHIV,
        akte=[reich.pk, klein.pk],
    )
    (datei,) = ziel.glob("*_Aussonderung.Anbieteverzeichnis.0501.xml")
    xml = datei.read_bytes()
    assert offizielles_schema().validate(etree.fromstring(xml))
    prozess = etree.fromstring(xml).findtext("x:Kopf/x:ProzessID", namespaces=NSMAP)
    erste, zweite = ids(xml)
    pfad = ablegen(
        tmp_path, prozess, "0502", bewertungsverzeichnis(prozess, {erste: "V", zweite: "V"}, GEYER)
    )
    call_command("aussonderung_import", str(pfad), organisation=gemeinde_a.name, quittung_nach=str(ziel))
    assert list(ziel.glob("*_Aussonderung.BewertungEmpfangBestaetigen.0505.xml"))
    call_command("aussonderung_vernichten", prozess, organisation=gemeinde_a.name, ja=True)
    with als(alice, gemeinde_a):
        assert not Akte.objects.filter(pk__in=[reich.pk, klein.pk]).exists()
        assert Aussonderungsverfahren.objects.get().status == "abgeschlossen"
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="keine Akte zu löschen"):
        call_command("aussonderung_vernichten", prozess, organisation=gemeinde_a.name, ja=True)


def test_deletion_takes_the_routes_of_the_akte_along(bob, alice, gemeinde_a, als, tmp_path):
    """A signed Verfügung belongs to the file: it goes with it (the signing stays in the audit log)."""
    import datetime as dt

    from django.contrib.auth import get_user_model

    from rathausnetz.akten.services import akten, vorgaenge
    from rathausnetz.geschaeftsgang.models import Verfuegung
    from rathausnetz.geschaeftsgang.services.verfuegungen import Schrittangabe, erledigen, verfuegung_starten

    emil = get_user_model().objects.get(username="emil")
    with als(bob, gemeinde_a):
        from rathausnetz.akten.models import Aktenplaneintrag

        eintrag = Aktenplaneintrag.objects.get(organisation=gemeinde_a, kennzeichen="610")
        akte = akten.akte_anlegen(eintrag, "Sondernutzung Marktplatz", eroeffnet_am=dt.date(2024, 1, 2))
        vorgang = vorgaenge.vorgang_anlegen(akte, "Erlaubnis")
        verfuegung = verfuegung_starten(
            vorgang,
            [Schrittangabe("zeichnung", 1, fuer_benutzer=emil), Schrittangabe("zda", 2, fuer_benutzer=bob)],
        )
        (erster,) = verfuegung.schritte.filter(stufe=1)
    with als(emil, gemeinde_a):
        erledigen(erster)
    with als(bob, gemeinde_a):
        erledigen(verfuegung.schritte.get(stufe=2))
        akten.akte_schliessen(Akte.objects.get(pk=akte.pk), geschlossen_am=dt.date(2024, 3, 1))
        akte = abgelaufen(akte)
    with als(alice, gemeinde_a):
        anbietung = aussonderung.anbieten([akte.pk], ARCHIV)
        kennung = str(anbietung.verfahren.objekte.get().xdomea_id)
    prozess = str(anbietung.verfahren.prozess_id)
    pfad = ablegen(tmp_path, prozess, "0502", bewertungsverzeichnis(prozess, {kennung: "V"}, GEYER))
    with als(alice, gemeinde_a):
        empfang.empfangen(pfad, pfad.name)
        assert len(aussonderung.vernichten(anbietung.verfahren, bestaetigt=True).geloescht) == 1
        assert not Akte._base_manager.filter(pk=akte.pk).exists()
        assert not Verfuegung._base_manager.filter(pk=verfuegung.pk).exists()


@pytest.mark.slow
def test_two_offers_of_the_same_akte_at_once_make_one_verfahren(transaktionale_grunddaten):
    """Real threads and connections: the Akte row lock (PostgreSQL) or BEGIN IMMEDIATE (SQLite)."""
    import threading

    from django.contrib.auth import get_user_model
    from django.db import connection

    from rathausnetz.zugang.kontext import zugriff_als
    from rathausnetz.zugang.services import zugriff_fuer

    geyer = Organisation.objects.get(name="Stadtverwaltung Geyer")
    alice, bob = (get_user_model().objects.get(username=n) for n in ("alice", "bob"))
    with zugriff_als(zugriff_fuer(bob, geyer.pk)):
        akte = kleine_akte(geyer.pk)
    start = threading.Barrier(2)
    ergebnisse: list[str] = []

    def anbieten() -> None:
        try:
            with zugriff_als(zugriff_fuer(alice, geyer.pk)):
                start.wait()
                aussonderung.anbieten([akte.pk], ARCHIV)
            ergebnisse.append("angeboten")
        except ValidationError as fehler:
            ergebnisse.append(" ".join(fehler.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=anbieten) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert ergebnisse.count("angeboten") == 1, ergebnisse
    (abgelehnt,) = [e for e in ergebnisse if e != "angeboten"]
    assert "bereits in einem laufenden Aussonderungsverfahren" in abgelehnt
    assert Aussonderungsobjekt._base_manager.filter(akte=akte).count() == 1
