import pytest

from rathausnetz.kommunen.models import Kommune
from rathausnetz.pagination import CursorError, decode_cursor, paginate


@pytest.mark.django_db
def test_cursor_pages_cover_the_list_without_gaps_or_repeats(grunddaten):
    qs = Kommune.objects.filter(land__code="14")
    ordnung = ["-einwohner", "ags"]
    gesehen, cursor = [], None
    while True:
        seite = paginate(qs, ordnung, limit=97, cursor=cursor)
        gesehen += [k.ags for k in seite.items]
        if not seite.next_cursor:
            break
        cursor = seite.next_cursor
    erwartet = list(qs.order_by(*ordnung).values_list("ags", flat=True))
    assert gesehen == erwartet
    assert len(gesehen) == 418


@pytest.mark.django_db
def test_cursor_of_another_ordering_or_garbage_is_rejected(grunddaten):
    seite = paginate(Kommune.objects.all(), ["ags"], limit=5)
    with pytest.raises(CursorError):
        decode_cursor(seite.next_cursor, ["name", "ags"])
    with pytest.raises(CursorError):
        decode_cursor("kein-cursor!", ["ags"])
