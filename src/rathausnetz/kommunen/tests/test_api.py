import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_counts_per_state(grunddaten):
    assert Client().get("/api/kommunen?land=14&limit=1").json()["count"] == 418
    assert Client().get("/api/kommunen?land=15&limit=1").json()["count"] == 218


def test_list_filters_and_item_shape(grunddaten):
    daten = (
        Client().get("/api/kommunen", {"kreis": "14521", "min_einwohner": 3000, "max_einwohner": 3500}).json()
    )
    assert daten["count"] == len(daten["items"]) > 0
    for item in daten["items"]:
        assert item["kreis"] == "14521"
        assert 3000 <= item["einwohner"] <= 3500
    geyer = next(i for i in daten["items"] if i["ags"] == "14521210")
    assert geyer == geyer | {
        "name": "Geyer",
        "typ": "stadt",
        "gemeindeverband": "145215110",
        "plz": "09468",
    }


def test_name_search(grunddaten):
    daten = Client().get("/api/kommunen", {"q": "Loessnitz"}).json()
    assert [i["name"] for i in daten["items"]] == ["Lößnitz"]


def test_limit_offset_and_cursor_agree(grunddaten):
    client = Client()
    alle = [
        i["ags"]
        for i in client.get("/api/kommunen", {"land": "14", "limit": 1000, "sort": "-einwohner"}).json()[
            "items"
        ]
    ]
    per_offset = [
        i["ags"]
        for i in client.get(
            "/api/kommunen", {"land": "14", "limit": 50, "offset": 100, "sort": "-einwohner"}
        ).json()["items"]
    ]
    assert per_offset == alle[100:150]
    seiten, cursor = [], None
    while True:
        params = {"land": "14", "limit": 150, "sort": "-einwohner"} | ({"cursor": cursor} if cursor else {})
        daten = client.get("/api/kommunen", params).json()
        seiten += [i["ags"] for i in daten["items"]]
        cursor = daten["next_cursor"]
        if not cursor:
            break
    assert seiten == alle


def test_detail_of_dresden_with_population_and_neighbours(grunddaten):
    daten = Client().get("/api/kommunen/14612000").json()
    assert daten["name"] == "Dresden"
    assert daten["einwohner_stichtag"] == "2024-12-31"
    assert daten["bevoelkerung"][0]["stichtag"] == "2024-12-31"
    assert daten["bevoelkerung"][0]["einwohner"] == daten["einwohner"] > 500_000
    nachbarn = {n["name"] for n in daten["nachbarn"]}
    assert {"Radebeul", "Heidenau", "Freital", "Moritzburg"} <= nachbarn
    assert daten["verband"] is None


def test_detail_of_a_member_of_a_union(grunddaten):
    daten = Client().get("/api/kommunen/14521610").json()
    assert daten["verband"]["name"] == "Geyer-Tannenberg"
    assert daten["verband"]["sitzgemeinde"] == {"ags": "14521210", "name": "Geyer"}
    assert {m["name"] for m in daten["verband"]["mitglieder"]} == {"Geyer", "Tannenberg"}


def test_geojson_on_request(grunddaten):
    antwort = Client().get("/api/kommunen/14521210?format=geojson")
    assert antwort["Content-Type"] == "application/geo+json"
    feature = antwort.json()
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "MultiPolygon"
    lon, lat = feature["geometry"]["coordinates"][0][0][0]
    assert 12.8 < lon < 13.1 and 50.5 < lat < 50.7
    per_header = (
        Client()
        .get("/api/kommunen", {"kreis": "14521", "limit": 3}, HTTP_ACCEPT="application/geo+json")
        .json()
    )
    assert per_header["type"] == "FeatureCollection"
    assert per_header["count"] == 59 and len(per_header["features"]) == 3


@pytest.mark.parametrize(
    ("params", "feld"),
    [
        ({"land": "Sachsen"}, "land"),
        ({"min_einwohner": "viele"}, "min_einwohner"),
        ({"limit": 0}, "limit"),
        ({"limit": 5000}, "limit"),
        ({"typ": "dorf"}, "typ"),
        ({"sort": "zufall"}, "sort"),
    ],
)
def test_invalid_parameters_answer_422_with_german_field_messages(grunddaten, params, feld):
    antwort = Client().get("/api/kommunen", params)
    assert antwort.status_code == 422
    fehler = antwort.json()["detail"]
    assert fehler[0]["feld"] == feld
    assert fehler[0]["meldung"][0].isupper()
    assert "Input" not in fehler[0]["meldung"]


def test_bad_cursor_and_inverted_range_are_422(grunddaten):
    assert Client().get("/api/kommunen", {"cursor": "abc"}).status_code == 422
    antwort = Client().get("/api/kommunen", {"min_einwohner": 10, "max_einwohner": 5})
    assert antwort.status_code == 422
    assert "größer als" in antwort.json()["detail"]


def test_unknown_ags_is_404_json(grunddaten):
    antwort = Client().get("/api/kommunen/00000000")
    assert antwort.status_code == 404
    assert antwort.json() == {"detail": "Nicht gefunden."}


def test_kreise_and_unions(grunddaten):
    kreise = Client().get("/api/kreise?land=14").json()
    assert kreise["count"] == 13
    assert sum(k["anzahl_kommunen"] for k in kreise["items"]) == 418
    verbaende = Client().get("/api/gemeindeverbaende?land=14").json()
    assert verbaende["count"] == 70
    st = Client().get("/api/gemeindeverbaende?typ=verbandsgemeinde").json()
    assert st["count"] == 18
    assert Client().get("/api/gemeindeverbaende/145215110").json()["sitzgemeinde"]["name"] == "Geyer"
    assert Client().get("/api/gemeindeverbaende/145210160").status_code == 404  # verbandsfrei


def test_openapi_document_lists_the_endpoints(grunddaten):
    schema = Client().get("/api/openapi.json").json()
    for pfad in (
        "/api/kommunen",
        "/api/kommunen/{ags}",
        "/api/organisationen",
        "/api/einheiten",
        "/api/protokoll",
    ):
        assert pfad in schema["paths"]
    assert Client().get("/api/docs").status_code == 200
