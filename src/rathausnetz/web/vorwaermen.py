"""Warm-up in gunicorn's master process, before it forks the web processes.

In a fresh Python process the first request imports every view and API module (about a second
on this machine), builds Django's URL tables for ``{% url %}`` and compiles each template it
renders; the e-mail validator compiles its Unicode domain pattern (36 ms) on first use.
``rathausnetz serve`` loads the application in the master (``preload_app``) and calls
``vorwaermen`` there, so every web process starts with that work done and shares the memory
copy-on-write, also when gunicorn replaces one. Without it, a rush right after a (re)start met
cold processes: the first 50 registrations of the bench took 230–290 ms (p50), now about 100 ms,
later rounds 50–70 ms (bench/README.md).

Last, the objects built so far (about 190,000) are frozen out of Python's cyclic garbage
collector (``gc.freeze``, as the gc documentation advises for pre-fork servers). Otherwise every
web process, once in a few hundred requests, ran a full collection over all of them: 90 ms on an
idle machine, 170–370 ms under load, because it also wrote to every shared memory page. Those
stalls were the slowest registrations of the bench.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from django.core.validators import URLValidator, validate_email
from django.db import connections
from django.template import TemplateSyntaxError, engines
from django.urls import URLResolver, get_resolver
from django.utils.module_loading import autodiscover_modules

import rathausnetz

logger = logging.getLogger("rathausnetz.serve")

PAKET = Path(rathausnetz.__file__).resolve().parent


def vorwaermen() -> int:
    """Import, route and compile what requests need; returns the number of compiled templates.

    Leaves no database connection open: a connection must never be shared by forked processes.
    Call it last before forking: what it freezes is never collected (it lives as long as the
    server anyway)."""
    _routen(get_resolver())
    autodiscover_modules("tasks")  # enqueueing a mail imports its task module
    anzahl = _vorlagen_kompilieren()
    # Their regular expressions compile lazily, on the first registration or form with a URL.
    validate_email("vorwaermen@gemeinde.example")
    URLValidator()("https://www.gemeinde.example/")
    connections.close_all()
    gc.collect()
    gc.freeze()
    return anzahl


def _routen(resolver: URLResolver) -> None:
    """Import the URLconf with every view, then build the reverse tables of each namespace."""
    resolver.reverse_dict  # noqa: B018 - the property builds the tables
    for _praefix, unter in resolver.namespace_dict.values():
        _routen(unter)


def _vorlagen_kompilieren() -> int:
    """Our own templates into the cached loader (other apps' templates are rarely rendered)."""
    anzahl = 0
    for engine in engines.all():
        for ordner in engine.template_dirs:
            ordner = Path(ordner).resolve()
            if not ordner.is_relative_to(PAKET):
                continue
            for datei in sorted(p for p in ordner.rglob("*") if p.is_file()):
                name = datei.relative_to(ordner).as_posix()
                try:
                    engine.get_template(name)
                except TemplateSyntaxError as fehler:  # reported when rendered, must not stop the start
                    logger.warning("Vorlage %s: %s", name, fehler)
                    continue
                anzahl += 1
    return anzahl
