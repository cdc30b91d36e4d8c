"""URL converters. ``<id:pk>`` accepts at most 18 digits: anything longer cannot be a database id,
and Django's ``<int:…>`` would pass it on until the database refuses it with an error."""

from django.urls import register_converter


class IdKonverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdKonverter, "id")
