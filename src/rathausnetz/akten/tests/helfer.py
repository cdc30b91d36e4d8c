"""Small German fixtures for E-Akte tests: PDFs rendered with WeasyPrint, text files."""

from __future__ import annotations

import io
from functools import lru_cache


@lru_cache(maxsize=32)
def pdf(
    titel: str, text: str = "Sehr geehrte Damen und Herren,\nbitte finden Sie anbei die Unterlagen."
) -> bytes:
    from django.utils.html import escape
    from weasyprint import HTML

    absaetze = "".join(f"<p>{escape(z)}</p>" for z in text.splitlines())
    return HTML(string=f"<html lang='de'><body><h1>{escape(titel)}</h1>{absaetze}</body></html>").write_pdf()


def datei(inhalt: bytes) -> io.BytesIO:
    return io.BytesIO(inhalt)
