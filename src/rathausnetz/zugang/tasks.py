"""Background work of ``zugang``. Tasks take ids and load what they need themselves."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task


@task()
def passwort_link_senden(benutzer_id: int) -> bool:
    """Mail a password reset link. The token is made here, so it is fresh when the mail leaves."""
    benutzer = get_user_model().objects.filter(pk=benutzer_id, is_active=True).first()
    if benutzer is None or not benutzer.email:
        return False
    pfad = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(benutzer.pk)),
            "token": default_token_generator.make_token(benutzer),
        },
    )
    kontext = {
        "benutzer": benutzer,
        "link": f"{settings.BASE_URL}{pfad}",
        "stunden": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    send_mail(
        subject="Rathausnetz: Passwort zurücksetzen",
        message=render_to_string("registration/passwort_mail.txt", kontext),
        from_email=None,
        recipient_list=[benutzer.email],
    )
    return True
