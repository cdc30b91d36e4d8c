from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rathausnetz.protokoll.models import Protokolleintrag
from rathausnetz.protokoll.services import pruefe_ketten
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht


@login_required
def liste(request: HttpRequest) -> HttpResponse:
    """The active organisation's audit log, newest first, with the result of a chain check."""
    zugriff = pruefe_recht(Recht.PROTOKOLL_LESEN)
    eintraege = Protokolleintrag.objects.order_by("-nummer")
    aktion = request.GET.get("aktion", "").strip()[:80]
    if aktion:
        eintraege = eintraege.filter(aktion__startswith=aktion)
    seite = Paginator(eintraege, 50).get_page(request.GET.get("seite"))
    pruefung = pruefe_ketten(zugriff.organisation_id, alle=False) if "pruefen" in request.GET else None
    return render(request, "protokoll/liste.html", {"seite": seite, "aktion": aktion, "pruefung": pruefung})
