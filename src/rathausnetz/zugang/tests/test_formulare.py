"""``LangeAuswahl``: the fast <select> behaves like Django's own – escaped, the chosen value
selected, the empty choice first."""

from __future__ import annotations

import re

from django import forms

from rathausnetz.zugang.forms import LangeAuswahl


class _Formular(forms.Form):
    wahl = forms.ChoiceField(
        choices=[("", "– bitte wählen –"), ("1", "Geyer"), ("2", 'Thum <script>alert("x")</script> & Co')],
        widget=LangeAuswahl,
    )


def test_optionen_escaped_und_auswahl_markiert():
    html = str(_Formular(data={"wahl": "2"})["wahl"])
    assert html.startswith('<select name="wahl"') and 'id="id_wahl"' in html and " required" in html
    assert "<script>" not in html
    assert "Thum &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert re.findall(r'<option value="([^"]*)"( selected)?>', html) == [
        ("", ""),
        ("1", ""),
        ("2", " selected"),
    ]
