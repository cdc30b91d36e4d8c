import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rathausnetz.kommunen.models import Bevoelkerungsstand, Kommune
from rathausnetz.kommunen.services.gv100ad import ImportFehler, importieren, lesen
from rathausnetz.kommunen.services.register import lade_register

pytestmark = pytest.mark.django_db
AUSZUG = Path(__file__).parent / "daten" / "gv100ad_auszug.txt"


def _kopie(tmp_path: Path, aendern=None) -> Path:
    zeilen = AUSZUG.read_text(encoding="utf-8").splitlines()
    if aendern:
        zeilen = aendern(zeilen)
    ziel = tmp_path / "GV100AD.txt"
    ziel.write_text("\n".join(zeilen) + "\n", encoding="utf-8")
    return ziel


def _zeile_ersetzen(zeilen: list[str], ags: str, von: int, bis: int, wert: str) -> list[str]:
    """Overwrite positions von..bis (1-based) of the Satzart-60 record of ``ags``."""
    out = []
    for z in zeilen:
        if z.startswith("60") and z[10:18] == ags:
            z = z[: von - 1] + wert.rjust(bis - von + 1, "0") + z[bis:]
        out.append(z)
    return out


def test_parser_reads_the_official_layout():
    daten = lesen(AUSZUG, ("14", "15"))
    assert daten.gebietsstand == dt.date(2025, 11, 30)
    geyer = daten.gemeinden["14521210"]
    assert geyer["name_amtlich"] == "Geyer, Stadt"
    assert geyer["typ"] == "stadt"
    assert geyer["einwohner"] == 3255
    assert geyer["einwohner_maennlich"] == 1565
    assert str(geyer["flaeche_km2"]) == "18.56"
    assert geyer["plz"] == "09468"
    assert geyer["ars"] == "145215110210"
    assert daten.verbaende["145215110"]["typ"] == "verwaltungsgemeinschaft"
    assert daten.sitz["145215110"] == "14521210"
    assert daten.kreise["15081"]["typ"] == "landkreis"


def test_import_of_the_same_edition_changes_nothing(grunddaten, system):
    daten, abgleich = importieren(AUSZUG)
    assert len(daten.gemeinden) > 60
    assert not abgleich.hat_aenderungen, str(abgleich)
    # The truncated 50-character name of Bautzen does not overwrite the full name.
    assert Kommune.objects.get(ags="14625020").name_amtlich.endswith("Wysokošulske město")


def test_new_edition_updates_in_place_and_keeps_population_history(grunddaten, system, tmp_path):
    def neue_ausgabe(zeilen):
        zeilen = [z[:2] + "20261130" + z[10:] for z in zeilen]
        return _zeile_ersetzen(zeilen, "14521210", 140, 150, "3201")

    pfad = _kopie(tmp_path, neue_ausgabe)
    _, _abgleich = importieren(pfad)
    geyer = Kommune.objects.get(ags="14521210")
    assert geyer.einwohner == 3201
    assert geyer.einwohner_stichtag == dt.date(2025, 12, 31)
    assert geyer.gebietsstand == dt.date(2026, 11, 30)
    verlauf = list(
        Bevoelkerungsstand.objects.filter(kommune=geyer)
        .order_by("stichtag")
        .values_list("einwohner", flat=True)
    )
    assert verlauf == [3255, 3201]
    # Idempotent: the same file again changes nothing.
    _, zweiter = importieren(pfad)
    assert not zweiter.hat_aenderungen
    # Restarting (./run loads the bundled registry) must not roll the newer edition back.
    neustart = lade_register()
    assert not neustart.hat_aenderungen
    assert neustart.hinweise
    geyer.refresh_from_db()
    assert (geyer.einwohner, geyer.gebietsstand) == (3201, dt.date(2026, 11, 30))
    # An older edition is refused as a whole.
    with pytest.raises(ImportFehler, match="älter als das Register"):
        importieren(AUSZUG)
    geyer.refresh_from_db()
    assert geyer.einwohner == 3201


