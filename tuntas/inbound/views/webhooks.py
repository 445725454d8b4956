"""Webhooks of the messaging providers. Each checks the signature, stores what it
received (its own transaction) and answers at once; processing follows the commit.

A channel whose secret is not configured does not exist (404). A bad or missing
signature is a 403 and nothing is stored.
"""

from __future__ import annotations

import hmac
import logging

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tuntas.inbound.parsing import Parsed, parse_email, parse_sms, parse_whatsapp, raw_text
from tuntas.inbound.services import process_stored, store_messages
from tuntas.inbound.signatures import valid_signature

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Tuntas-Signature"
WHATSAPP_SIGNATURE_HEADER = "X-Hub-Signature-256"


def _read_body(request: HttpRequest) -> bytes | None:
    """The raw body, or None when it is larger than TUNTAS_INBOUND_MAX_BYTES."""
    limit = settings.TUNTAS_INBOUND_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return None
    body = request.read(limit + 1)
    return None if len(body) > limit else body


def _receive(request: HttpRequest, secret: str, header: str, parse: str) -> HttpResponse:
    body = _read_body(request)
    if body is None:
        return HttpResponse(status=413)
    if not valid_signature(body, request.headers.get(header), secret):
        return HttpResponse(status=403)
    parsed: list[Parsed]
    if parse == "whatsapp":
        parsed = parse_whatsapp(body)
    elif parse == "sms":
        parsed = [parse_sms(body, request.content_type or "")]
    else:
        parsed = [parse_email(body)]
    now = timezone.now()
    ids = store_messages(parsed, raw=raw_text(body), now=now) if parsed else []
    # Stored and committed: a failure from here on leaves the message for the periodic task.
    try:
        process_stored(ids, now=now)
    except Exception:
        logger.exception("Inbound processing failed after store; the periodic task retries")
    return HttpResponse(status=200)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def whatsapp(request: HttpRequest) -> HttpResponse:
    """WhatsApp Cloud API: GET is the subscription handshake, POST delivers messages."""
    if request.method == "GET":
        token = settings.TUNTAS_WHATSAPP_VERIFY_TOKEN
        if not token:
            raise Http404
        given = request.GET.get("hub.verify_token", "")
        if request.GET.get("hub.mode") == "subscribe" and hmac.compare_digest(
            given.encode(), token.encode()
        ):
            return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
        return HttpResponse(status=403)
    secret = settings.TUNTAS_WHATSAPP_APP_SECRET
    if not secret:
        raise Http404
    return _receive(request, secret, WHATSAPP_SIGNATURE_HEADER, "whatsapp")


@csrf_exempt
@require_POST
def sms(request: HttpRequest) -> HttpResponse:
    """SMS gateway: ``{from, to, text, id}`` as JSON or a form."""
    secret = settings.TUNTAS_SMS_WEBHOOK_SECRET
    if not secret:
        raise Http404
    return _receive(request, secret, SIGNATURE_HEADER, "sms")


@csrf_exempt
@require_POST
def email(request: HttpRequest) -> HttpResponse:
    """An inbound-mail service posting the raw RFC 822 message (message/rfc822)."""
    secret = settings.TUNTAS_EMAIL_WEBHOOK_SECRET
    if not secret:
        raise Http404
    return _receive(request, secret, SIGNATURE_HEADER, "email")
