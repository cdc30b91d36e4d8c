"""Partner finder for inter-municipal cooperation: which municipalities would suit as partners?

A municipality asks "with whom could we do this task together?". The answer is a ranked list of
candidates, each with the reasons that gave its score, so that a clerk can check and argue the
proposal instead of trusting a number. Signals and their points (sum capped at 100):

- ``grenze``: a shared border — services can be delivered across it, people already cross it;
  it counts by its share of the municipalities' borders.
- ``entfernung``: distance between the centres, the strongest single sign (short ways for staff
  and citizens); it also finds partners that do not touch the municipality.
- ``kreis``: same Kreis — same supervisory authority, and Saxony's administrative unions never
  cross a Kreis border.
- ``verband``: same Verwaltungsgemeinschaft / Verwaltungsverband / Verbandsgemeinde — the two
  already share an administration.
- ``kooperation``: existing cooperations of both (active or being prepared), more so in the asked
  task area; only cooperations the caller may see count.
- ``einwohner``: for a task area, small municipalities reach a sustainable size together (its
  ``empfohlene_einwohner``, else 10,000).
- ``fachverfahren``: the same software for the asked task area makes a shared service easier.

Separately, ``beitretbare`` lists active cooperations nearby that the municipality could join.

Why the shape of the code: the registry (636 municipalities, ~3,800 borders) changes about once a
year, cooperations and Fachverfahren every day. The static part is read once per process into plain
Python structures, keyed by a cheap stamp that is re-read every few minutes (the pattern of
``kommunen.services.karten``); each call queries only the dynamic part (one query without a task
area, three with one), always through ``Kooperation.objects`` so that a cooperation invisible to the
caller can never show up in a score or a reason. Like every query of tenant data this needs an
access context (web request, API token or ``systemzugriff``); without one it fails instead of
leaking.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, Max, OuterRef, Q, Value
from django.utils.translation import gettext as _

from rathausnetz.ikz.models import Aufgabenbereich, Fachverfahren, Kooperation
from rathausnetz.kommunen.models import Gemeindeverband, Kommune, Kreis, Nachbarschaft

#: candidates are the neighbours plus every municipality whose centre lies within this radius
RADIUS_KM = 35.0
#: a cooperation is offered to join when a member is a neighbour or its centre lies this near
BEITRITT_KM = 20.0
BEITRETBARE_MAX = 10
#: for a task area without its own recommendation: the size a small municipality should reach
STANDARD_EINWOHNER = 10_000

# Points per signal; the score is their sum, capped at 100. Tuned with bench/ikz_partner_bench.py
# against Saxony's Verwaltungsgemeinschaften and -verbände (municipalities that did choose each
# other): nearness and the same Kreis predict partners best; a flat bonus for any shared border
# pushed near partners that do not touch out of the top 5, so the border counts by its share.
GRENZE = 12.0  # reached when the border is GRENZE_VOLL_ANTEIL of either municipality's borders
GRENZE_VOLL_ANTEIL = 0.5
ENTFERNUNG = 40.0  # at distance 0, halved about every 4 km
ENTFERNUNG_SKALA_KM = 6.0
KREIS = 18.0
VERBAND = 25.0
KOOPERATION_BEREICH = 15.0  # a shared cooperation in the asked task area
KOOPERATION_SONST = 8.0  # first shared cooperation in another area
KOOPERATION_WEITERE = 2.0  # each further one
KOOPERATION_MAX = 20.0
EINWOHNER = 8.0  # only when a task area is asked: the general question has no size to reach
FACHVERFAHREN = 8.0

#: cooperations that tie two municipalities already (ideas and ended ones do not)
STATUS_BINDUNG = (
    Kooperation.Status.AKTIV,
    Kooperation.Status.VERHANDLUNG,
    Kooperation.Status.GENEHMIGUNG_BEANTRAGT,
)
_STEMPEL_SCHLUESSEL = "rathausnetz:ikz:partnersuche:stempel"
_STEMPEL_SEKUNDEN = 300
_ERDRADIUS_KM = 6371.0088


# --- result types (the views and the API use these names) -------------------------------------


@dataclass(frozen=True)
class Grund:
    """One reason of a score: ``art`` names the signal, ``text`` says it in German."""

    art: str
    text: str
    punkte: float


@dataclass(frozen=True)
class Kandidat:
    ags: str
    name: str
    kreis: str
    einwohner: int
    entfernung_km: float
    grenzlaenge_km: float | None
    #: 0–100, one decimal
    score: float
    #: highest ``punkte`` first
    gruende: tuple[Grund, ...]


@dataclass(frozen=True)
class BeitretbareKooperation:
    kooperation_id: int
    titel: str
    gruende: tuple[str, ...]


class Gemeinde(NamedTuple):
    """The municipality asked about: ``ergebnis.kommune.name`` or ``ags, name = ergebnis.kommune``."""

    ags: str
    name: str


@dataclass(frozen=True)
class Partnersuche:
    kommune: Gemeinde
    #: code of the task area, None when asked without one
    aufgabenbereich: str | None
    kandidaten: tuple[Kandidat, ...]
    beitretbare: tuple[BeitretbareKooperation, ...] = field(default_factory=tuple)


# --- the static registry, once per process ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Eintrag:
    ags: str
    name: str
    kreis_ags: str
    kreis_name: str
    kreis_typ: str
    einwohner: int
    lat: float
    lon: float
    #: only real unions (typ != verbandsfrei)
    verband_id: int | None
    verband_name: str
    verband_typ: str


@dataclass(frozen=True)
class _Register:
    eintraege: dict[str, _Eintrag]
    #: ags → {neighbour ags → border length km}, neighbours inside the registry only
    nachbarn: dict[str, dict[str, float]]
    #: ags → length of all borders with other municipalities (also those outside SN/ST), km
    grenze_gesamt: dict[str, float]
    #: union id → member ags
    verbandsmitglieder: dict[int, tuple[str, ...]]
    #: (ags, lat, lon in radians, cos lat) for the radius scan
    punkte: tuple[tuple[str, float, float, float], ...]


def _stempel() -> tuple:
    """Identifies the registry's state; re-read every few minutes, so that an import shows up soon."""
    stempel = cache.get(_STEMPEL_SCHLUESSEL)
    if stempel is None:
        werte = Kommune.objects.filter(aktiv=True).aggregate(
            n=Count("id"), g=Max("gebietsstand"), m=Max("id")
        )
        stempel = (werte["n"], werte["g"], werte["m"], Nachbarschaft.objects.count())
        cache.set(_STEMPEL_SCHLUESSEL, stempel, _STEMPEL_SEKUNDEN)
    return stempel


