"""The IKZ pages: registry, maps, statistics, catalogue, the tools and their downloads."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client

from rathausnetz.ikz.models import Kooperation, Kooperationsmitglied, Modell, Umlage, UstPruefung
from rathausnetz.ikz.services.kooperationen import Mitgliedsangabe, kooperation_anlegen
from rathausnetz.ikz.tests.test_kooperationen import EHRENFRIEDERSDORF, GEYER, THUM, standesamt
from rathausnetz.kommunen.models import Kommune

ACCEPTANCE_ANTWORTEN = {
    "f_leistender_jpoer": "ja",
    "f_leistungsaustausch": "ja",
    "f_oeffentlich_rechtlich": "ja",
    "f_katalog_abs4": "nein",
    "f_umsatz_gleichartig": "48.000,00",
    "f_steuerfrei_vergleichbar": "nein",
    "f_empfaenger_jpoer": "ja",
    "f_vorbehalten_abs3_nr1": "ja",
    "f_option_27_22a": "nein",
}


@pytest.fixture
def kooperation(als, bob, gemeinde_a) -> Kooperation:
    with als(bob, gemeinde_a):
        return kooperation_anlegen(standesamt(sichtbarkeit="mitglieder"))


@pytest.fixture
def ohne_ehrenfriedersdorf(als, bob, gemeinde_a) -> Kooperation:
    with als(bob, gemeinde_a):
        return kooperation_anlegen(
            standesamt(
                mitglieder=[Mitgliedsangabe(GEYER, "federfuehrend"), Mitgliedsangabe(THUM, "beauftragend")]
            )
        )


@pytest.mark.parametrize(
    "pfad",
    [
        "/ikz/",
        "/ikz/?q=Geyer&status=aktiv",
        "/ikz/partnersuche/",
        "/ikz/modelle/",
        "/ikz/modelle/gemeinsames_standesamt/",
        "/ikz/rechtsformen/",
        "/ikz/karte/",
        "/ikz/karte/?ansicht=anzahl&land=15",
        "/ikz/karte/?ansicht=ohne&bereich=standesamt",
        "/ikz/statistik/",
    ],
)
def test_oeffentliche_seiten_fuer_gaeste(grunddaten, pfad):
    antwort = Client().get(pfad)
    assert antwort.status_code == 200
    assert "Rathausnetz" in antwort.content.decode()


def test_register_zeigt_die_verwaltungsgemeinschaft_mit_mitgliedern_und_karte(grunddaten):
    html = Client().get("/ikz/?q=Geyer-Tannenberg").content.decode()
    assert "Verwaltungsgemeinschaft Geyer-Tannenberg" in html
    k = Kooperation._base_manager.get(gemeindeverband__ars="145215110")
    detail = Client().get(f"/ikz/kooperationen/{k.pk}/").content.decode()
    assert "Tannenberg" in detail and "erfüllend / federführend" in detail
    karte = Client().get("/ikz/karte/?ansicht=verbaende").content.decode()
    # Geyer is coloured as a member of a union; the map links to the municipality
    assert 'href="/kommunen/14521210/"' in karte
    in_verbaenden = (
        Kommune.objects.filter(land__code="14").exclude(gemeindeverband__typ="verbandsfrei").count()
    )
    assert in_verbaenden == 179
    assert karte.count('class="karte-gruppe-') == in_verbaenden


def test_karte_zeigt_gemeinden_ohne_kooperation(grunddaten):
    html = Client().get("/ikz/karte/?ansicht=ohne").content.decode()
    assert "Gemeinden ohne Kooperation" in html
    assert "karte-ohne" in html


def test_kooperation_nur_fuer_mitglieder(
    kooperation, ohne_ehrenfriedersdorf, client_fuer, charlie, gemeinde_b
):
    charlie_client = client_fuer(charlie, gemeinde_b)
    for k in (kooperation, ohne_ehrenfriedersdorf):
        assert Client().get(f"/ikz/kooperationen/{k.pk}/").status_code == 404
    # Ehrenfriedersdorf is a member of the first only
    assert charlie_client.get(f"/ikz/kooperationen/{kooperation.pk}/").status_code == 200
    assert charlie_client.get(f"/ikz/kooperationen/{ohne_ehrenfriedersdorf.pk}/").status_code == 404
    assert charlie_client.get(f"/ikz/kooperationen/{ohne_ehrenfriedersdorf.pk}/ust/neu/").status_code == 404


def test_erfassen_per_formular_mit_namen_und_fehlermeldungen(client_fuer, bob, gemeinde_a):
    client = client_fuer(bob, gemeinde_a)
    daten = {
        "titel": "Gemeinsamer Gemeindevollzugsdienst",
        "rechtsform": "zweckvereinbarung_mandatierend",
        "aufgabenbereiche": ["gemeindevollzugsdienst"],
        "status": "verhandlung",
        "sichtbarkeit": "mitglieder",
        "mitglied_0": "Geyer",
        "rolle_0": "federfuehrend",
        "mitglied_1": "Geyer (14521210)",
        "rolle_1": "beauftragend",
    }
    antwort = client.post("/ikz/kooperationen/neu/", daten)
    assert antwort.status_code == 200
    assert "Geyer ist mehrfach als Mitglied aufgeführt" in antwort.content.decode()
    antwort = client.post("/ikz/kooperationen/neu/", daten | {"mitglied_1": "Gibtesnichtdorf"})
    assert "„Gibtesnichtdorf“ wurde im Kommunenregister nicht gefunden" in antwort.content.decode()
    antwort = client.post("/ikz/kooperationen/neu/", daten | {"mitglied_1": "Thum"})
    assert antwort.status_code == 302
    k = Kooperation._base_manager.get(titel="Gemeinsamer Gemeindevollzugsdienst")
    assert sorted(
        Kooperationsmitglied._base_manager.filter(kooperation=k).values_list("kommune__ags", flat=True)
    ) == [
        GEYER,
        THUM,
    ]


def test_ust_pruefung_per_formular_und_pdf(kooperation, client_fuer, bob, gemeinde_a):
    client = client_fuer(bob, gemeinde_a)
    seite = client.get(f"/ikz/kooperationen/{kooperation.pk}/ust/neu/").content.decode()
    assert "Keine Steuerberatung" in seite
    unvollstaendig = client.post(
        f"/ikz/kooperationen/{kooperation.pk}/ust/neu/",
        {"leistung": "Beurkundungen", "f_leistender_jpoer": "ja"},
    )
    assert unvollstaendig.status_code == 200
    assert "Bitte beantworten Sie diese Frage" in unvollstaendig.content.decode()
    assert not UstPruefung._base_manager.filter(kooperation=kooperation).exists()
    antwort = client.post(
        f"/ikz/kooperationen/{kooperation.pk}/ust/neu/", {"leistung": "Beurkundungen"} | ACCEPTANCE_ANTWORTEN
    )
    assert antwort.status_code == 302
    pruefung = UstPruefung._base_manager.get(kooperation=kooperation)
    assert pruefung.ergebnis == "nicht_steuerbar"
    assert "§ 2b Abs. 3 Nr. 1 UStG" in pruefung.vorschriften
    pdf = client.get(f"/ikz/ust/{pruefung.pk}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert (
        'filename="Pruefung-2b-UStG-Gemeinsames-Standesamt-Greifensteinregion-' in pdf["Content-Disposition"]
    )


def test_umlage_per_formular_csv_und_pdf(kooperation, client_fuer, bob, gemeinde_a):
    client = client_fuer(bob, gemeinde_a)
    falsch = client.post(
        f"/ikz/kooperationen/{kooperation.pk}/umlage/neu/",
        {"gesamtbetrag": "-5", "verfahren": "prozent", f"prozent_{GEYER}": "50", f"prozent_{THUM}": "30"},
    )
    inhalt = falsch.content.decode()
    assert "Der Betrag darf nicht negativ sein" in inhalt
    assert not Umlage._base_manager.exists()
    antwort = client.post(
        f"/ikz/kooperationen/{kooperation.pk}/umlage/neu/",
        {"bezeichnung": "Standesamt 2027", "gesamtbetrag": "48.000,00", "verfahren": "einwohner"},
    )
    assert antwort.status_code == 302
    umlage = Umlage._base_manager.get()
    betraege = {z["schluessel"]: Decimal(z["betrag"]) for z in umlage.zeilen}
    assert sum(betraege.values()) == Decimal("48000.00")
    assert set(betraege) == {GEYER, THUM, EHRENFRIEDERSDORF}
    assert betraege[THUM] > betraege[EHRENFRIEDERSDORF] > betraege[GEYER]  # 4,695 > 4,343 > 3,255 inhabitants
    roh = client.get(f"/ikz/umlage/{umlage.pk}/csv/").content.decode("utf-8-sig")
    zeilen = list(csv.reader(io.StringIO(roh), delimiter=";"))
    assert len(zeilen) == 5  # header, three members, sum
    pdf = client.get(f"/ikz/umlage/{umlage.pk}/pdf/")
    assert pdf.content.startswith(b"%PDF")


def test_modell_bearbeiten_nur_servicestelle_und_als_neue_fassung(
    client_fuer, bob, dora, gemeinde_a, verband
):
    assert (
        client_fuer(bob, gemeinde_a).get("/ikz/modelle/gemeinsames_standesamt/bearbeiten/").status_code == 403
    )
    client = client_fuer(dora, verband)
    formular = client.get("/ikz/modelle/gemeinsames_standesamt/bearbeiten/")
    assert formular.status_code == 200
    initial = formular.context["form"].initial
    daten = {k: v for k, v in initial.items() if v is not None and k != "rechtsformen"}
    daten |= {"rechtsformen": initial["rechtsformen"], "titel": "Gemeinsames Standesamt (überarbeitet)"}
    ohne_notiz = client.post("/ikz/modelle/gemeinsames_standesamt/bearbeiten/", daten)
    assert "Dieses Feld ist zwingend erforderlich" in ohne_notiz.content.decode()
    antwort = client.post(
        "/ikz/modelle/gemeinsames_standesamt/bearbeiten/", daten | {"aenderungsnotiz": "Titel geschärft"}
    )
    assert antwort.status_code == 302
    m = Modell.objects.get(code="gemeinsames_standesamt")
    assert m.aktuelle_fassung.nummer == 2 and m.titel == "Gemeinsames Standesamt (überarbeitet)"
    alt = client.get("/ikz/modelle/gemeinsames_standesamt/?fassung=1").content.decode()
    assert "ältere Fassung" in alt


def test_statistik_csv(grunddaten):
    antwort = Client().get("/ikz/statistik/?format=csv")
    zeilen = list(csv.reader(io.StringIO(antwort.content.decode("utf-8-sig")), delimiter=";"))
    assert zeilen[0] == ["Gliederung", "Merkmal", "Anzahl Kooperationen"]
    assert ["Rechtsform", "Verwaltungsgemeinschaft", "64"] in zeilen


def test_portfolio_mit_tagen_bis_2027(kooperation, client_fuer, bob, gemeinde_a):
    html = client_fuer(bob, gemeinde_a).get("/ikz/portfolio/").content.decode()
    assert "Gemeinsames Standesamt Greifensteinregion" in html
    assert "nicht geprüft" in html
    assert "1. Januar 2027" in html


def test_fachverfahren_erfasst_die_eigene_verwaltung(client_fuer, bob, charlie, gemeinde_a, gemeinde_b):
    from rathausnetz.ikz.models import Fachverfahren

    client = client_fuer(bob, gemeinde_a)
    assert "Fachverfahren von Geyer" in client.get("/ikz/fachverfahren/").content.decode()
    vorher = list(Fachverfahren.objects.order_by("pk").values_list("aufgabenbereich__code", "software"))
    zu_lang = client.post("/ikz/fachverfahren/", {"software_archiv": "x" * 151})
    assert "Höchstens 150 Zeichen" in zu_lang.content.decode()
    assert (
        list(Fachverfahren.objects.order_by("pk").values_list("aufgabenbereich__code", "software")) == vorher
    )
    # the form sends every row: what is left empty is removed
    client.post("/ikz/fachverfahren/", {"software_archiv": "ACTApro", "hersteller_archiv": "Startext"})
    assert list(Fachverfahren.objects.values_list("kommune__ags", "aufgabenbereich__code", "software")) == [
        (GEYER, "archiv", "ACTApro")
    ]
    # Charlie's page is Ehrenfriedersdorf's, whatever he asks for
    andere = client_fuer(charlie, gemeinde_b).get(f"/ikz/fachverfahren/?kommune={GEYER}").content.decode()
    assert "Fachverfahren von Ehrenfriedersdorf" in andere and "ACTApro" not in andere
    assert Client().get("/ikz/fachverfahren/").status_code == 302  # login first


def test_ust_vorschau_nennt_naechste_frage_und_vorlaeufiges_ergebnis(
    kooperation, client_fuer, bob, gemeinde_a
):
    client = client_fuer(bob, gemeinde_a)
    url = f"/ikz/kooperationen/{kooperation.pk}/ust/vorschau/"
    anfang = client.post(url, {"f_leistender_jpoer": "ja"}).content.decode()
    assert "Als Nächstes erheblich" in anfang and "Gegenleistung" in anfang
    kein_entgelt = client.post(
        url, {"f_leistender_jpoer": "ja", "f_leistungsaustausch": "nein", "f_option_27_22a": "nein"}
    ).content.decode()
    assert "Vorläufiges Ergebnis: <strong>nicht steuerbar</strong>" in kein_entgelt
    # everything after the decisive step no longer matters
    assert 'id="erheblich-vorbehalten_abs3_nr1" hx-swap-oob="true"><span class="marke-klein">' in kein_entgelt
    assert 'id="erheblich-leistungsaustausch" hx-swap-oob="true"></span>' in kein_entgelt
    fertig = client.post(url, ACCEPTANCE_ANTWORTEN).content.decode()
    assert "§ 2b Abs. 3 Nr. 1 UStG" in fertig
    assert not UstPruefung._base_manager.exists()  # a preview stores nothing


def test_portfolio_als_pdf(kooperation, client_fuer, bob, gemeinde_a):
    pdf = client_fuer(bob, gemeinde_a).get("/ikz/portfolio/?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert 'filename="Umsatzsteuer-2b-Uebersicht-Geyer.pdf"' in pdf["Content-Disposition"]
