"""PDF documents (reports, certificates) from the same Django templates as the pages, via WeasyPrint."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone


def pdf(vorlage: str, kontext: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported late: loading pango costs time at start-up

    html = render_to_string(vorlage, kontext | {"erstellt": timezone.localtime()})
    return HTML(string=html, base_url=None).write_pdf()


def dateiname(text: str, endung: str) -> str:
    """A safe download name: letters, digits and hyphens only."""
    ersatz = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
    sauber = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.translate(ersatz))
    sauber = "-".join(teil for teil in sauber.split("-") if teil)[:80] or "bericht"
    return f"{sauber}.{endung}"
