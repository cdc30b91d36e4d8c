"""The network staff enter a Reifegradcheck on behalf of a municipality (e.g. from a paper
questionnaire after a coaching session), and every result can be downloaded as PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from rathausnetz.kommunen.models import Kommune, Organisation
from rathausnetz.kommunen.services.mandanten import kommune_aktivieren
from rathausnetz.netzwerk.models import Reifegradcheck
from rathausnetz.netzwerk.services import reifegrad
from rathausnetz.netzwerk.services.reifegrad.fragebogen import AKTUELL
from rathausnetz.netzwerk.tests.conftest import GEYER, THUM, antworten
from rathausnetz.protokoll.models import Protokolleintrag
from rathausnetz.zugang.kontext import systemzugriff

#: weak in Kompetenzen (25), middling elsewhere
GEMISCHT = {
    "strategie": 2,
    "organisation": 2,
    "eakte": 3,
    "onlinedienste": 2,
    "it_sicherheit": 3,
    "kompetenzen": 1,
    "zusammenarbeit": 2,
}


def _text(inhalt: bytes) -> str:
    return "\n".join(seite.extract_text() for seite in PdfReader(io.BytesIO(inhalt)).pages)


def test_lotsin_traegt_fuer_thum_ein(als_lotte, lotte, verband):
    thum = Kommune.objects.get(ags=THUM)
    with als_lotte():
        check = reifegrad.check_speichern(antworten(GEMISCHT), thum)
    assert check.stellvertretend and check.eingetragen_durch == verband
    assert check.organisation.name == "Stadtverwaltung Thum"  # the result belongs to Thum
    assert check.erstellt_von_id == lotte.pk and check.kommune == thum
    assert check.ergebnisse["kompetenzen"] == 25
    eintrag = Protokolleintrag._base_manager.get(
        aktion="reifegradcheck.stellvertretend_ausgefuellt", objekt_id=str(check.pk)
    )
    assert eintrag.organisation_id == check.organisation_id  # in Thum's own audit chain
    assert eintrag.aenderungen["eingetragen_durch"] == verband.name
    assert not Protokolleintrag._base_manager.filter(
        aktion="reifegradcheck.ausgefuellt", objekt_id=str(check.pk)
    ).exists()


def test_eigener_check_ist_nicht_stellvertretend(als, alice, gemeinde_a):
    with als(alice, gemeinde_a):
        check = reifegrad.check_speichern(antworten(2))
    assert not check.stellvertretend and check.eingetragen_durch is None
    assert Protokolleintrag._base_manager.filter(
        aktion="reifegradcheck.ausgefuellt", objekt_id=str(check.pk)
    ).exists()


def test_stellvertretend_nur_fuer_saechsische_kommunen(als_lotte):
    ausserhalb = Kommune.objects.exclude(land__code="14").order_by("ags").first()
    assert ausserhalb is not None
    with als_lotte(), pytest.raises(ValidationError, match="nur für sächsische Kommunen"):
        reifegrad.check_speichern(antworten(2), ausserhalb)
    assert not Reifegradcheck._base_manager.exists()


def test_sachbearbeitung_kann_nicht_fuer_andere_eintragen(client_fuer, charlie, gemeinde_b):
    antwort = client_fuer(charlie, gemeinde_b).post(
        "/netzwerk/reifegrad/neu/", {"kommune": GEYER, **{k: str(v) for k, v in antworten(2).items()}}
    )
    # Charlie's form has no choice of municipality: the check is Ehrenfriedersdorf's own
    assert antwort.status_code == 302
    [check] = Reifegradcheck._base_manager.all()
    assert check.kommune.ags == "14521160" and not check.stellvertretend


def test_stellvertretend_ueber_das_formular(client_fuer, lotte, verband):
    client = client_fuer(lotte, verband)
    seite = client.get(f"/netzwerk/reifegrad/neu/?kommune={GEYER}").content.decode()
    assert "Reifegradcheck stellvertretend eintragen" in seite
    assert f'<option value="{GEYER}" selected>Geyer</option>' in seite
    ohne_kommune = client.post("/netzwerk/reifegrad/neu/", {k: str(v) for k, v in antworten(2).items()})
    assert "Bitte wählen Sie die Kommune, für die Sie den Check eintragen." in ohne_kommune.content.decode()
    antwort = client.post(
        "/netzwerk/reifegrad/neu/", {"kommune": GEYER, **{k: str(v) for k, v in antworten(3).items()}}
    )
    check = Reifegradcheck._base_manager.get(kommune__ags=GEYER)
    assert antwort.status_code == 302 and antwort["Location"] == check.get_absolute_url()
    ergebnis = client.get(check.get_absolute_url()).content.decode()
    assert f"stellvertretend eingetragen durch {verband.name}" in ergebnis


def test_api_stellvertretend(api_token, lotte, verband, alice, gemeinde_a):
    from django.test import Client

    client = Client(headers={"Authorization": f"Bearer {api_token(lotte, verband)}"})
    antwort = client.post(
        "/api/reifegradchecks", {"antworten": antworten(2), "kommune": GEYER}, content_type="application/json"
    )
    assert antwort.status_code == 201
    assert antwort.json()["stellvertretend_durch"] == verband.name
    eigen = Client(headers={"Authorization": f"Bearer {api_token(alice, gemeinde_a)}"})
    [eintrag] = eigen.get("/api/reifegradchecks").json()["items"]  # Geyer sees the check entered for it
    assert eintrag["id"] == antwort.json()["id"] and eintrag["kommune_name"] == "Geyer"


# --- PDF --------------------------------------------------------------------------------------


def _anderer_check(kommune: Kommune, wert: int) -> None:
    with systemzugriff("Test"):
        organisation = kommune_aktivieren(kommune)[0]
    Reifegradcheck._base_manager.create(
        organisation=organisation,
        kommune=kommune,
        fassung=AKTUELL.fassung,
        antworten=antworten(wert),
        ergebnisse={d.code: wert * 25 for d in AKTUELL.dimensionen},
        gesamt=wert * 25,
        einwohner=kommune.einwohner,
        erstellt_von_name="Hauptamt",
    )


@pytest.fixture
def zwei_checks_von_geyer(als, alice, gemeinde_a, als_lotte) -> Reifegradcheck:
    """A first check by Geyer a year ago, a second one entered by Lotte, and three other towns of
    Geyer's size class (2,000–5,000), so that the average is shown."""
    with als(alice, gemeinde_a):
        erster = reifegrad.check_speichern(antworten(1))
    Reifegradcheck._base_manager.filter(pk=erster.pk).update(
        erstellt_am=erster.erstellt_am - dt.timedelta(days=365)
    )
    for kommune in (
        Kommune.objects.filter(land__code="14", einwohner__gte=2_000, einwohner__lt=5_000)
        .exclude(ags=GEYER)
        .order_by("ags")[:3]
    ):
        _anderer_check(kommune, 3)
    with als_lotte():
        return reifegrad.check_speichern(antworten(GEMISCHT), Kommune.objects.get(ags=GEYER))


