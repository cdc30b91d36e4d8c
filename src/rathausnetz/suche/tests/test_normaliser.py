import pytest

from rathausnetz.suche import fold, name_key
from rathausnetz.suche.normaliser import entrennen, ocr_varianten, suchform, suchformen, varianten


@pytest.mark.parametrize(
    "schreibweise", ["Lößnitz", "Loessnitz", "Lössnitz", "Lossnitz", "LÖSSNITZ", "Lösnitz"]
)
def test_spellings_of_loessnitz_meet(schreibweise):
    assert name_key(schreibweise) == name_key("Lößnitz") == "losnitz"


def test_fold_keeps_words_apart_that_differ():
    assert fold("Geyer") != fold("Geier")
    assert fold("Görlitz") == fold("Goerlitz") == "gorlitz"
    assert fold("Straße") == "strasse"


def test_sorbian_and_punctuation():
    assert name_key("Bautzen / Budyšin") == "bautzen budysin"
    assert name_key("Stollberg/Erzgeb.") == "stolberg erzgeb"
    assert name_key("   ") == ""


# --- index terms: the same form for what a clerk types and what the scan says -----------------


@pytest.mark.parametrize("schreibweise", ["Geschäftsführer", "Geschaeftsfuehrer", "Geschaftsfuhrer"])
def test_umlaut_spellings_give_one_term(schreibweise):
    assert suchform(schreibweise) == suchform("Geschäftsführer")


def test_stemming_joins_inflected_forms():
    assert suchform("Gebühren") == suchform("Gebühr")
    assert suchform("Zweckverbandes") == suchform("Zweckverband")
    assert suchform("Steuern") == suchform("Steuer")


def test_stop_words_junk_and_ocr_rn():
    assert suchform("und") == suchform("der") == ""
    assert suchform("x" * 61) == ""
    assert suchform("Gerneinde") == suchform("Gemeinde")


def test_line_end_hyphenation_is_joined_but_real_hyphens_stay():
    assert entrennen("Kooperations-\nmöglichkeiten") == "Kooperationsmöglichkeiten"
    assert entrennen("Sachsen-\nAnhalt") == "Sachsen-\nAnhalt"
    assert suchformen("Zweckve-\nrbandes Trinkwasser") == [suchform("Zweckverband"), suchform("Trinkwasser")]


@pytest.mark.parametrize(
    ("gescannt", "gemeint"),
    [
        ("Geschéftsfuhrer", "Geschäftsführer"),  # é for ä
        ("Kooperationsméglichkeiten", "Kooperationsmöglichkeiten"),  # é for ö
        ("gro3e", "große"),  # 3 for ß
        ("groBe", "große"),  # B for ß
        ("Parkversté3e", "Parkverstöße"),  # both in one word: ß next to a damaged umlaut
    ],
)
def test_ocr_damage_gets_the_correct_term_as_variant(gescannt, gemeint):
    assert suchform(gemeint) in ocr_varianten(gescannt)
    assert suchform(gemeint) in varianten(f"Der Text sagt {gescannt} am Rand.")


def test_clean_words_get_no_variants():
    assert ocr_varianten("Gemeinderat") == ()
    assert varianten("Die Gemeinde Geyer begrüßt das ABC-Programm.") == []
