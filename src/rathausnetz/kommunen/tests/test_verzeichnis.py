import pytest

from rathausnetz.kommunen.services.verzeichnis import Kommunenfilter, kommunen_suchen

pytestmark = pytest.mark.django_db


def _namen(**kwargs) -> list[str]:
    return [k.name for k in kommunen_suchen(Kommunenfilter(**kwargs))]


@pytest.mark.parametrize("eingabe", ["Loessnitz", "Lössnitz", "lößnitz", "LOSSNITZ"])
def test_name_search_finds_loessnitz_in_any_spelling(grunddaten, eingabe):
    assert _namen(q=eingabe) == ["Lößnitz"]


def test_exact_and_prefix_matches_come_first(grunddaten):
    namen = _namen(q="Geyer")
    assert namen[0] == "Geyer"
    assert "Geyer" in namen


def test_digits_search_ags_and_postcode(grunddaten):
    assert _namen(q="14521210") == ["Geyer"]
    assert "Geyer" in _namen(q="09468")


def test_filters_combine(grunddaten):
    kleine_erz = kommunen_suchen(Kommunenfilter(kreis="14521", max_einwohner=2000, sortierung="-einwohner"))
    einwohner = [k.einwohner for k in kleine_erz]
    assert einwohner and max(einwohner) <= 2000
    assert einwohner == sorted(einwohner, reverse=True)
    assert {k.kreis.ags for k in kleine_erz} == {"14521"}
    vgs = kommunen_suchen(Kommunenfilter(land="14", verband_typ="verwaltungsgemeinschaft"))
    assert vgs.count() == sum(1 for _ in vgs) > 100
    assert _namen(land="15", typ="kreisfreie_stadt") == [
        "Dessau-Roßlau",
        "Halle (Saale)",
        "Magdeburg",
    ]


def test_query_of_only_punctuation_finds_nothing(grunddaten):
    assert _namen(q="/-.") == []