@lru_cache(maxsize=2)
def _register(stempel: tuple) -> _Register:
    """Read the registry into dicts and tuples (~20 ms, once per process and registry state)."""
    kreise = {k.pk: k for k in Kreis.objects.only("ags", "name", "typ")}
    verbaende = {
        v.pk: v
        for v in Gemeindeverband.objects.exclude(typ=Gemeindeverband.Typ.VERBANDSFREI).only("name", "typ")
    }
    eintraege: dict[str, _Eintrag] = {}
    pk_zu_ags: dict[int, str] = {}
    mitglieder: dict[int, list[str]] = defaultdict(list)
    zeilen = Kommune.objects.filter(aktiv=True, lat__isnull=False, lon__isnull=False).values_list(
        "pk", "ags", "name", "kreis_id", "einwohner", "lat", "lon", "gemeindeverband_id"
    )
    for pk, ags, name, kreis_id, einwohner, lat, lon, verband_id in zeilen:
        kreis = kreise[kreis_id]
        verband = verbaende.get(verband_id)
        eintraege[ags] = _Eintrag(
            ags=ags,
            name=name,
            kreis_ags=kreis.ags,
            kreis_name=kreis.name,
            kreis_typ=kreis.typ,
            einwohner=einwohner,
            lat=lat,
            lon=lon,
            verband_id=verband.pk if verband else None,
            verband_name=verband.name if verband else "",
            verband_typ=verband.typ if verband else "",
        )
        pk_zu_ags[pk] = ags
        if verband:
            mitglieder[verband.pk].append(ags)
    nachbarn: dict[str, dict[str, float]] = defaultdict(dict)
    gesamt: dict[str, float] = defaultdict(float)
    for kommune_id, nachbar_id, laenge in Nachbarschaft.objects.values_list(
        "kommune_id", "nachbar_id", "grenzlaenge_km"
    ):
        ags = pk_zu_ags.get(kommune_id)
        if ags is None:
            continue
        gesamt[ags] += float(laenge)
        nachbar_ags = pk_zu_ags.get(nachbar_id)
        if nachbar_ags is not None and nachbar_ags != ags:
            nachbarn[ags][nachbar_ags] = float(laenge)
    punkte = tuple(
        (e.ags, math.radians(e.lat), math.radians(e.lon), math.cos(math.radians(e.lat)))
        for e in eintraege.values()
    )
    return _Register(
        eintraege=eintraege,
        nachbarn=dict(nachbarn),
        grenze_gesamt=dict(gesamt),
        verbandsmitglieder={k: tuple(v) for k, v in mitglieder.items()},
        punkte=punkte,
    )


