from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from rathausnetz.zugang import views
from rathausnetz.zugang.forms import PasswortVergessenForm

# Django's auth views reverse these names without a namespace.
auth_urlpatterns = [
    path("anmelden/", views.Anmelden.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "passwort/vergessen/",
        auth_views.PasswordResetView.as_view(form_class=PasswortVergessenForm),
        name="password_reset",
    ),
    path(
        "passwort/vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort/neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort/neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "konto/passwort/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path(
        "konto/passwort/fertig/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

app_name = "zugang"
urlpatterns = [
    path("organisation/", views.organisation, name="organisation"),
    path("organisation/wechseln/", views.wechseln, name="wechseln"),
    path("organisation/einheiten/neu/", views.einheit_neu, name="einheit_neu"),
    path("organisation/einheiten/<id:pk>/", views.einheit_bearbeiten, name="einheit_bearbeiten"),
    path("organisation/mitglieder/neu/", views.mitglied_neu, name="mitglied_neu"),
    path("organisation/mitglieder/<id:pk>/", views.mitglied_bearbeiten, name="mitglied_bearbeiten"),
    path("konto/", views.konto, name="konto"),
    path("konto/tokens/<id:pk>/widerrufen/", views.token_widerrufen, name="token_widerrufen"),
]
