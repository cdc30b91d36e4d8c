from django.contrib import admin

from rathausnetz.protokoll.models import Protokolleintrag


@admin.register(Protokolleintrag)
class ProtokolleintragAdmin(admin.ModelAdmin):
    list_display = ["zeitpunkt", "organisation", "benutzername", "aktion", "objekt_text"]
    list_filter = ["aktion"]
    search_fields = ["aktion", "objekt_text", "benutzername", "request_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