def test_ergebnis_als_pdf(client_fuer, alice, gemeinde_a, zwei_checks_von_geyer):
    check = zwei_checks_von_geyer
    seite = client_fuer(alice, gemeinde_a).get(check.get_absolute_url()).content.decode()
    assert f"/netzwerk/reifegrad/{check.pk}/ergebnis.pdf" in seite
    antwort = client_fuer(alice, gemeinde_a).get(f"/netzwerk/reifegrad/{check.pk}/ergebnis.pdf")
    assert antwort.status_code == 200 and antwort["Content-Type"] == "application/pdf"
    assert antwort["Content-Disposition"].startswith('attachment; filename="Reifegradcheck-Geyer-')
    assert antwort.content.startswith(b"%PDF")
    text = _text(antwort.content)
    assert "Reifegrad von Geyer" in text
    assert (
        f"stellvertretend eingetragen durch {Organisation.objects.get(pk=check.eingetragen_durch_id).name}"
        in " ".join(text.split())
    )
    for dimension in AKTUELL.dimensionen:
        assert dimension.name in text
    assert "Ø Größenklasse" in text and "Veränderung" in text  # comparison columns
    assert "Vergleich mit dem vorherigen Check" in text
    assert "Gesamt 54 25 +29 75" in " ".join(text.split())  # now, before, change, size class
    assert "beruht auf dem jeweils neuesten Ergebnis von 3 anderen Kommunen" in " ".join(text.split())
    kompetenzen = next(d for d in AKTUELL.dimensionen if d.code == "kompetenzen")
    assert f"{kompetenzen.name}: 25 von 100" in text  # the recommendation of the weak dimension
    assert kompetenzen.empfehlung.split()[0] in text


def test_pdf_ohne_vergleich_sagt_das(client_fuer, alice, gemeinde_a, als):
    with als(alice, gemeinde_a):
        check = reifegrad.check_speichern(antworten(4))
    inhalt = client_fuer(alice, gemeinde_a).get(f"/netzwerk/reifegrad/{check.pk}/ergebnis.pdf").content
    text = " ".join(_text(inhalt).split())
    assert "Das ist der erste Reifegradcheck von Geyer." in text
    assert "noch nicht möglich" in text and "Ø Größenklasse" not in text
    assert "In allen Dimensionen volle Punktzahl" in text


def test_pdf_nur_fuer_die_kommune_und_das_netzwerk(
    client_fuer, charlie, gemeinde_b, lotte, verband, als, alice, gemeinde_a
):
    from django.test import Client

    with als(alice, gemeinde_a):
        check = reifegrad.check_speichern(antworten(2))
    pfad = f"/netzwerk/reifegrad/{check.pk}/ergebnis.pdf"
    assert client_fuer(charlie, gemeinde_b).get(pfad).status_code == 404  # another municipality's result
    assert Client().get(pfad).status_code == 302  # guests: to the login
    assert client_fuer(lotte, verband).get(pfad).content.startswith(b"%PDF")
