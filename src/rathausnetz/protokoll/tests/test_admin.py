import pytest

from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.protokoll.models import Protokolleintrag
from rathausnetz.protokoll.services import pruefe_ketten

pytestmark = pytest.mark.django_db


@pytest.fixture
def betrieb(client_fuer, django_user_model):
    return client_fuer(django_user_model.objects.create_superuser("betrieb", "betrieb@example.org", "x" * 12))


def test_changes_in_the_admin_are_audited(betrieb, gemeinde_b):
    antwort = betrieb.post(
        "/admin/kommunen/organisationseinheit/add/",
        {"organisation": gemeinde_b.pk, "name": "Bauhof", "kuerzel": "BH", "aktiv": "on"},
    )
    assert antwort.status_code == 302
    einheit = Organisationseinheit._base_manager.get(organisation=gemeinde_b, kuerzel="BH")
    angelegt = Protokolleintrag._base_manager.get(
        aktion="organisationseinheit.angelegt", objekt_id=str(einheit.pk)
    )
    assert angelegt.organisation_id == gemeinde_b.pk
    assert angelegt.benutzername == "betrieb"
    assert angelegt.aenderungen["ueber"] == "Admin-Oberfläche"
    betrieb.post(f"/admin/kommunen/organisationseinheit/{einheit.pk}/delete/", {"post": "yes"})
    assert not Organisationseinheit._base_manager.filter(pk=einheit.pk).exists()
    geloescht = Protokolleintrag._base_manager.get(aktion="organisationseinheit.geloescht")
    assert geloescht.aenderungen["objekt"] == "BH – Bauhof"
    assert pruefe_ketten().in_ordnung


def test_passwords_never_reach_the_log(betrieb):
    betrieb.post(
        "/admin/zugang/benutzer/add/",
        {
            "username": "neu",
            "password1": "Sehr-geheim-2026!",
            "password2": "Sehr-geheim-2026!",
            "usable_password": "true",
            "mitgliedschaften-TOTAL_FORMS": "0",
            "mitgliedschaften-INITIAL_FORMS": "0",
        },
    )
    eintrag = Protokolleintrag._base_manager.get(aktion="benutzer.angelegt", objekt_text="neu")
    assert eintrag.aenderungen["username"] == {"alt": None, "neu": "neu"}
    assert "Sehr-geheim" not in str(eintrag.aenderungen)
    assert not any("password" in feld for feld in eintrag.aenderungen)