def _aktuelles_register() -> _Register:
    return _register(_stempel())


def register_verwerfen() -> None:
    """Forget the cached registry (after an import in this process; tests)."""
    cache.delete(_STEMPEL_SCHLUESSEL)
    _register.cache_clear()


def entfernung_km(a: _Eintrag, b: _Eintrag) -> float:
    """Great-circle distance between two centres (haversine)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dphi, dlam = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlam / 2) ** 2
    return 2 * _ERDRADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _im_umkreis(register: _Register, mitte: _Eintrag, radius_km: float) -> dict[str, float]:
    """ags → distance for every municipality within ``radius_km`` (a scan: 636 points cost ~0.3 ms)."""
    lat0, lon0 = math.radians(mitte.lat), math.radians(mitte.lon)
    cos0 = math.cos(lat0)
    max_dlat = radius_km / _ERDRADIUS_KM
    ergebnis: dict[str, float] = {}
    for ags, lat, lon, cos_lat in register.punkte:
        dphi = lat - lat0
        if abs(dphi) > max_dlat:
            continue
        h = math.sin(dphi / 2) ** 2 + cos0 * cos_lat * math.sin((lon - lon0) / 2) ** 2
        d = 2 * _ERDRADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
        if d <= radius_km:
            ergebnis[ags] = d
    return ergebnis


# --- German wording -------------------------------------------------------------------------


def _zahl(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _km(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def _prozent(x: float) -> str:
    return f"{round(x * 100)} %"


_VERBAND_ARTIKEL = {
    Gemeindeverband.Typ.VERWALTUNGSGEMEINSCHAFT: "zur Verwaltungsgemeinschaft",
    Gemeindeverband.Typ.VERWALTUNGSVERBAND: "zum Verwaltungsverband",
    Gemeindeverband.Typ.VERBANDSGEMEINDE: "zur Verbandsgemeinde",
}


def _landkreis(e: _Eintrag) -> str:
    """ "Erzgebirgskreis", "Landkreis Mittelsachsen"; a kreisfreie Stadt by its registry name."""
    if e.kreis_typ == Kreis.Typ.LANDKREIS and not e.kreis_name.endswith("kreis"):
        return f"Landkreis {e.kreis_name}"
    return e.kreis_name


def _im_kreis(e: _Eintrag) -> str:
    return f"im {_landkreis(e)}" if e.kreis_typ == Kreis.Typ.LANDKREIS else f"in {e.kreis_name}"


# --- input --------------------------------------------------------------------------------------


def _gemeinde_aufloesen(kommune: Kommune | str, register: _Register) -> tuple[_Eintrag, _Register]:
    ags = kommune.ags if isinstance(kommune, Kommune) else str(kommune).strip()
    if len(ags) != 8 or not ags.isdigit():
        raise ValidationError(
            _("Kein Gemeindeschlüssel: „%(ags)s“ – erwartet werden 8 Ziffern (Amtlicher Gemeindeschlüssel).")
            % {"ags": ags},
            code="ags_format",
        )
    eintrag = register.eintraege.get(ags)
    if eintrag is None:
        # Perhaps imported moments ago in another process: check the stamp now. The registry is only
        # read again if the stamp changed, so unknown keys cannot make every request expensive.
        cache.delete(_STEMPEL_SCHLUESSEL)
        register = _aktuelles_register()
        eintrag = register.eintraege.get(ags)
    if eintrag is None:
        raise ValidationError(
            _("Kein Gemeindeschlüssel einer Gemeinde in Sachsen oder Sachsen-Anhalt: %(ags)s.")
            % {"ags": ags},
            code="ags_unbekannt",
        )
    return eintrag, register


def _bereich_aufloesen(aufgabenbereich: Aufgabenbereich | str | None) -> Aufgabenbereich | None:
    if aufgabenbereich is None or isinstance(aufgabenbereich, Aufgabenbereich):
        return aufgabenbereich
    code = str(aufgabenbereich).strip()
    if not code:
        return None
    bereich = Aufgabenbereich.objects.filter(code=code).first()
    if bereich is None:
        raise ValidationError(
            _("Unbekannter Aufgabenbereich: „%(code)s“.") % {"code": code}, code="aufgabenbereich_unbekannt"
        )
    return bereich


# --- the dynamic part: cooperations and Fachverfahren --------------------------------------------


@dataclass
class _Koop:
    pk: int
    titel: str
    status: str
    verband: bool
    im_bereich: bool
    mitglieder: set[str] = field(default_factory=set)
    kreise: set[str] = field(default_factory=set)


def _kooperationen(
    gemeinde: _Eintrag, relevante: set[str], bereich: Aufgabenbereich | None, ohne_verbandsbindung: bool
) -> dict[int, _Koop]:
    """Visible cooperations (tying or active) with a member among ``relevante`` or the own Kreis,
    with all their members. One query; ``Kooperation.objects`` applies the caller's visibility."""
    sichtbar = Kooperation.objects.filter(status__in=STATUS_BINDUNG).filter(
        Q(mitglieder__kommune__ags__in=relevante) | Q(mitglieder__kreis__ags=gemeinde.kreis_ags)
    )
    if ohne_verbandsbindung:
        sichtbar = sichtbar.filter(gemeindeverband__isnull=True)
    im_bereich = (
        Exists(
            Kooperation.aufgabenbereiche.through.objects.filter(
                kooperation_id=OuterRef("pk"), aufgabenbereich_id=bereich.pk
            )
        )
        if bereich is not None
        else Value(False)
    )
    zeilen = (
        Kooperation.objects.filter(pk__in=sichtbar.values("pk"))
        .annotate(im_bereich=im_bereich)
        .values_list(
            "pk", "titel", "status", "gemeindeverband_id", "im_bereich", "mitglieder__kommune__ags",
            "mitglieder__kreis__ags",
        )
    )  # fmt: skip
    koops: dict[int, _Koop] = {}
    for pk, titel, status, verband_id, drin, kommune_ags, kreis_ags in zeilen:
        koop = koops.get(pk)
        if koop is None:
            koop = koops[pk] = _Koop(pk, titel, status, verband_id is not None, bool(drin))
        if kommune_ags:
            koop.mitglieder.add(kommune_ags)
        if kreis_ags:
            koop.kreise.add(kreis_ags)
    return koops


