import datetime as dt

import pytest

from rathausnetz.akten.models import Aktenplaneintrag, Dokument, Dokumenttyp
from rathausnetz.akten.services import akten, dokumente, vorgaenge
from rathausnetz.suche.tests.fixtures import BESCHEID, OCR_PRESSEMITTEILUNG, SAUBERER_BRIEF, textdatei
from rathausnetz.zugang.kontext import systemzugriff


@pytest.fixture
def bestand(bob, gemeinde_a, als):
    """An Akte of Gemeinde A (Geyer) with three documents: OCR'd press release, clean letter, Bescheid."""
    with systemzugriff("Test"):
        demo = set(Dokument.objects.values_list("pk", flat=True))
    with als(bob, gemeinde_a):
        eintrag = Aktenplaneintrag.objects.get(kennzeichen="640")
        akte = akten.akte_anlegen(
            eintrag, "Kooperation Bauhof mit Tannenberg", beschreibung="Winterdienst 2025"
        )
        vorgang = vorgaenge.vorgang_anlegen(akte, "Abstimmung Streugutlager")
        typ = Dokumenttyp.objects.get(name="Bescheid")
        presse = dokumente.dokument_hochladen(
            vorgang,
            textdatei(OCR_PRESSEMITTEILUNG),
            "pressemitteilung-scan.txt",
            betreff="Pressemitteilung Bauhof (Scan)",
            dokumentdatum=dt.date(2025, 3, 14),
            absender="Zweckverband Winterdienst",
        )
        brief = dokumente.dokument_hochladen(
            vorgang,
            textdatei(SAUBERER_BRIEF),
            "zusage.txt",
            betreff="Zusage Fachtagung",
            dokumentdatum=dt.date(2024, 5, 2),
            absender="Stadt Lößnitz",
        )
        bescheid = dokumente.dokument_hochladen(
            vorgang,
            textdatei(BESCHEID),
            "gebuehrenbescheid.txt",
            betreff="Gebührenbescheid Bauhof",
            dokumentdatum=dt.date(2024, 11, 20),
            richtung="ausgang",
            empfaenger="Herr Schubert",
            dokumenttyp=typ,
        )
    return {
        "demo": demo,
        "akte": akte,
        "vorgang": vorgang,
        "presse": presse,
        "brief": brief,
        "bescheid": bescheid,
    }
