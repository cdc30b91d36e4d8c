"""Search never returns or counts what the user may not open: personas × shared/non-shared files."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from rathausnetz.akten.models import Akte, Aktenplaneintrag
from rathausnetz.akten.services import akten, dokumente, vorgaenge
from rathausnetz.suche.services import suchen
from rathausnetz.suche.tests.fixtures import textdatei

pytestmark = pytest.mark.django_db

WORT = "Glockenturmsanierung"


@pytest.fixture
def verteilt(alice, bob, gemeinde_a, gemeinde_b, als):
    """Gemeinde A: an own Akte, an Akte shared with B (one document in it marked intern), and a
    confidential document that only its unit, responsible person and Leitung may open."""
    with als(bob, gemeinde_a):
        eintrag = Aktenplaneintrag.objects.get(kennzeichen="640")
        eigene = akten.akte_anlegen(eintrag, f"{WORT} Kirche Geyer")
        v_eigen = vorgaenge.vorgang_anlegen(eigene, "Angebote")
        privat = dokumente.dokument_hochladen(v_eigen, textdatei(f"{WORT} Angebot Zimmerei"), "a.txt")
        geteilt = akten.akte_anlegen(eintrag, "Gemeinsame Beschaffung Bauhof")
        v_geteilt = vorgaenge.vorgang_anlegen(geteilt, "Ausschreibung")
        offen = dokumente.dokument_hochladen(v_geteilt, textdatei(f"{WORT} Gerüst gemeinsam"), "b.txt")
        intern = dokumente.dokument_hochladen(
            v_geteilt, textdatei(f"{WORT} interne Kalkulation"), "c.txt", vertraulichkeit="intern"
        )
        vertraulich = dokumente.dokument_hochladen(
            v_eigen, textdatei(f"{WORT} Personalakte Zimmerer"), "d.txt", vertraulichkeit="vertraulich"
        )
    with als(alice, gemeinde_a):
        akten.freigeben(Akte.objects.get(pk=geteilt.pk), gemeinde_b, "lesen")
    return {"privat": privat.pk, "offen": offen.pk, "intern": intern.pk, "vertraulich": vertraulich.pk}


def _sicht(ergebnis):
    return {t.id for t in ergebnis.treffer if t.art == "dokument"}


def test_persona_matrix(verteilt, bob, charlie, dora, gemeinde_a, gemeinde_b, verband, als):
    emil = get_user_model().objects.get(username="emil")  # Bürgermeister, Leitung of A
    erwartet = {
        (bob, gemeinde_a): {verteilt["privat"], verteilt["offen"], verteilt["intern"]},
        (emil, gemeinde_a): {
            verteilt["privat"],
            verteilt["offen"],
            verteilt["intern"],
            verteilt["vertraulich"],
        },
        (charlie, gemeinde_b): {verteilt["offen"]},
        (dora, verband): set(),
    }
    for (person, organisation), sichtbar in erwartet.items():
        with als(person, organisation):
            ergebnis = suchen(WORT)
            assert _sicht(ergebnis) == sichtbar, person.username
            # counts and facets only from what may be opened
            dokumente_gezaehlt = ergebnis.anzahl - sum(1 for t in ergebnis.treffer if t.art != "dokument")
            assert dokumente_gezaehlt == len(sichtbar), person.username
            for name, werte in ergebnis.facetten.items():
                assert sum(w.anzahl for w in werte) <= ergebnis.anzahl, (person.username, name)
            richtungen = sum(w.anzahl for w in ergebnis.facetten["richtung"])
            assert richtungen == len(sichtbar), person.username


def test_shared_akte_shows_the_owner_as_organisation_facet(
    verteilt, bob, charlie, gemeinde_a, gemeinde_b, als
):
    with als(charlie, gemeinde_b):
        ergebnis = suchen("Gerüst")
    assert _sicht(ergebnis) == {verteilt["offen"]}
    with als(charlie, gemeinde_b):
        assert suchen("Zimmerei").anzahl == 0
        assert suchen("Zimmerei", akte_id=None).facetten["richtung"] == []


def test_fuzzy_stage_does_not_leak_foreign_words(verteilt, charlie, gemeinde_b, als):
    with als(charlie, gemeinde_b):
        ergebnis = suchen("Zimmerai")  # near "Zimmerei", which only A may read
    assert ergebnis.treffer == [] and ergebnis.anzahl == 0


def test_api_answers_the_same_rules(verteilt, charlie, gemeinde_b, api_token, bob, gemeinde_a):
    for person, organisation, sichtbar in (
        (charlie, gemeinde_b, {verteilt["offen"]}),
        (bob, gemeinde_a, {verteilt["privat"], verteilt["offen"], verteilt["intern"]}),
    ):
        kopf = {"HTTP_AUTHORIZATION": f"Bearer {api_token(person, organisation)}"}
        antwort = Client().get("/api/suche", {"q": WORT}, **kopf)
        assert antwort.status_code == 200
        daten = antwort.json()
        assert {i["id"] for i in daten["items"] if i["art"] == "dokument"} == sichtbar
    assert Client().get("/api/suche", {"q": WORT}).status_code == 401
