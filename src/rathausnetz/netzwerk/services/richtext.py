"""Rich text of best practices: a small, safe subset of HTML, cleaned with nh3 on every save.

Lotsinnen mostly type plain text: blank lines become paragraphs and lines starting with ``- `` or
``* `` become a list; inline tags (``<strong>``) may be mixed in. Text with block tags (``<p>``,
``<ul>`` …) is taken as HTML as it is. Either way the result
passes ``nh3.clean`` with the allow-list below, so scripts, event handlers (``onerror=``), styles
and ``javascript:`` links never reach a page. Output templates mark only this cleaned HTML safe.
"""

from __future__ import annotations

import html as html_modul
import re

import nh3
from django.utils.html import escape

ERLAUBTE_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote", "a", "code"}
)
ERLAUBTE_ATTRIBUTE = {"a": {"href", "title"}}
ERLAUBTE_SCHEMATA = frozenset({"http", "https", "mailto"})
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_BLOCK = re.compile(r"<(p|ul|ol|h3|h4|blockquote)\b", re.IGNORECASE)
_LISTENPUNKT = re.compile(r"^\s*[-*•]\s+")


def _aus_text(text: str, maskieren: bool) -> str:
    """Paragraphs and lists from lines; ``maskieren`` escapes text that has no tags at all."""
    schutz = escape if maskieren else str
    absaetze = []
    for block in re.split(r"\n\s*\n", text.strip()):
        zeilen = [z for z in block.splitlines() if z.strip()]
        if zeilen and all(_LISTENPUNKT.match(z) for z in zeilen):
            punkte = "".join(f"<li>{schutz(_LISTENPUNKT.sub('', z).strip())}</li>" for z in zeilen)
            absaetze.append(f"<ul>{punkte}</ul>")
        elif zeilen:
            absaetze.append("<p>" + "<br>".join(schutz(z.strip()) for z in zeilen) + "</p>")
    return "".join(absaetze)


def bereinigen(eingabe: str) -> str:
    """Safe HTML for storing and showing."""
    eingabe = (eingabe or "").replace("\r\n", "\n")
    html = eingabe if _BLOCK.search(eingabe) else _aus_text(eingabe, maskieren=not _TAG.search(eingabe))
    return nh3.clean(
        html,
        tags=set(ERLAUBTE_TAGS),
        attributes={k: set(v) for k, v in ERLAUBTE_ATTRIBUTE.items()},
        url_schemes=set(ERLAUBTE_SCHEMATA),
        link_rel="noopener noreferrer nofollow",
    ).strip()


def als_text(html: str) -> str:
    """Plain text of stored HTML (for search terms and the API's ``text_plain``)."""
    ohne_tags = nh3.clean(re.sub(r"<(br|/p|/li|/h[34])>", " ", html or ""), tags=set())
    return re.sub(r"\s+", " ", html_modul.unescape(ohne_tags)).strip()