def _fachverfahren(bereich: Aufgabenbereich, relevante: set[str]) -> dict[str, tuple[str, str]]:
    """ags → (software compared case-insensitively, software as recorded) for the asked task area."""
    zeilen = Fachverfahren.objects.filter(aufgabenbereich_id=bereich.pk, kommune__ags__in=relevante)
    zeilen = zeilen.values_list("kommune__ags", "software")
    return {
        ags: (" ".join(software.split()).casefold(), software.strip())
        for ags, software in zeilen
        if software.strip()
    }


# --- scoring --------------------------------------------------------------------------------------


def _gruende(
    gemeinde: _Eintrag,
    partner: _Eintrag,
    register: _Register,
    entfernung: float,
    *,
    verband_zaehlt: bool,
    koops: list[_Koop],
    bereich: Aufgabenbereich | None,
    zielgroesse: int | None,
    software: dict[str, tuple[str, str]],
) -> list[Grund]:
    gruende: list[Grund] = []
    grenze = register.nachbarn.get(gemeinde.ags, {}).get(partner.ags)
    if grenze is not None:
        # The share of the smaller side's borders: a village half enclosed by a town is tied to it.
        eigen = grenze / (register.grenze_gesamt.get(gemeinde.ags) or grenze)
        fremd = grenze / (register.grenze_gesamt.get(partner.ags) or grenze)
        gruende.append(
            Grund(
                "grenze",
                f"gemeinsame Grenze von {_km(grenze)} km (Anteil an den Grenzen zu Nachbargemeinden: "
                f"{gemeinde.name} {_prozent(eigen)}, {partner.name} {_prozent(fremd)})",
                GRENZE * min(1.0, max(eigen, fremd) / GRENZE_VOLL_ANTEIL),
            )
        )
    gruende.append(
        Grund(
            "entfernung",
            f"Ortsmitten {_km(entfernung)} km voneinander entfernt",
            ENTFERNUNG * math.exp(-entfernung / ENTFERNUNG_SKALA_KM),
        )
    )
    if partner.kreis_ags == gemeinde.kreis_ags:
        aufsicht = " – dieselbe Rechtsaufsicht" if gemeinde.kreis_typ == Kreis.Typ.LANDKREIS else ""
        gruende.append(Grund("kreis", f"liegt ebenfalls {_im_kreis(gemeinde)}{aufsicht}", KREIS))
    if verband_zaehlt and gemeinde.verband_id is not None and partner.verband_id == gemeinde.verband_id:
        artikel = _VERBAND_ARTIKEL.get(gemeinde.verband_typ, "zum Gemeindeverband")
        gruende.append(Grund("verband", f"gehört ebenfalls {artikel} {gemeinde.verband_name}", VERBAND))
    if koops:
        # Same task area first; within it, active before those in preparation.
        koops = sorted(koops, key=lambda k: (not k.im_bereich, k.status != Kooperation.Status.AKTIV, k.titel))
        punkte = 0.0
        for nummer, koop in enumerate(koops):
            if koop.im_bereich:
                punkte += KOOPERATION_BEREICH
            else:
                punkte += KOOPERATION_SONST if nummer == 0 else KOOPERATION_WEITERE
        verb = "arbeitet bereits" if koops[0].status == Kooperation.Status.AKTIV else "bereitet bereits"
        text = f"{verb} mit {gemeinde.name} in der Kooperation „{koops[0].titel}“"
        text += " zusammen" if koops[0].status == Kooperation.Status.AKTIV else " vor"
        if koops[0].im_bereich and bereich is not None:
            text += f", auch im Aufgabenbereich {bereich.name}"
        if len(koops) > 1:
            text += f" (insgesamt {len(koops)} gemeinsame Kooperationen)"
        gruende.append(Grund("kooperation", text, min(KOOPERATION_MAX, punkte)))
    if zielgroesse is not None and gemeinde.einwohner < zielgroesse:
        zusammen = gemeinde.einwohner + partner.einwohner
        wofuer = f" für {bereich.name}" if bereich is not None and bereich.empfohlene_einwohner else ""
        if zusammen >= zielgroesse:
            gruende.append(
                Grund(
                    "einwohner",
                    f"zusammen {_zahl(zusammen)} Einwohner – erreicht die empfohlene Größe von "
                    f"{_zahl(zielgroesse)}{wofuer}",
                    EINWOHNER,
                )
            )
        else:
            # Partial credit: how much of the missing population this partner brings.
            anteil = partner.einwohner / (zielgroesse - gemeinde.einwohner)
            punkte = EINWOHNER * 0.6 * anteil
            if punkte >= 0.5:
                gruende.append(
                    Grund(
                        "einwohner",
                        f"zusammen {_zahl(zusammen)} Einwohner – {_prozent(zusammen / zielgroesse)} der "
                        f"empfohlenen {_zahl(zielgroesse)}{wofuer}",
                        punkte,
                    )
                )
    eigene = software.get(gemeinde.ags)
    fremde = software.get(partner.ags)
    if eigene and fremde and eigene[0] == fremde[0] and bereich is not None:
        gruende.append(
            Grund(
                "fachverfahren",
                f"nutzt ebenfalls das Fachverfahren „{eigene[1]}“ für {bereich.name} – gemeinsamer "
                "Betrieb ohne Datenumzug möglich",
                FACHVERFAHREN,
            )
        )
    gruende.sort(key=lambda g: -g.punkte)
    return [Grund(g.art, g.text, round(g.punkte, 1)) for g in gruende]


