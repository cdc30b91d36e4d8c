from django.contrib import admin

from rathausnetz.kommunen.models import (
    Gemeindeverband,
    Kommune,
    Kreis,
    Land,
    Organisation,
    Organisationseinheit,
)
from rathausnetz.protokoll.admin_mixin import ProtokollierterAdmin


class NurLesen(admin.ModelAdmin):
    """Registry rows come from official data; change them by import, not by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Land)
class LandAdmin(NurLesen):
    list_display = ["code", "name", "kurz"]


@admin.register(Kreis)
class KreisAdmin(NurLesen):
    list_display = ["ags", "name", "typ", "land"]
    list_filter = ["land", "typ"]


@admin.register(Gemeindeverband)
class GemeindeverbandAdmin(NurLesen):
    list_display = ["ars", "name", "typ", "kreis"]
    list_filter = ["typ", "kreis__land"]
    search_fields = ["name", "ars"]


@admin.register(Kommune)
class KommuneAdmin(NurLesen):
    list_display = ["ags", "name", "typ", "kreis", "einwohner", "aktiv"]
    list_filter = ["land", "typ", "aktiv"]
    search_fields = ["name", "ags", "suchname"]
    exclude = ["grenze"]


@admin.register(Organisation)
class OrganisationAdmin(ProtokollierterAdmin, admin.ModelAdmin):
    list_display = ["name", "typ", "aktiv", "erstellt_am"]
    list_filter = ["typ", "aktiv"]
    search_fields = ["name"]
    autocomplete_fields = ["kommunen"]
    raw_id_fields = ["gemeindeverband", "kreis"]


@admin.register(Organisationseinheit)
class OrganisationseinheitAdmin(ProtokollierterAdmin, admin.ModelAdmin):
    list_display = ["kuerzel", "name", "organisation", "aktiv"]
    list_filter = ["organisation"]
