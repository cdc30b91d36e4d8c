"""``{% geschaeftsgang_vorgang vorgang %}``: the Geschäftsgang panel on the Vorgang page.

A tag rather than context from the akten view, so the akten app needs no knowledge of this app
beyond one include line in its template."""

from __future__ import annotations

from django import template

from rathausnetz.geschaeftsgang import forms
from rathausnetz.geschaeftsgang.models import Ablaufvorlage
from rathausnetz.geschaeftsgang.services.verfuegungen import verfuegungen_des_vorgangs

register = template.Library()


@register.inclusion_tag("geschaeftsgang/_vorgang.html", takes_context=True)
def geschaeftsgang_vorgang(context, vorgang) -> dict:
    darf = bool(context.get("darf_bearbeiten"))
    return {
        "vorgang": vorgang,
        "verfuegungen": verfuegungen_des_vorgangs(vorgang),
        "darf_starten": darf,
        "vorlagen": list(Ablaufvorlage.objects.filter(aktiv=True)) if darf else [],
        "kopf": forms.VerfuegungForm(vorgang=vorgang) if darf else None,
        "zeilen": forms.zeilen() if darf else [],
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
