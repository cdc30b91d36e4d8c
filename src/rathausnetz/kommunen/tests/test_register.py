import pytest

from rathausnetz.kommunen.models import Bevoelkerungsstand, Gemeindeverband, Kommune, Nachbarschaft
from rathausnetz.kommunen.services.register import lade_register
from rathausnetz.protokoll.models import Protokolleintrag

pytestmark = pytest.mark.django_db


def test_registry_holds_all_municipalities_of_both_states(grunddaten):
    assert Kommune.objects.filter(land__code="14").count() == 418
    assert Kommune.objects.filter(land__code="15").count() == 218
    assert Gemeindeverband.objects.filter(typ="verwaltungsgemeinschaft").count() == 64
    assert Gemeindeverband.objects.filter(typ="verwaltungsverband").count() == 6
    assert Gemeindeverband.objects.filter(typ="verbandsgemeinde").count() == 18


def test_dresden_facts_and_neighbours(grunddaten):
    dresden = Kommune.objects.get(ags="14612000")
    assert dresden.typ == Kommune.Typ.KREISFREIE_STADT
    assert dresden.einwohner > 500_000
    assert str(dresden.einwohner_stichtag) == "2024-12-31"
    nachbarn = set(dresden.nachbarschaften.values_list("nachbar_name", flat=True))
    assert {"Radebeul", "Heidenau", "Freital"} <= nachbarn
    assert all(n.nachbar_id for n in dresden.nachbarschaften.all())


def test_neighbourhood_is_symmetric_and_crosses_state_borders(grunddaten):
    geyer = Kommune.objects.get(ags="14521210")
    for n in geyer.nachbarschaften.exclude(nachbar=None):
        assert Nachbarschaft.objects.filter(kommune=n.nachbar, nachbar=geyer).exists()
    # Neighbours in Thuringia or Brandenburg are listed without a Kommune of our registry.
    aussen = Nachbarschaft.objects.filter(nachbar=None)
    assert aussen.exists()
    assert set(aussen.values_list("nachbar_land", flat=True)) >= {"Brandenburg", "Thüringen"}


def test_seat_of_a_union_is_its_lead_municipality(grunddaten):
    vg = Gemeindeverband.objects.get(ars="145215110")
    assert vg.name == "Geyer-Tannenberg"
    assert vg.sitzgemeinde.name == "Geyer"
    assert set(vg.mitglieder.values_list("name", flat=True)) == {"Geyer", "Tannenberg"}
    # Eilenburg-West is administered from Eilenburg, which is not a member.
    eilenburg_west = Gemeindeverband.objects.get(name="Eilenburg-West")
    assert eilenburg_west.sitzgemeinde.name == "Eilenburg"
    assert not eilenburg_west.mitglieder.filter(pk=eilenburg_west.sitzgemeinde_id).exists()


def test_loading_twice_changes_nothing_and_logs_nothing(grunddaten, system):
    vorher = (
        Kommune.objects.count(),
        Nachbarschaft.objects.count(),
        Bevoelkerungsstand.objects.count(),
    )
    eintraege = Protokolleintrag.objects.count()
    abgleich = lade_register()
    assert not abgleich.hat_aenderungen
    assert (
        Kommune.objects.count(),
        Nachbarschaft.objects.count(),
        Bevoelkerungsstand.objects.count(),
    ) == vorher
    assert Protokolleintrag.objects.count() == eintraege


def test_loading_repairs_a_changed_row_and_logs_it(grunddaten, system):
    Kommune.objects.filter(ags="14521210").update(einwohner=1, name="Falsch")
    abgleich = lade_register()
    assert abgleich.geaendert["Kommunen"] == 1
    geyer = Kommune.objects.get(ags="14521210")
    assert (geyer.name, geyer.einwohner) == ("Geyer", 3255)
    assert Protokolleintrag.objects.filter(aktion="kommunen.register_geladen").exists()
