import pytest
from django.core.exceptions import ValidationError

from rathausnetz.akten.models import Aktenplaneintrag
from rathausnetz.akten.services import aktenplan
from rathausnetz.akten.services.akten import akte_anlegen
from rathausnetz.zugang.kontext import verwaltungszugriff

pytestmark = pytest.mark.django_db


@pytest.fixture
def als_verwaltung_a(gemeinde_a):
    with verwaltungszugriff(gemeinde_a.pk, "Test") as zugriff:
        yield zugriff


def test_demo_file_plan_has_a_tree_with_retention(als_verwaltung_a):
    eintraege = {e.kennzeichen: e for e in Aktenplaneintrag.objects.all()}
    assert 80 <= len(eintraege) <= 150
    assert eintraege["022.31"].uebergeordnet.kennzeichen == "022.3"
    assert eintraege["022.3"].uebergeordnet.kennzeichen == "022"
    assert eintraege["0"].uebergeordnet is None
    assert eintraege["121"].wirksame_frist == 110  # Geburten: 110 Jahre
    assert eintraege["10"].aufbewahrungsfrist is None
    assert eintraege["10"].wirksame_frist == 10  # inherited from "1"
    assert eintraege["000.1"].wirksame_frist == 0  # keep forever
    for bereich in ["12", "13", "10", "6", "64", "70", "9", "92", "015", "11", "2"]:
        assert bereich in eintraege, bereich
    reihenfolge = [e.kennzeichen for e, _ in aktenplan.baum()]
    assert reihenfolge.index("022.31") < reihenfolge.index("022.32") < reihenfolge.index("023")
    assert reihenfolge.index("02") < reihenfolge.index("020")


def test_csv_round_trip_changes_nothing(als_verwaltung_a):
    export = aktenplan.export_csv()
    assert export.startswith("kennzeichen;titel;beschreibung;aufbewahrungsfrist")
    ergebnis = aktenplan.import_csv(export.encode())
    assert (ergebnis.neu, ergebnis.geaendert) == (0, 0)
    assert ergebnis.unveraendert == Aktenplaneintrag.objects.count()


def test_csv_import_adds_updates_and_fits_new_levels_in(als_verwaltung_a):
    csv = (
        "Kennzeichen,Titel,Aufbewahrungsfrist,Archivwuerdigkeit\n"
        "121.1,Geburten im Inland,110,A\n"
        "121,Geburten (Sammelakten),110,A\n"
    ).encode("cp1252")
    ergebnis = aktenplan.import_csv(csv)
    assert (ergebnis.neu, ergebnis.geaendert) == (1, 1)
    neu = Aktenplaneintrag.objects.get(kennzeichen="121.1")
    assert neu.uebergeordnet.kennzeichen == "121"
    assert Aktenplaneintrag.objects.get(kennzeichen="121").titel == "Geburten (Sammelakten)"


def test_csv_errors_name_every_line_and_import_nothing(als_verwaltung_a):
    vorher = Aktenplaneintrag.objects.count()
    csv = (
        "kennzeichen;titel;aufbewahrungsfrist;archivwuerdigkeit\n"
        "9.9.9;Neu;zehn;X\n"
        ";Ohne Kennzeichen;;\n"
        "777;Gut;5;V\n"
    )
    with pytest.raises(aktenplan.CsvFehler) as info:
        aktenplan.import_csv(csv.encode())
    meldungen = "\n".join(info.value.fehler)
    assert "Zeile 2: Aufbewahrungsfrist „zehn“" in meldungen
    assert "Zeile 2: Archivwürdigkeit „X“" in meldungen
    assert "Zeile 3: Kennzeichen „“ ist ungültig" in meldungen
    assert Aktenplaneintrag.objects.count() == vorher


def test_csv_without_required_columns(als_verwaltung_a):
    with pytest.raises(aktenplan.CsvFehler, match="Spalte"):
        aktenplan.import_csv(b"nummer;name\n1;x\n")
    with pytest.raises(aktenplan.CsvFehler, match="leer"):
        aktenplan.import_csv(b"")


def test_entry_inserted_between_levels_takes_over_children(als_verwaltung_a):
    neu = aktenplan.eintrag_anlegen("12.9", "Personenstand sonstiges")
    assert neu.uebergeordnet.kennzeichen == "12"
    zwischen = aktenplan.eintrag_anlegen("00.1", "Zwischenebene")  # 000 is not below 00.1
    assert zwischen.uebergeordnet.kennzeichen == "00"


def test_entry_with_akten_cannot_be_deleted_only_closed(als_verwaltung_a, gemeinde_a):
    eintrag = Aktenplaneintrag.objects.get(kennzeichen="022.31")
    akte_anlegen(eintrag, "Einstellung Sachbearbeitung Bürgerbüro")
    with pytest.raises(ValidationError, match="nur geschlossen"):
        aktenplan.eintrag_loeschen(eintrag)
    aktenplan.eintrag_aendern(eintrag, aktiv=False)
    with pytest.raises(ValidationError, match="geschlossen"):
        akte_anlegen(eintrag, "Noch eine Einstellung")
    leer = aktenplan.eintrag_anlegen("999", "Testeintrag")
    aktenplan.eintrag_loeschen(leer)
    assert not Aktenplaneintrag.objects.filter(kennzeichen="999").exists()


def test_clerks_cannot_change_the_file_plan(bob, gemeinde_a, als):
    from django.core.exceptions import PermissionDenied

    with als(bob, gemeinde_a), pytest.raises(PermissionDenied):
        aktenplan.eintrag_anlegen("998", "Von Bob")


def test_each_organisation_has_its_own_plan(gemeinde_a, gemeinde_b, als, alice, charlie):
    with als(charlie, gemeinde_b):
        assert set(Aktenplaneintrag.objects.values_list("organisation", flat=True)) == {gemeinde_b.pk}
