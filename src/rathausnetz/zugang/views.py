"""Login, organisation switcher, the organisation's units and members, the user's account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from rathausnetz.kommunen.models import Organisation, Organisationseinheit
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang import services
from rathausnetz.zugang.forms import EinheitForm, MitgliedNeuForm, MitgliedschaftForm, TokenForm
from rathausnetz.zugang.middleware import SESSION_ORGANISATION
from rathausnetz.zugang.models import ApiToken, Mitgliedschaft
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.tasks import passwort_link_senden


class Anmelden(LoginView):
    redirect_authenticated_user = True


def _aktive_organisation(request: HttpRequest) -> Organisation:
    if not request.zugriff.organisation_id:
        raise Http404("Keine aktive Organisation")
    return Organisation.objects.get(pk=request.zugriff.organisation_id)


def _mandantenobjekt(model, pk: int):
    """Tenant data by id: the manager filters through zugang, so a foreign row is simply absent (404)."""
    return get_object_or_404(model.objects, pk=pk)


def _formfehler(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for feld, meldungen in error.message_dict.items():
            for meldung in meldungen:
                form.add_error(feld if feld in form.fields else None, meldung)
    else:
        for meldung in error.messages:
            form.add_error(None, meldung)


@login_required
@require_POST
def wechseln(request: HttpRequest) -> HttpResponse:
    try:
        organisation_id = int(request.POST.get("organisation", ""))
    except ValueError:
        raise Http404("Unbekannte Organisation") from None
    try:
        zugriff = services.organisation_wechseln(request.user, organisation_id, request.request_id)
    except PermissionDenied:
        raise Http404("Unbekannte Organisation") from None
    request.session[SESSION_ORGANISATION] = zugriff.organisation_id
    organisation = Organisation.objects.get(pk=zugriff.organisation_id)
    messages.success(request, f"Sie arbeiten jetzt für {organisation.name}.")
    weiter = request.POST.get("weiter", "")
    # Pages of the previous organisation's data would answer 404 now: go to the start page then.
    if (
        weiter
        and url_has_allowed_host_and_scheme(
            weiter, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and not weiter.startswith(("/organisation/einheiten/", "/organisation/mitglieder/"))
    ):
        return redirect(weiter)
    return redirect("web:start")


@login_required
def organisation(request: HttpRequest) -> HttpResponse:
    org = _aktive_organisation(request)
    return render(
        request,
        "zugang/organisation.html",
        {
            "organisation": org,
            "kommunen": org.kommunen.select_related("kreis").order_by("name"),
            "einheiten": Organisationseinheit.objects.select_related("uebergeordnet").order_by("kuerzel"),
            "mitglieder": Mitgliedschaft.objects.filter(organisation=org)
            .select_related("benutzer", "organisationseinheit")
            .order_by("benutzer__last_name", "benutzer__username"),
            "darf_verwalten": request.zugriff.darf(Recht.ORGANISATION_VERWALTEN),
        },
    )


@login_required
def einheit_neu(request: HttpRequest) -> HttpResponse:
    services.pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    form = EinheitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            einheit = services.einheit_anlegen(
                form.cleaned_data["name"],
                form.cleaned_data["kuerzel"],
                form.cleaned_data["uebergeordnet"],
            )
        except ValidationError as error:
            _formfehler(form, error)
        else:
            messages.success(request, f"Die Einheit „{einheit}“ wurde angelegt.")
            return redirect("zugang:organisation")
    return render(request, "zugang/einheit_form.html", {"form": form, "einheit": None})


@login_required
def einheit_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    einheit = _mandantenobjekt(Organisationseinheit, pk)
    services.pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    initial = {
        "name": einheit.name,
        "kuerzel": einheit.kuerzel,
        "uebergeordnet": einheit.uebergeordnet,
        "aktiv": einheit.aktiv,
    }
    form = EinheitForm(request.POST or None, initial=initial, einheit=einheit)
    if request.method == "POST" and form.is_valid():
        try:
            services.einheit_aendern(einheit, **form.cleaned_data)
        except ValidationError as error:
            _formfehler(form, error)
        else:
            messages.success(request, f"Die Einheit „{einheit}“ wurde gespeichert.")
            return redirect("zugang:organisation")
    return render(request, "zugang/einheit_form.html", {"form": form, "einheit": einheit})


@login_required
def mitglied_neu(request: HttpRequest) -> HttpResponse:
    services.pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    form = MitgliedNeuForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        benutzer = get_user_model().objects.filter(username__iexact=d["username"]).first()
        try:
            with transaction.atomic():
                neu = benutzer is None
                if neu:
                    benutzer = services.benutzer_anlegen(
                        d["username"], d["email"], d["vorname"], d["nachname"]
                    )
                services.mitglied_hinzufuegen(benutzer, d["rollen"], d["organisationseinheit"], d["funktion"])
                if neu:
                    transaction.on_commit(lambda: passwort_link_senden.enqueue(benutzer.pk))
        except ValidationError as error:
            _formfehler(form, error)
        else:
            hinweis = " Ein Link zum Setzen des Passworts geht per E-Mail an das neue Konto." if neu else ""
            messages.success(request, f"{benutzer.anzeigename} ist jetzt Mitglied.{hinweis}")
            return redirect("zugang:organisation")
    return render(request, "zugang/mitglied_form.html", {"form": form, "mitgliedschaft": None})


@login_required
def mitglied_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    mitgliedschaft = _mandantenobjekt(Mitgliedschaft, pk)
    services.pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    initial = {
        "rollen": mitgliedschaft.rollen,
        "organisationseinheit": mitgliedschaft.organisationseinheit,
        "funktion": mitgliedschaft.funktion,
        "aktiv": mitgliedschaft.aktiv,
    }
    form = MitgliedschaftForm(
        request.POST or None, initial=initial, aktuelle_einheit_id=mitgliedschaft.organisationseinheit_id
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.mitgliedschaft_aendern(
                mitgliedschaft, d["rollen"], d["organisationseinheit"], d["funktion"], d["aktiv"]
            )
        except ValidationError as error:
            _formfehler(form, error)
        else:
            messages.success(
                request,
                f"Die Mitgliedschaft von {mitgliedschaft.benutzer.anzeigename} wurde gespeichert.",
            )
            return redirect("zugang:organisation")
    return render(request, "zugang/mitglied_form.html", {"form": form, "mitgliedschaft": mitgliedschaft})


@login_required
def konto(request: HttpRequest) -> HttpResponse:
    neues_token = None
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if not request.zugriff.organisation_id:
            raise PermissionDenied("Ohne Organisation gibt es keine API-Zugänge.")
        if form.is_valid():
            neues_token = services.token_erzeugen(
                request.user, _aktive_organisation(request), form.cleaned_data["name"]
            )
            form = TokenForm()
    tokens = ApiToken.objects.filter(widerrufen_am__isnull=True).order_by("-erstellt_am")
    return render(request, "zugang/konto.html", {"form": form, "tokens": tokens, "neues_token": neues_token})


@login_required
@require_POST
def token_widerrufen(request: HttpRequest, pk: int) -> HttpResponse:
    token = _mandantenobjekt(ApiToken, pk)
    with transaction.atomic():
        token.widerrufen_am = timezone.now()
        token.save(update_fields=["widerrufen_am"])
        protokolliere("apitoken.widerrufen", objekt=token)
    messages.success(request, f"Der Zugang „{token.name}“ wurde widerrufen.")
    return redirect("zugang:konto")