def test_municipality_missing_from_a_newer_edition_becomes_inactive(grunddaten, system, tmp_path):
    def ohne_tannenberg(zeilen):
        zeilen = [z[:2] + "20261130" + z[10:] for z in zeilen]
        return [z for z in zeilen if not (z.startswith("60") and z[10:18] == "14521610")]

    importieren(_kopie(tmp_path, ohne_tannenberg))
    tannenberg = Kommune.objects.get(ags="14521610")
    assert tannenberg.aktiv is False
    assert Kommune.objects.get(ags="14521210").aktiv is True


def _erste(zeilen: list[str], satzart: str) -> int:
    return next(i for i, z in enumerate(zeilen) if z.startswith(satzart))


def _mit(satzart: str, ersetzen):
    def aendern(zeilen: list[str]) -> list[str]:
        i = _erste(zeilen, satzart)
        return [*zeilen[:i], ersetzen(zeilen[i]), *zeilen[i + 1 :]]

    aendern.zeile = lambda zeilen: _erste(zeilen, satzart) + 1
    return aendern


@pytest.mark.parametrize(
    ("aendern", "feld"),
    [
        (_mit("60", lambda z: z[:139] + "00000000x12" + z[150:]), "Bevölkerung insgesamt"),
        (_mit("60", lambda z: z[:150] + "99999999999" + z[161:]), "Bevölkerung männlich"),
        (_mit("50", lambda z: "99" + z[2:]), "Satzart"),
        (_mit("40", lambda z: z[:2] + "20251131" + z[10:]), "Gebietsstand"),
        (_mit("60", lambda z: z + "überlang"), "Satzlänge"),
        (_mit("60", lambda z: z[:122] + "69" + z[124:]), "Textkennzeichen"),
        (_mit("60", lambda z: z[:22] + " " * 50 + z[72:]), "Name"),
        (_mit("60", lambda z: z[:139] + "0000000３２５５" + z[150:]), "Bevölkerung insgesamt"),
    ],
)
def test_malformed_file_names_line_and_field_and_imports_nothing(grunddaten, system, tmp_path, aendern, feld):
    pfad = _kopie(tmp_path, aendern)
    vorher = list(Kommune.objects.order_by("ags").values_list("ags", "einwohner", "name", "aktiv"))
    with pytest.raises(ImportFehler) as info:
        importieren(pfad)
    assert info.value.zeile == aendern.zeile(AUSZUG.read_text(encoding="utf-8").splitlines())
    assert info.value.feld == feld
    assert str(info.value).startswith(f"Zeile {info.value.zeile}, Feld „{feld}“")
    assert list(Kommune.objects.order_by("ags").values_list("ags", "einwohner", "name", "aktiv")) == vorher


def test_truncated_file_stops_instead_of_retiring_municipalities(grunddaten, system, tmp_path):
    def abgeschnitten(zeilen):
        zeilen = [z[:2] + "20261130" + z[10:] for z in zeilen]
        letzte_geyer = max(i for i, z in enumerate(zeilen) if z[10:18] == "14521210")
        return zeilen[: letzte_geyer + 1]

    with pytest.raises(ImportFehler, match="unvollständig"):
        importieren(_kopie(tmp_path, abgeschnitten))
    assert Kommune.objects.filter(kreis__ags="14521", aktiv=False).count() == 0


def test_command_reports_errors_in_german_and_succeeds_on_good_files(grunddaten, tmp_path, capsys):
    kaputt = tmp_path / "kaputt.txt"
    kaputt.write_bytes(b"60\xff\xfe kaputt\n")
    with pytest.raises(CommandError, match=r"Nichts importiert\. Zeile 1, Feld „Zeichenkodierung“"):
        call_command("kommunen_import", str(kaputt))
    with pytest.raises(CommandError, match="nicht gefunden"):
        call_command("kommunen_import", str(tmp_path / "fehlt.txt"))
    with pytest.raises(CommandError, match="--laender"):
        call_command("kommunen_import", str(AUSZUG), laender="Sachsen")
    kopie = tmp_path / "auszug.txt"
    shutil.copy(AUSZUG, kopie)
    call_command("kommunen_import", str(kopie))
    assert "Keine Änderungen" in capsys.readouterr().out
