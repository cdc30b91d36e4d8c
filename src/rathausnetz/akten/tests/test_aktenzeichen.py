import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from rathausnetz.akten.models import Akte, Akteneinstellungen, Aktenplaneintrag
from rathausnetz.akten.services import aktenzeichen
from rathausnetz.akten.services.akten import akte_anlegen


@pytest.mark.django_db
def test_default_pattern_and_running_number_per_entry_and_year(bob, gemeinde_a, als):
    import datetime as dt

    with als(bob, gemeinde_a):
        eintrag = Aktenplaneintrag.objects.get(kennzeichen="022.31")
        erste = akte_anlegen(eintrag, "Einstellung Standesbeamtin", eroeffnet_am=dt.date(2026, 3, 2))
        zweite = akte_anlegen(eintrag, "Einstellung Kämmerei", eroeffnet_am=dt.date(2026, 5, 4))
        anderes_jahr = akte_anlegen(eintrag, "Einstellung Bauhof", eroeffnet_am=dt.date(2027, 1, 5))
        anderer_eintrag = akte_anlegen(Aktenplaneintrag.objects.get(kennzeichen="121"), "Geburten 2026")
    assert erste.aktenzeichen == "022.31-0001/2026"
    assert zweite.aktenzeichen == "022.31-0002/2026"
    assert anderes_jahr.aktenzeichen == "022.31-0001/2027"
    assert anderer_eintrag.aktenzeichen.startswith("121-0001/")


@pytest.mark.django_db
def test_configurable_pattern(alice, gemeinde_a, als):
    with als(alice, gemeinde_a):
        Akteneinstellungen.objects.create(
            organisation=gemeinde_a, aktenzeichen_muster="{oe}/{kennzeichen}/{jahr}-{laufnummer:03d}"
        )
        from rathausnetz.kommunen.models import Organisationseinheit

        hauptamt = Organisationseinheit.objects.get(kuerzel="HA")
        akte = akte_anlegen(
            Aktenplaneintrag.objects.get(kennzeichen="013.1"), "Amtsblatt 2026", organisationseinheit=hauptamt
        )
    assert akte.aktenzeichen == f"HA/013.1/{akte.jahr}-001"


@pytest.mark.parametrize(
    ("muster", "meldung"),
    [
        ("{kennzeichen}/{jahr}", "braucht den Platzhalter"),
        ("{az}-{laufnummer}", "Unbekannte Platzhalter"),
        ("{laufnummer:xyz}", "fehlerhaft"),
        ("{laufnummer", "fehlerhaft"),
    ],
)
def test_bad_patterns_are_explained(muster, meldung):
    with pytest.raises(ValidationError, match=meldung):
        aktenzeichen.muster_pruefen(muster)


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_parallel_clerks_get_gapless_unique_numbers(transaktionale_grunddaten):
    """8 threads with their own database connections draw 200 Aktenzeichen at the same time."""
    from django.contrib.auth import get_user_model

    from rathausnetz.kommunen.models import Organisation
    from rathausnetz.zugang.kontext import zugriff_als
    from rathausnetz.zugang.services import zugriff_fuer

    bob = get_user_model().objects.get(username="bob")
    org = Organisation.objects.get(name="Stadtverwaltung Geyer")
    zugriff = zugriff_fuer(bob, org.pk)
    with zugriff_als(zugriff):
        eintrag = Aktenplaneintrag.objects.get(kennzeichen="110")
    fehler = []

    def ziehen() -> None:
        try:
            with zugriff_als(zugriff):
                for i in range(25):
                    akte_anlegen(eintrag, f"Meldeakte {i}")
        except Exception as e:  # reported below
            fehler.append(e)
        finally:
            connection.close()

    faeden = [threading.Thread(target=ziehen) for _ in range(8)]
    for f in faeden:
        f.start()
    for f in faeden:
        f.join()
    assert fehler == []
    nummern = sorted(Akte._base_manager.filter(aktenplaneintrag=eintrag).values_list("laufnummer", flat=True))
    assert nummern == list(range(1, 201))
    zeichen = list(Akte._base_manager.filter(aktenplaneintrag=eintrag).values_list("aktenzeichen", flat=True))
    assert len(set(zeichen)) == 200
