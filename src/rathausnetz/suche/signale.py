"""Index on every save: whichever code path saves an Akte, Vorgang, Dokument or version, the
search row follows in the same transaction. Deletions cascade to ``Suchtext`` (foreign keys),
and the database removes the full-text entry with the row."""

from __future__ import annotations

from django.db.models.signals import post_save


def _akte(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        from rathausnetz.suche.services.index import akte_indexieren

        akte_indexieren(instance)


def _vorgang(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        from rathausnetz.suche.services.index import vorgang_indexieren

        vorgang_indexieren(instance)


def _dokument(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        from rathausnetz.suche.services.index import dokument_indexieren

        dokument_indexieren(instance)


def _version(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        from rathausnetz.suche.services.index import dokument_indexieren

        dokument_indexieren(instance.dokument)


def verbinden() -> None:
    from rathausnetz.akten.models import Akte, Dokument, Dokumentversion, Vorgang

    post_save.connect(_akte, sender=Akte, dispatch_uid="suche_akte")
    post_save.connect(_vorgang, sender=Vorgang, dispatch_uid="suche_vorgang")
    post_save.connect(_dokument, sender=Dokument, dispatch_uid="suche_dokument")
    post_save.connect(_version, sender=Dokumentversion, dispatch_uid="suche_version")
