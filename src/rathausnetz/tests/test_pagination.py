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


@pytest.mark.django_db
def test_pages_over_disjoint_parts_merge_in_order_and_can_cap_the_count(grunddaten):
    from rathausnetz.pagination import paginate_parts

    teile = [Kommune.objects.filter(land__code="14"), Kommune.objects.filter(land__code="15")]
    ordnung = ["-einwohner", "ags"]
    gesehen, cursor = [], None
    while True:
        seite = paginate_parts(teile, ordnung, limit=100, cursor=cursor)
        assert seite.count == 636
        gesehen += [k.ags for k in seite.items]
        if not seite.next_cursor:
            break
        cursor = seite.next_cursor
    assert gesehen == list(Kommune.objects.order_by(*ordnung).values_list("ags", flat=True))
    assert paginate_parts(teile, ordnung, limit=10, max_count=50).count == 51
