import pytest

from rathausnetz.veranstaltungen.models import Veranstaltung
from rathausnetz.veranstaltungen.services.veranstaltungen import Veranstaltungsdaten, veranstaltung_anlegen
from rathausnetz.veranstaltungen.tests.helfer import termin


@pytest.fixture
def veranstaltung(als, dora, verband) -> Veranstaltung:
    """A published workshop of the association with two seats, in twenty days."""
    with als(dora, verband):
        return veranstaltung_anlegen(
            Veranstaltungsdaten(
                titel="Workshop Gemeinsamer Bauhof",
                art="workshop",
                beginn=termin(20),
                ende=termin(20, 15),
                ort="Annaberg-Buchholz, Rathaus",
                kapazitaet=2,
                anmeldung_bis=termin(18),
                status="veroeffentlicht",
            )
        )
