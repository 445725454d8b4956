"""E-mail through Django's mail backend (SMTP in production): text and HTML parts."""

from __future__ import annotations

import hashlib
import smtplib
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError, EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.channels.text import absolute_link
from tuntas.outbox.models import DIGEST_EVENT, DeliveryChannel, OutboxMessage

# Seconds to wait for the mail server when EMAIL_TIMEOUT is not set: never hang.
DEFAULT_TIMEOUT = 30


def message_id(idempotency_key: str) -> str:
    """A Message-ID derived from the key: a repeated send is recognisably the same mail."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]
    domain = urlsplit(settings.TUNTAS_SITE_URL).hostname or "tuntas.invalid"
    return f"<{digest}@{domain}>"


def email_context(message: OutboxMessage) -> dict[str, Any]:
    recipient = message.recipient
    return {
        "name": recipient.display_name if recipient is not None else "",
        "subject": message.subject,
        "body": message.body,
        "url": absolute_link(message.link),
        "has_account": recipient is not None,
        "is_digest": message.event == DIGEST_EVENT,
        "preferences_url": absolute_link(reverse("outbox:preferences")),
        "site_url": settings.TUNTAS_SITE_URL,
    }


def _smtp_permanent(exc: smtplib.SMTPException) -> bool:
    """5xx answers are permanent; 4xx and lost connections are worth retrying."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


class EmailTransport(Transport):
    channel = DeliveryChannel.EMAIL

    def send(self, message: OutboxMessage) -> None:
        try:
            validate_email(message.address)
        except ValidationError as exc:
            raise TransportError(
                _("Alamat e-mail tidak sah: %(address)s") % {"address": message.address},
                permanent=True,
            ) from exc
        with translation.override(settings.LANGUAGE_CODE):
            context = email_context(message)
            text = render_to_string("outbox/email/message.txt", context)
            html = render_to_string("outbox/email/message.html", context)
        mail = EmailMultiAlternatives(
            subject=" ".join(message.subject.split()),
            body=text,
            to=[message.address],
            headers={"Message-ID": message_id(message.idempotency_key)},
            connection=get_connection(
                timeout=getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_TIMEOUT
            ),
        )
        mail.attach_alternative(html, "text/html")
        try:
            mail.send(fail_silently=False)
        except BadHeaderError as exc:
            raise TransportError(str(exc), permanent=True) from exc
        except smtplib.SMTPException as exc:
            raise TransportError(f"SMTP: {exc}", permanent=_smtp_permanent(exc)) from exc
        except OSError as exc:
            raise TransportError(f"SMTP: {exc}") from exc
