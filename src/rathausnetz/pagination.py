"""Keyset ("cursor") pagination shared by API lists and long UI lists.

A cursor encodes the sort values of the last row shown. The next page is "rows after that tuple"
in the list's order, which stays correct when rows are inserted or deleted meanwhile and costs
an index seek instead of an ever larger OFFSET.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet


class CursorError(ValueError):
    """The cursor is not one this list produced."""


def _field(name: str) -> tuple[str, bool]:
    return (name[1:], True) if name.startswith("-") else (name, False)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def encode_cursor(obj: Model, ordering: Sequence[str]) -> str:
    values = [_plain(getattr(obj, _field(name)[0])) for name in ordering]
    raw = json.dumps({"o": list(ordering), "v": values}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, ordering: Sequence[str]) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        values = data["v"]
        if data["o"] != list(ordering) or len(values) != len(ordering):
            raise CursorError("Der Cursor gehört zu einer anderen Sortierung.")
        return values
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        if isinstance(error, CursorError):
            raise
        raise CursorError("Der Cursor ist ungültig.") from None


def after(queryset: QuerySet, ordering: Sequence[str], values: Sequence[Any]) -> QuerySet:
    """Rows strictly after ``values`` in ``ordering`` (lexicographic, per-field direction)."""
    condition = Q()
    for i, name in enumerate(ordering):
        field, descending = _field(name)
        step = Q(**{f"{field}__lt" if descending else f"{field}__gt": values[i]})
        for previous in ordering[:i]:
            prev_field, _ = _field(previous)
            step &= Q(**{prev_field: values[ordering.index(previous)]})
        condition |= step
    return queryset.filter(condition)


@dataclass(frozen=True)
class Page:
    count: int
    items: list[Any]
    next_cursor: str | None


def paginate(
    queryset: QuerySet,
    ordering: Sequence[str],
    *,
    limit: int,
    offset: int = 0,
    cursor: str | None = None,
) -> Page:
    """One page by offset or by cursor; ``count`` is the total of the whole (filtered) list."""
    count = queryset.count()
    ordered = queryset.order_by(*ordering)
    if cursor:
        ordered = after(ordered, ordering, decode_cursor(cursor, ordering))
        offset = 0
    items = list(ordered[offset : offset + limit + 1])
    more = len(items) > limit
    items = items[:limit]
    next_cursor = encode_cursor(items[-1], ordering) if more and items else None
    return Page(count, items, next_cursor)


def paginate_parts(
    parts: Sequence[QuerySet],
    ordering: Sequence[str],
    *,
    limit: int,
    cursor: str | None = None,
    max_count: int | None = None,
) -> Page:
    """Like ``paginate``, for a list made of disjoint querysets: each part is sorted and limited by
    the database (on its own index), the first ``limit`` of the merged rows form the page.

    ``max_count`` stops counting there (``count`` is then ``max_count + 1``, meaning "more than"):
    counting 100,000 rows costs more than the page itself.
    """
    values = decode_cursor(cursor, ordering) if cursor else None
    rows: list[Any] = []
    for part in parts:
        ordered = part.order_by(*ordering)
        if values is not None:
            ordered = after(ordered, ordering, values)
        rows += list(ordered[: limit + 1])
    for name in reversed(ordering):  # stable sorts, last key first
        field, descending = _field(name)
        rows.sort(key=lambda row, f=field: getattr(row, f), reverse=descending)
    if max_count is None:
        count = sum(part.count() for part in parts)
    else:
        # without ORDER BY: which rows are counted up to the limit does not matter, and a sort
        # (or walking the sort index) kept the database from starting at the most selective filter
        count = min(sum(part.order_by()[: max_count + 1].count() for part in parts), max_count + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(count, rows, encode_cursor(rows[-1], ordering) if more and rows else None)
