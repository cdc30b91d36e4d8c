import re

import pytest
from django.test import Client

from rathausnetz.kommunen.models import Kommune

pytestmark = pytest.mark.django_db


def test_directory_lists_and_paginates(grunddaten):
    antwort = Client().get("/kommunen/")
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "<strong>636</strong> Kommunen gefunden" in inhalt
    assert "Seite 1 von 13" in inhalt
    assert Client().get("/kommunen/?seite=13").status_code == 200
    assert Client().get("/kommunen/?seite=999").status_code == 200  # last page, not an error


def test_directory_search_finds_loessnitz_by_loessnitz(grunddaten):
    inhalt = Client().get("/kommunen/", {"q": "Loessnitz"}).content.decode()
    assert "<strong>1</strong> Kommune gefunden" in inhalt
    assert 'href="/kommunen/14521370/"' in inhalt


def test_bad_filter_values_are_shown_at_the_field_not_as_error_page(grunddaten):
    antwort = Client().get("/kommunen/", {"min_einwohner": "viele", "land": "99", "max_einwohner": "-5"})
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "Bitte prüfen Sie die markierten Filter." in inhalt
    assert 'aria-invalid="true"' in inhalt
    assert "Ganze Zahl eingeben" in inhalt or "ganze Zahl" in inhalt


def test_von_greater_than_bis_is_explained(grunddaten):
    inhalt = Client().get("/kommunen/", {"min_einwohner": "5000", "max_einwohner": "100"}).content.decode()
    assert "„bis“ muss größer oder gleich „von“ sein." in inhalt


def test_htmx_request_gets_only_the_results_fragment(grunddaten):
    antwort = Client().get("/kommunen/", {"q": "Geyer"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="ergebnisse")
    inhalt = antwort.content.decode()
    assert "<html" not in inhalt
    assert "/kommunen/14521210/" in inhalt


def test_detail_shows_facts_neighbours_union_and_maps(grunddaten):
    nachbarn_im_register = Kommune.objects.get(ags="14521210").nachbarschaften.exclude(nachbar=None).count()
    inhalt = Client().get("/kommunen/14521210/").content.decode()
    assert "<h1>Geyer, Stadt</h1>" in inhalt
    assert "3.255" in inhalt
    assert "Verwaltungsgemeinschaft <strong>Geyer-Tannenberg</strong>" in inhalt
    assert "erfüllende Gemeinde" in inhalt
    for nachbar in ("Ehrenfriedersdorf", "Tannenberg", "Zwönitz", "Elterlein"):
        assert nachbar in inhalt
    svgs = re.findall(r"<svg class=\"karte[^>]*>.*?</svg>", inhalt, re.S)
    assert len(svgs) == 2
    assert 'class="karte-auswahl"' in svgs[1]
    assert svgs[1].count("<path") == 418
    assert svgs[1].count('class="karte-nachbar"') == nachbarn_im_register >= 4
    assert svgs[0].count("<path") == nachbarn_im_register + 1
    assert "<title" in svgs[0] and "<desc" in svgs[0]


def test_dresden_shows_population_2024(grunddaten):
    inhalt = Client().get("/kommunen/14612000/").content.decode()
    assert "Stand 31.12.2024" in inhalt
    assert "Radebeul" in inhalt


@pytest.mark.parametrize(
    "pfad", ["/kommunen/99999999/", "/kommunen/abc/", "/kommunen/1452121/", "/gibt-es-nicht/"]
)
def test_unknown_pages_answer_with_a_german_404(grunddaten, pfad):
    antwort = Client().get(pfad)
    assert antwort.status_code == 404
    assert "Seite nicht gefunden" in antwort.content.decode()


def test_statistics_by_kreis_and_size_class(grunddaten):
    inhalt = Client().get("/kommunen/statistik/").content.decode()
    assert "Kommunen in Sachsen in Zahlen" in inhalt
    assert "Erzgebirgskreis" in inhalt
    assert "4.042.422" in inhalt  # Saxony's population 31.12.2024
    assert inhalt.count('<svg class="diagramm"') == 2
    st = Client().get("/kommunen/statistik/", {"land": "15"}).content.decode()
    assert "2.135.597" in st


def test_only_operators_may_activate_a_tenant(grunddaten, alice, client_fuer, django_user_model):
    antwort = client_fuer(alice).post("/kommunen/mandant-aktivieren/", {"schluessel": "14521610"})
    assert antwort.status_code == 403
    betreiber = client_fuer(django_user_model.objects.create_superuser("betrieb", "b@example.org", "x" * 12))
    antwort = betreiber.post(
        "/kommunen/mandant-aktivieren/",
        {"schluessel": "14521610", "weiter": "/kommunen/14521610/"},
        follow=True,
    )
    inhalt = antwort.content.decode()
    assert "Gemeindeverwaltung Tannenberg ist jetzt als Mandant aktiv." in inhalt
    assert "Gemeindeverwaltung Tannenberg (Gemeinde- oder Stadtverwaltung)" in inhalt
    wieder = betreiber.post("/kommunen/mandant-aktivieren/", {"schluessel": "145215110"}, follow=True)
    assert "Verwaltungsgemeinschaft Geyer-Tannenberg war bereits aktiv." in wieder.content.decode()
    falsch = betreiber.post("/kommunen/mandant-aktivieren/", {"schluessel": "145210160"}, follow=True)
    assert "verbandsfreie Gemeinde" in falsch.content.decode()
