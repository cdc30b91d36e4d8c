import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rathausnetz.akten.models import Akte, Aktenplaneintrag, Dokument, Vorgang
from rathausnetz.akten.tests.helfer import pdf

pytestmark = pytest.mark.django_db


def _pdf(name: str, titel: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf(titel), content_type="application/pdf")


@pytest.fixture
def bob_web(bob, gemeinde_a, client_fuer):
    return client_fuer(bob, gemeinde_a)


def _akte_anlegen(client, kennzeichen="022.31", titel="Einstellung Standesbeamtin"):
    from rathausnetz.kommunen.models import Organisation

    org = Organisation.objects.get(name="Stadtverwaltung Geyer")
    eintrag = Aktenplaneintrag._base_manager.get(organisation=org, kennzeichen=kennzeichen)
    antwort = client.post(
        "/akten/neu/", {"aktenplaneintrag": eintrag.pk, "titel": titel, "vertraulichkeit": "offen"}
    )
    assert antwort.status_code == 302, antwort.content.decode()[:2000]
    return Akte._base_manager.get(pk=int(re.search(r"/akten/(\d+)/", antwort["Location"]).group(1)))


def test_full_path_of_a_clerk(bob_web, gemeinde_a):
    akte = _akte_anlegen(bob_web)
    assert akte.aktenzeichen == f"022.31-0001/{timezone.localdate().year}"
    seite = bob_web.get(akte.get_absolute_url()).content.decode()
    assert akte.aktenzeichen in seite and "Neuer Vorgang" in seite
    antwort = bob_web.post(f"/akten/{akte.pk}/vorgang/", {"betreff": "Auswahlverfahren Standesamt"})
    vorgang = Vorgang._base_manager.get(akte=akte)
    assert antwort["Location"] == vorgang.get_absolute_url()
    hoch = bob_web.post(
        f"/akten/vorgang/{vorgang.pk}/hochladen/",
        {
            "dateien": [_pdf("Bewerbung.pdf", "Bewerbung"), _pdf("Zeugnis.pdf", "Zeugnis")],
            "richtung": "eingang",
        },
        follow=True,
    )
    assert "2 Dokument(e) abgelegt" in hoch.content.decode()
    dok = Dokument._base_manager.get(vorgang=vorgang, betreff="Bewerbung")
    dokseite = bob_web.get(dok.get_absolute_url()).content.decode()
    assert "Vorschau der ersten Seite von Bewerbung.pdf" in dokseite
    vorschau = bob_web.get(f"/akten/dokument/{dok.pk}/vorschau/1/")
    assert vorschau["Content-Type"] == "image/png"
    assert b"".join(vorschau.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    datei = bob_web.get(f"/akten/dokument/{dok.pk}/datei/1/")
    assert datei["Content-Disposition"].startswith('attachment; filename="Bewerbung.pdf"')
    wv_datum = timezone.localdate() + dt.timedelta(days=7)
    bob_web.post(
        f"/akten/vorgang/{vorgang.pk}/wiedervorlage/",
        {"faellig_am": wv_datum.isoformat(), "notiz": "Rückmeldung"},
    )
    assert "Rückmeldung" in bob_web.get("/akten/wiedervorlagen/").content.decode()
    geschlossen = bob_web.post(f"/akten/{akte.pk}/schliessen/", follow=True).content.decode()
    assert "noch 1 offene" in geschlossen
    bob_web.post(f"/akten/vorgang/{vorgang.pk}/zda/")
    zu = bob_web.post(f"/akten/{akte.pk}/schliessen/", follow=True).content.decode()
    jahr = timezone.localdate().year + 10
    assert f"Aussonderung ab 31.12.{jahr}" in zu
    assert "akte.geschlossen" in zu  # timeline


def test_one_bad_file_does_not_stop_the_others(bob_web):
    akte = _akte_anlegen(bob_web, "610", "Bauantrag Carport")
    bob_web.post(f"/akten/{akte.pk}/vorgang/", {"betreff": "Prüfung"})
    vorgang = Vorgang._base_manager.get(akte=akte)
    antwort = bob_web.post(
        f"/akten/vorgang/{vorgang.pk}/hochladen/",
        {
            "dateien": [
                _pdf("Antrag.pdf", "Antrag"),
                SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100),
            ]
        },
        follow=True,
    ).content.decode()
    assert "1 Dokument(e) abgelegt: Antrag.pdf" in antwort
    assert "„virus.pdf“: Dieser Dateityp ist nicht erlaubt" in antwort


