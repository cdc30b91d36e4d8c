"""The one way routes end: together with their Akte, when it is disposed of (Aussonderung).

Verfügungen and their records refuse to be deleted one by one (they belong to the Akte). When the
archive has taken the Akte over, or it was appraised as worthless, the whole file goes — with the
routes inside it. The caller (``austausch.services.aussonderung``) has checked the Löschsperre,
the rights and the archive's confirmation, and keeps the Vernichtungsprotokoll.
"""

from __future__ import annotations

from rathausnetz.geschaeftsgang.models import Verfuegung, Verfuegungsschritt, Zeichnungsvermerk


def mit_akte_vernichten(akte_id: int) -> int:
    """Delete every route on the Akte's Vorgänge (and their records); returns how many routes."""
    verfuegungen = Verfuegung._base_manager.filter(vorgang__akte_id=akte_id)
    anzahl = verfuegungen.count()
    Zeichnungsvermerk._base_manager.filter(verfuegung__in=verfuegungen).delete()
    schritte = Verfuegungsschritt._base_manager.filter(verfuegung__in=verfuegungen)
    schritte.update(weitergeleitet_von=None)  # steps point at each other (PROTECT)
    schritte.delete()
    verfuegungen.delete()
    return anzahl
