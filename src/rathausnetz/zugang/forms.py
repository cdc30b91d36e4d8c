from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.zugang.rechte import Rolle


class Formular(forms.Form):
    """German forms without the trailing colon Django adds to labels."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DatumInput(forms.DateInput):
    """The browser's date picker; the value in the ISO form it expects."""

    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class LangeAuswahl(forms.Select):
    """A ``<select>`` for long lists (e.g. the 418 municipalities of a full installation), built as
    one string: Django renders every option through a template, which for 418 options doubled the
    time of the page that shows the list (Akte page: 46 → 101 ms). Plain options only, no groups."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        gewaehlt = {str(v) for v in self.format_value(value)}
        optionen = "".join(
            f'<option value="{escape(wert)}"{" selected" if str(wert) in gewaehlt else ""}>'
            f"{escape(text)}</option>"
            for wert, text in self.choices
        )
        kopf = f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>'
        return mark_safe(kopf + optionen + "</select>")  # noqa: S308 - values and labels escaped


class DatumZeitInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MehrereDateien(forms.ClearableFileInput):
    allow_multiple_selected = True


class MehrereDateienFeld(forms.FileField):
    """Django's documented pattern for <input type=file multiple>: a list of files."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MehrereDateien())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        einzeln = super().clean
        if isinstance(data, list | tuple):
            return [einzeln(d, initial) for d in data]
        return [einzeln(data, initial)]


def fehler_ins_formular(form: forms.Form, fehler: ValidationError) -> None:
    """A service's ValidationError shown at the fields it names (the rest above the form)."""
    if hasattr(fehler, "error_dict"):
        for feld, meldungen in fehler.message_dict.items():
            for meldung in meldungen:
                form.add_error(feld if feld in form.fields else None, meldung)
    else:
        for meldung in fehler.messages:
            form.add_error(None, meldung)


class PasswortVergessenForm(PasswordResetForm):
    """Sends the reset link through the task queue, after the request's transaction commits."""

    def get_users(self, email: str):
        # Unlike Django's form, also accounts that have no password yet: new colleagues set their
        # first one this way, and an expired invitation can be sent again.
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)

    def save(self, *args, **kwargs) -> None:  # signature of PasswordResetForm.save
        from rathausnetz.zugang.tasks import passwort_link_senden

        for benutzer in self.get_users(self.cleaned_data["email"]):
            transaction.on_commit(lambda pk=benutzer.pk: passwort_link_senden.enqueue(pk))


class EinheitForm(Formular):
    name = forms.CharField(label=_("Bezeichnung"), max_length=150, min_length=2)
    kuerzel = forms.RegexField(
        label=_("Kürzel"),
        max_length=20,
        regex=r"^[\w./ -]+$",
        help_text=_("z. B. HA für Hauptamt; Buchstaben, Ziffern, Punkt, Bindestrich"),
        error_messages={
            "invalid": _("Nur Buchstaben, Ziffern, Leerzeichen, Punkt, Schrägstrich und Bindestrich.")
        },
    )
    uebergeordnet = forms.ModelChoiceField(label=_("Übergeordnete Einheit"), required=False, queryset=None)
    aktiv = forms.BooleanField(label=_("aktiv"), required=False, initial=True)

    def __init__(self, *args, einheit: Organisationseinheit | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Evaluated inside the request: zugang filters it to the active organisation.
        qs = Organisationseinheit.objects.filter(aktiv=True)
        if einheit is not None:
            # The current parent stays selectable even if it has been deactivated meanwhile.
            qs = (qs | Organisationseinheit.objects.filter(pk=einheit.uebergeordnet_id)).exclude(
                pk=einheit.pk
            )
        qs = qs.order_by("kuerzel")
        self.fields["uebergeordnet"].queryset = qs
        if einheit is None:
            del self.fields["aktiv"]


class MitgliedschaftForm(Formular):
    rollen = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Rolle.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte mindestens eine Rolle wählen.")},
    )
    organisationseinheit = forms.ModelChoiceField(
        label=_("Organisationseinheit"), required=False, queryset=None
    )
    funktion = forms.CharField(
        label=_("Funktion"),
        max_length=120,
        required=False,
        help_text=_("z. B. Hauptamtsleiterin, Bürgermeister"),
    )
    aktiv = forms.BooleanField(label=_("Mitgliedschaft aktiv"), required=False, initial=True)

    def __init__(self, *args, aktuelle_einheit_id: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A member's current unit stays selectable even if it has been deactivated meanwhile.
        qs = Organisationseinheit.objects.filter(aktiv=True) | Organisationseinheit.objects.filter(
            pk=aktuelle_einheit_id
        )
        self.fields["organisationseinheit"].queryset = qs.order_by("kuerzel")


class MitgliedNeuForm(MitgliedschaftForm):
    username = forms.RegexField(
        label=_("Benutzername"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_(
            "Gibt es das Konto schon (z. B. aus einer anderen Organisation), wird es mit seiner "
            "E-Mail-Adresse aufgenommen; sonst wird es neu angelegt."
        ),
        error_messages={"invalid": _("Nur Buchstaben, Ziffern und @ . + - _ sind erlaubt.")},
    )
    vorname = forms.CharField(label=_("Vorname"), max_length=150, required=False)
    nachname = forms.CharField(label=_("Nachname"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        required=False,
        help_text=_(
            "Neue Konten erhalten an diese Adresse einen Link zum Setzen des Passworts; bestehende "
            "Konten werden an ihr erkannt."
        ),
    )
    field_order = [
        "username",
        "vorname",
        "nachname",
        "email",
        "rollen",
        "organisationseinheit",
        "funktion",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["aktiv"]

    def clean(self):
        data = super().clean()
        username = data.get("username")
        if not username:
            return data
        vorhanden = get_user_model().objects.filter(username__iexact=username).first()
        email = (data.get("email") or "").strip()
        if vorhanden is None and not email:
            self.add_error("email", _("Für ein neues Konto wird eine E-Mail-Adresse benötigt."))
        elif vorhanden is not None and (not email or email.lower() != vorhanden.email.lower()):
            # An existing account joins only if the admin knows its e-mail address: nobody can pull
            # in (and then see) accounts of other organisations by guessing user names.
            self.add_error(
                "email",
                _(
                    "Den Benutzernamen gibt es schon. Um dieses Konto aufzunehmen, geben Sie seine "
                    "E-Mail-Adresse an; sonst wählen Sie einen anderen Benutzernamen."
                ),
            )
        return data


class TokenForm(Formular):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        min_length=2,
        help_text=_("Wofür ist der Zugang? z. B. „Fachverfahren Standesamt“"),
    )