def test_other_municipality_sees_404_until_shared(bob_web, charlie, gemeinde_b, client_fuer):
    akte = _akte_anlegen(bob_web, "610", "Bauantrag Grenzweg")
    bob_web.post(f"/akten/{akte.pk}/vorgang/", {"betreff": "Nachbarbeteiligung"})
    vorgang = Vorgang._base_manager.get(akte=akte)
    bob_web.post(f"/akten/vorgang/{vorgang.pk}/hochladen/", {"dateien": [_pdf("Lageplan.pdf", "Lageplan")]})
    dok = Dokument._base_manager.get(vorgang=vorgang)
    charlie_web = client_fuer(charlie, gemeinde_b)
    pfade = [akte.get_absolute_url(), vorgang.get_absolute_url(), dok.get_absolute_url(),
             f"/akten/dokument/{dok.pk}/datei/1/", f"/akten/dokument/{dok.pk}/vorschau/1/"]  # fmt: skip
    for pfad in pfade:
        assert charlie_web.get(pfad).status_code == 404, pfad
    assert charlie_web.post(f"/akten/{akte.pk}/schliessen/").status_code == 404
    bob_web.post(f"/akten/{akte.pk}/freigeben/", {"organisation": gemeinde_b.pk, "rolle": "lesen"})
    for pfad in pfade:
        assert charlie_web.get(pfad).status_code == 200, pfad
    seite = charlie_web.get(akte.get_absolute_url()).content.decode()
    assert "Diese Akte führt Stadtverwaltung Geyer" in seite
    assert "Akte schließen" not in seite
    assert charlie_web.post(f"/akten/vorgang/{vorgang.pk}/zda/").status_code == 403


def test_akte_bietet_alle_anderen_organisationen_zur_freigabe(bob_web, gemeinde_a):
    from rathausnetz.kommunen.models import Organisation

    akte = _akte_anlegen(bob_web)
    weitere = Organisation.objects.bulk_create(
        [Organisation(name=f"Gemeindeverwaltung Probe {i}", typ="gemeinde") for i in range(30)]
    )
    html = bob_web.get(akte.get_absolute_url()).content.decode()
    auswahl = re.search(r'<select name="organisation".*?</select>', html, re.S).group(0)
    angeboten = set(re.findall(r'<option value="(\d+)"', auswahl))
    assert {str(o.pk) for o in weitere} <= angeboten
    assert str(gemeinde_a.pk) not in angeboten


def test_file_plan_editor_import_and_export(alice, gemeinde_a, client_fuer):
    client = client_fuer(alice, gemeinde_a)
    seite = client.get("/akten/aktenplan/").content.decode()
    assert "022.31" in seite and "Einstellungen in der Kernverwaltung" in seite
    export = client.get("/akten/aktenplan/export/")
    assert export["Content-Type"].startswith("text/csv")
    csv = SimpleUploadedFile("plan.csv", b"kennzeichen;titel\n015.4;Gemeinsamer Bauhof\n")
    antwort = client.post("/akten/aktenplan/import/", {"datei": csv}, follow=True).content.decode()
    assert "1 neu" in antwort
    kaputt = SimpleUploadedFile("plan.csv", b"kennzeichen;titel\nabc;Falsch\n")
    antwort = client.post("/akten/aktenplan/import/", {"datei": kaputt}, follow=True).content.decode()
    assert "Nichts importiert. Zeile 2: Kennzeichen „abc“ ist ungültig" in antwort
    eintrag = Aktenplaneintrag._base_manager.get(organisation=gemeinde_a, kennzeichen="015.4")
    client.post(
        f"/akten/aktenplan/{eintrag.pk}/",
        {"titel": "Gemeinsamer Bauhof mit Tannenberg", "aufbewahrungsfrist": "30"},
    )
    eintrag.refresh_from_db()
    assert (eintrag.titel, eintrag.aufbewahrungsfrist, eintrag.aktiv) == (
        "Gemeinsamer Bauhof mit Tannenberg",
        30,
        False,
    )


