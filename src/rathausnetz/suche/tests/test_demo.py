"""The issue's acceptance searches, on the demo data that ``./run`` loads."""

import re

import pytest

from rathausnetz.suche.services import suchen
from rathausnetz.suche.services.ausschnitt import Markierer
from rathausnetz.suche.services.kommunen import kommunen_treffer

pytestmark = pytest.mark.django_db

SCAN = "Pressemitteilung Verwaltungsgemeinschaft (Scan)"


def _titel(ergebnis):
    return [t.titel for t in ergebnis.treffer]


@pytest.mark.parametrize(
    ("anfrage", "markiert"),
    [
        ("Geschäftsführer", "Geschéftsfuhrer"),
        ("Kooperationsmöglichkeiten", "Kooperationsméglichkeiten"),
        ("Loessnitz", "Lossnitz"),
        ("Bürgerbüro", "Burgerburo"),
        ("tragfähige Lösungen", "tragféhige"),
    ],
)
def test_demo_scan_is_found_by_correct_spelling(anfrage, markiert, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        ergebnis = suchen(anfrage)
    treffer = next(t for t in ergebnis.treffer if t.titel == SCAN)
    assert f"<mark>{markiert}</mark>" in treffer.snippet
    assert not treffer.aehnlich


def test_zusammenarbeit_finds_the_phrase_and_the_compound(bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        ergebnis = suchen("Zusammenarbeit")
        assert SCAN in _titel(ergebnis)
        markierer = Markierer(ergebnis.anfrage.terme(), ergebnis.anfrage.praefixe())
    assert markierer.passt("Zusammenarbeit") and markierer.passt("Zusammenarbeitsformate")
    assert not markierer.passt("Arbeit")


def test_loessnitz_also_finds_the_municipality(bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        anfrage = suchen("Loessnitz").anfrage
    (loessnitz, *_) = kommunen_treffer(anfrage)
    assert loessnitz.name == "Lößnitz" and loessnitz.url == "/kommunen/14521370/"
    assert re.fullmatch(r"Stadt, Erzgebirgskreis, \d{1,2}\.\d{3} Einwohner", loessnitz.beschreibung)