def _beitretbare(
    gemeinde: _Eintrag,
    register: _Register,
    entfernungen: dict[str, float],
    koops: dict[int, _Koop],
    bereich: Aufgabenbereich | None,
) -> tuple[BeitretbareKooperation, ...]:
    """Active cooperations (in the asked area, if one is asked) with a member nearby that the
    municipality is not part of. A union from the registry is offered only to a municipality
    without one: nobody belongs to two."""
    nachbarn = register.nachbarn.get(gemeinde.ags, {})
    treffer: list[tuple[float, BeitretbareKooperation]] = []
    for koop in koops.values():
        if koop.status != Kooperation.Status.AKTIV or gemeinde.ags in koop.mitglieder:
            continue
        if bereich is not None and not koop.im_bereich:
            continue
        if koop.verband and gemeinde.verband_id is not None:
            continue
        nahe = sorted(
            (
                ags
                for ags in koop.mitglieder
                if ags in nachbarn or entfernungen.get(ags, BEITRITT_KM + 1) <= BEITRITT_KM
            ),
            key=lambda ags: (ags not in nachbarn, entfernungen[ags]),
        )
        im_kreis = gemeinde.kreis_ags in koop.kreise
        if not nahe and not im_kreis:
            continue
        gruende: list[str] = []
        for ags in nahe[:3]:
            name = register.eintraege[ags].name
            if ags in nachbarn:
                grenze = _km(nachbarn[ags])
                gruende.append(f"Nachbargemeinde {name} ist Mitglied (gemeinsame Grenze {grenze} km)")
            else:
                gruende.append(f"Mitglied {name} liegt {_km(entfernungen[ags])} km entfernt")
        if len(nahe) > 3:
            gruende.append(f"insgesamt {len(nahe)} Mitglieder in der Nähe")
        if im_kreis:
            gruende.append(f"der {_landkreis(gemeinde)} ist selbst Mitglied")
        if bereich is not None:
            gruende.append(f"arbeitet im Aufgabenbereich {bereich.name}")
        gruende.append(f"{gemeinde.name} ist noch nicht Mitglied")
        naechste = min((entfernungen[a] for a in nahe), default=RADIUS_KM)
        rang = naechste - (10.0 if any(a in nachbarn for a in nahe) else 0.0)
        treffer.append((rang, BeitretbareKooperation(koop.pk, koop.titel, tuple(gruende))))
    treffer.sort(key=lambda paar: (paar[0], paar[1].titel))
    return tuple(b for _, b in treffer[:BEITRETBARE_MAX])


