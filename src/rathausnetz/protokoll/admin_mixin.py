"""Audit entries for changes operators make in the Django admin."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from rathausnetz.protokoll.services import protokolliere


class ProtokollierterAdmin:
    """Mixin for ModelAdmin: every save and delete in the admin lands in the audit log."""

    def save_model(self, request, obj, form, change):
        alt = dict(form.initial) if change else {}
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            felder = [
                f for f in (form.changed_data if change else list(form.cleaned_data)) if "password" not in f
            ]
            protokolliere(
                f"{obj._meta.model_name}.{'geaendert' if change else 'angelegt'}",
                objekt=obj,
                organisation_id=_organisation_id(obj),
                alt={f: _wert(alt.get(f)) for f in felder} if change else None,
                neu={f: _wert(form.cleaned_data.get(f)) for f in felder},
                daten={"ueber": "Admin-Oberfläche"},
            )

    def delete_model(self, request, obj):
        organisation_id = _organisation_id(obj)
        text = str(obj)
        with transaction.atomic():
            protokolliere(
                f"{obj._meta.model_name}.geloescht",
                objekt=obj,
                organisation_id=organisation_id,
                daten={"ueber": "Admin-Oberfläche", "objekt": text},
            )
            super().delete_model(request, obj)


def _wert(value):
    if isinstance(value, QuerySet):
        return sorted(str(v) for v in value)
    return value


def _organisation_id(obj) -> int | None:
    if obj._meta.model_name == "organisation":
        return obj.pk
    return getattr(obj, "organisation_id", None)
