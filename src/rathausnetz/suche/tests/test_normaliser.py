import pytest

from rathausnetz.suche import fold, name_key


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