def partner_finden(
    kommune: Kommune | str,
    aufgabenbereich: Aufgabenbereich | str | None = None,
    *,
    anzahl: int = 10,
    ohne_verbandsbindung: bool = False,
) -> Partnersuche:
    """Rank partner candidates for ``kommune`` (a Kommune or its AGS), optionally for one task area.

    ``ohne_verbandsbindung`` ignores the municipality's own union and every cooperation imported
    from a union (``Kooperation.gemeindeverband``): what would we propose if the union did not
    exist? The benchmark uses it to evaluate the other signals honestly.

    Raises ``ValidationError`` (German message) for a malformed or unknown AGS, an unknown task
    area code or ``anzahl`` < 1.
    """
    if anzahl < 1:
        raise ValidationError(_("Die Zahl der Vorschläge muss mindestens 1 sein."), code="anzahl")
    gemeinde, register = _gemeinde_aufloesen(kommune, _aktuelles_register())
    bereich = _bereich_aufloesen(aufgabenbereich)

    entfernungen = _im_umkreis(register, gemeinde, RADIUS_KM)
    kandidaten = set(entfernungen) | set(register.nachbarn.get(gemeinde.ags, {}))
    verband_zaehlt = not ohne_verbandsbindung and gemeinde.verband_id is not None
    if verband_zaehlt:
        kandidaten.update(register.verbandsmitglieder.get(gemeinde.verband_id, ()))
    kandidaten.discard(gemeinde.ags)
    relevante = {*kandidaten, gemeinde.ags}

    koops = _kooperationen(gemeinde, relevante, bereich, ohne_verbandsbindung)
    gemeinsame: dict[str, list[_Koop]] = defaultdict(list)
    for koop in koops.values():
        # Unions count through ``verband`` (the registry's membership), not twice.
        if koop.verband or gemeinde.ags not in koop.mitglieder:
            continue
        for ags in koop.mitglieder:
            if ags != gemeinde.ags and ags in register.eintraege:
                gemeinsame[ags].append(koop)
                kandidaten.add(ags)  # a partner further away that we already work with

    software = _fachverfahren(bereich, {*kandidaten, gemeinde.ags}) if bereich is not None else {}
    zielgroesse = None
    if bereich is not None:
        zielgroesse = bereich.empfohlene_einwohner or STANDARD_EINWOHNER

    for ags in kandidaten - entfernungen.keys():
        # neighbours with a far centre, partners of existing cooperations
        entfernungen[ags] = entfernung_km(gemeinde, register.eintraege[ags])

    ergebnisse: list[Kandidat] = []
    for ags in kandidaten:
        partner = register.eintraege[ags]
        entfernung = entfernungen[ags]
        gruende = _gruende(
            gemeinde,
            partner,
            register,
            entfernung,
            verband_zaehlt=verband_zaehlt,
            koops=gemeinsame.get(ags, []),
            bereich=bereich,
            zielgroesse=zielgroesse,
            software=software,
        )
        grenze = register.nachbarn.get(gemeinde.ags, {}).get(ags)
        ergebnisse.append(
            Kandidat(
                ags=ags,
                name=partner.name,
                kreis=partner.kreis_name,
                einwohner=partner.einwohner,
                entfernung_km=round(entfernung, 1),
                grenzlaenge_km=round(grenze, 2) if grenze is not None else None,
                score=round(min(100.0, sum(g.punkte for g in gruende)), 1),
                gruende=tuple(gruende),
            )
        )
    ergebnisse.sort(key=lambda k: (-k.score, k.entfernung_km, k.ags))
    return Partnersuche(
        kommune=Gemeinde(gemeinde.ags, gemeinde.name),
        aufgabenbereich=bereich.code if bereich is not None else None,
        kandidaten=tuple(ergebnisse[:anzahl]),
        beitretbare=_beitretbare(gemeinde, register, entfernungen, koops, bereich),
    )