def test_clerk_cannot_edit_the_file_plan(bob_web, gemeinde_a):
    eintrag = Aktenplaneintrag._base_manager.get(organisation=gemeinde_a, kennzeichen="610")
    assert bob_web.get(f"/akten/aktenplan/{eintrag.pk}/").status_code == 403
    assert bob_web.post("/akten/aktenplan/", {"kennzeichen": "998", "titel": "Von Bob"}).status_code == 403
    assert "Eintrag anlegen" not in bob_web.get("/akten/aktenplan/").content.decode()


def test_overview_filters_by_file_plan_entry(bob_web):
    _akte_anlegen(bob_web, "610", "Bauantrag A")
    _akte_anlegen(bob_web, "121", "Geburten 2026")
    seite = bob_web.get("/akten/?kennzeichen=6").content.decode()
    assert "Bauantrag A" in seite and "Geburten 2026" not in seite
    alle = bob_web.get("/akten/").content.decode()
    assert "Bauantrag A" in alle and "Geburten 2026" in alle
    assert bob_web.get("/akten/?cursor=kaputt").status_code == 404


def test_absurd_ids_are_404_or_422_never_500(bob_web, bob, gemeinde_a, api_token):
    from django.test import Client

    riesig = "9" * 30
    assert bob_web.get(f"/akten/{riesig}/").status_code == 404
    assert bob_web.get(f"/akten/{'9' * 18}/").status_code == 404
    kopf = {"HTTP_AUTHORIZATION": f"Bearer {api_token(bob, gemeinde_a)}"}
    liste = Client().get(f"/api/vorgaenge?akte={riesig}", **kopf)
    assert liste.status_code in {200, 422}  # PostgreSQL compares, SQLite refuses the number
    if liste.status_code == 200:
        assert liste.json()["count"] == 0
    assert Client().get(f"/api/akten/{riesig}", **kopf).status_code in {404, 422}


def test_admin_sets_the_aktenzeichen_pattern_and_document_types(alice, gemeinde_a, client_fuer, bob_web):
    client = client_fuer(alice, gemeinde_a)
    falsch = client.post("/akten/einstellungen/", {"muster": "{kennzeichen}/{jahr}"}).content.decode()
    assert "braucht den Platzhalter {laufnummer}" in falsch
    client.post("/akten/einstellungen/", {"muster": "{kennzeichen}/{laufnummer}/{jahr}"})
    seite = client.get("/akten/einstellungen/").content.decode()
    assert f"022.31/1/{timezone.localdate().year}" in seite
    akte = _akte_anlegen(bob_web, "121", "Geburten")
    assert akte.aktenzeichen == f"121/1/{timezone.localdate().year}"
    client.post("/akten/einstellungen/", {"typ_neu": "Standesamtliche Urkunde"})
    assert "Standesamtliche Urkunde" in client.get("/akten/einstellungen/").content.decode()
    assert bob_web.get("/akten/einstellungen/").status_code == 403


def test_overview_sorts_and_pages_by_cursor(bob_web):
    for titel in ["Bauantrag Zaun", "Bauantrag Anbau", "Bauantrag Mauer"]:
        _akte_anlegen(bob_web, "610", titel)
    seite = bob_web.get("/akten/?kennzeichen=610&sort=titel&status=").content.decode()
    assert seite.index("Bauantrag Anbau") < seite.index("Bauantrag Mauer") < seite.index("Bauantrag Zaun")
    assert bob_web.get("/akten/?sort=unsinn").status_code == 200
