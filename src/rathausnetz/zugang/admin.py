from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from rathausnetz.protokoll.admin_mixin import ProtokollierterAdmin
from rathausnetz.zugang.models import ApiToken, Benutzer, Mitgliedschaft


class MitgliedschaftInline(admin.TabularInline):
    model = Mitgliedschaft
    extra = 0
    raw_id_fields = ["organisation", "organisationseinheit"]


@admin.register(Benutzer)
class BenutzerAdmin(ProtokollierterAdmin, UserAdmin):
    inlines = [MitgliedschaftInline]


@admin.register(Mitgliedschaft)
class MitgliedschaftAdmin(ProtokollierterAdmin, admin.ModelAdmin):
    list_display = ["benutzer", "organisation", "rollen", "aktiv"]
    list_filter = ["organisation", "aktiv"]
    raw_id_fields = ["benutzer", "organisation", "organisationseinheit"]


@admin.register(ApiToken)
class ApiTokenAdmin(ProtokollierterAdmin, admin.ModelAdmin):
    list_display = ["name", "kennung", "benutzer", "organisation", "erstellt_am", "widerrufen_am"]
    readonly_fields = [
        "kennung",
        "digest",
        "benutzer",
        "organisation",
        "erstellt_am",
        "zuletzt_benutzt",
    ]

    def has_add_permission(self, request):
        return False
