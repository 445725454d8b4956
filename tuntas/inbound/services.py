"""Store every received message first, then process it: a reply on the sender's report,
a new report, or a message kept for the staff with the reason it could not be handled."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.core.errors import ApplicationError, ValidationFailed
from tuntas.core.phones import international_digits
from tuntas.inbound.addresses import find_tracking_id, normalise_email
from tuntas.inbound.models import InboundChannel, InboundMessage, InboundState
from tuntas.inbound.parsing import Parsed, without_quoted_reply
from tuntas.inbound.replies import queue_receipt
from tuntas.inbound.routing import find_route, route_for_destination
from tuntas.reference.models import Channel, Classification
from tuntas.reports import actions
from tuntas.reports.actions import Actor, ReportInput, composed_transaction
from tuntas.reports.models import Report, Status

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
TITLE_MAX = 200  # Report.title
YES_WORDS = frozenset({"Y", "YA"})
NO_WORDS = frozenset({"T", "TIDAK"})


# ---------------------------------------------------------------- storing


def store_messages(parsed: Iterable[Parsed], *, raw: str, now: datetime | None = None) -> list[int]:
    """Store what was received in one transaction of its own; a provider's redelivery
    (same channel and provider id) is stored once. Returns the ids of new messages."""
    now = now or timezone.now()
    created_ids: list[int] = []
    with transaction.atomic():
        for item in parsed:
            message, created = InboundMessage.objects.get_or_create(
                channel=item.channel,
                provider_id=item.provider_id,
                defaults={
                    "sender": item.sender,
                    "sender_name": _no_nul(item.sender_name),
                    "destination": route_for_destination(item.channel, item.destinations)[:254],
                    "subject": _no_nul(item.subject),
                    "text": _no_nul(item.text),
                    "raw": raw,
                    "attachment_count": item.attachment_count,
                    "received_at": now,
                    "error": item.error,
                },
            )
            if created:
                created_ids.append(message.pk)
    return created_ids


def _no_nul(value: str) -> str:
    """Text without NUL characters, which PostgreSQL text columns refuse."""
    return value.replace("\x00", "")


def process_stored(ids: Iterable[int], now: datetime | None = None) -> None:
    """Process freshly stored messages (called after the store committed)."""
    for pk in ids:
        process_message(pk, now=now)


# ---------------------------------------------------------------- processing


@dataclass
class Decision:
    state: InboundState
    error: str = ""
    report: Report | None = None


def process_message(message_id: int, *, now: datetime | None = None) -> InboundMessage | None:
    """Decide what a stored message becomes. Idempotent: a message no longer in
    ``received`` is left as it is. An unexpected failure leaves it in ``received``
    for the periodic task, until ``MAX_ATTEMPTS`` make it ``unparseable``."""
    now = now or timezone.now()
    try:
        with composed_transaction():
            message = InboundMessage.objects.select_for_update().filter(pk=message_id).first()
            if message is None or message.state != InboundState.RECEIVED:
                return message
            decision = _decide(message, now)
            message.state = decision.state
            message.error = decision.error
            if decision.report is not None:
                message.report = decision.report
            message.processed_at = now
            message.save()
            return message
    except Exception as exc:
        logger.exception("Inbound message %s could not be processed", message_id)
        _count_failure(message_id, exc, now)
        return None


def _count_failure(message_id: int, exc: Exception, now: datetime) -> None:
    with transaction.atomic():
        InboundMessage.objects.filter(pk=message_id, state=InboundState.RECEIVED).update(
            attempts=F("attempts") + 1, error=str(exc)[:2000]
        )
        InboundMessage.objects.filter(
            pk=message_id, state=InboundState.RECEIVED, attempts__gte=MAX_ATTEMPTS
        ).update(
            state=InboundState.UNPARSEABLE,
            processed_at=now,
            error=_("Gagal diproses setelah %(n)d percobaan: %(error)s")
            % {"n": MAX_ATTEMPTS, "error": str(exc)[:1900]},
        )


def process_pending(
    *, now: datetime | None = None, min_age: timedelta = timedelta(minutes=1), limit: int = 200
) -> int:
    """The safety net: process what is still ``received`` (a crash between store and
    process, a failed attempt). Returns how many were looked at."""
    now = now or timezone.now()
    ids = list(
        InboundMessage.objects.filter(state=InboundState.RECEIVED, received_at__lte=now - min_age)
        .order_by("received_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    process_stored(ids, now=now)
    return len(ids)


def _unparseable(reason: str, report: Report | None = None) -> Decision:
    return Decision(InboundState.UNPARSEABLE, reason, report)


def _decide(message: InboundMessage, now: datetime) -> Decision:
    text = message.text
    if message.channel == InboundChannel.EMAIL:
        text = without_quoted_reply(text)
    routed = find_route(message.channel, message.destination, text)
    if routed.route is not None:
        message.pemda = routed.route.pemda
    if message.error:
        return _unparseable(message.error)
    if not message.sender:
        return _unparseable(_("Pengirim tidak dikenali."))
    text = routed.text.strip()
    found = find_tracking_id(message.subject) or find_tracking_id(text)
    if found is not None:
        return _attach(message, found.group(0).upper(), text, now)
    if not text:
        return _unparseable(_("Pesan kosong."))
    if routed.route is None:
        return _unparseable(
            _("Tidak ada rute pesan masuk untuk tujuan \u201c%(destination)s\u201d.")
            % {"destination": message.destination or "-"}
        )
    return _create(message, text, now)


def error_text(exc: ApplicationError) -> str:
    """The action's message with its field errors, as one line for the staff."""
    details = []
    if isinstance(exc, ValidationFailed):
        details = [str(m) for messages in exc.errors.values() for m in messages]
    return " ".join([exc.message, *details]) if details else exc.message


# ---------------------------------------------------------------- a reply on a report


def sender_matches(message: InboundMessage, report: Report) -> bool:
    """Whether the sender is the report's reporter (account or contact details)."""
    user = report.reporter
    if message.channel == InboundChannel.EMAIL:
        known = {report.reporter_email, user.email if user else ""}
        return message.sender in {normalise_email(a) for a in known if a} - {""}
    known = {report.reporter_phone, user.phone if user else ""}
    return message.sender in {international_digits(p) for p in known if p} - {""}


def _after(text: str, tracking_id: str) -> str:
    """The text after the tracking ID (the whole text when the ID is not in it)."""
    found = find_tracking_id(text)
    if found is None or found.group(0).upper() != tracking_id:
        return text
    return text[found.end() :].lstrip(" \t\r\n:.,-")


ANSWER_RE = re.compile(r"^\s*([A-Za-z]+)\b[\s.,!:;-]*(.*)$", re.DOTALL)


def _split_answer(text: str) -> tuple[str, str]:
    """``"Y, terima kasih"`` → ``("Y", "terima kasih")``; the first word upper-cased."""
    found = ANSWER_RE.match(text)
    if found is None:
        return "", text.strip()
    return found.group(1).upper(), found.group(2).strip()


def _attach(message: InboundMessage, tracking_id: str, text: str, now: datetime) -> Decision:
    report = (
        Report.objects.select_related("reporter", "pemda").filter(tracking_id=tracking_id).first()
    )
    if report is None:
        return _unparseable(
            _("Nomor pelacakan %(id)s tidak ditemukan.") % {"id": tracking_id},
        )
    if not sender_matches(message, report):
        # Never attach to, or reveal, another person's report.
        return _unparseable(
            _("Pengirim tidak cocok dengan pelapor laporan %(id)s.") % {"id": tracking_id}
        )
    if report.is_terminal:
        return _unparseable(
            _("Laporan %(id)s sudah selesai (%(status)s); pesan tidak dilampirkan.")
            % {"id": tracking_id, "status": report.get_status_display()},
        )
    message.pemda = report.pemda
    after = _after(text, tracking_id)
    step = _reporter_step(report, text, after, message.channel, now)
    try:
        step()
    except ApplicationError as exc:
        return _unparseable(error_text(exc))
    return Decision(InboundState.ATTACHED, report=report)


def _reporter_step(
    report: Report, text: str, after: str, channel: str, now: datetime
) -> Callable[[], object]:
    """The action the reporter's message stands for, given the report's status."""
    actor = Actor(is_reporter_by_code=True)
    if report.status == Status.FOLLOWED_UP:
        word, rest = _split_answer(after)
        if word in YES_WORDS:
            return lambda: actions.reply_satisfied(report, actor=actor, comment=rest, now=now)
        if word in NO_WORDS:
            return lambda: actions.reply_not_satisfied(report, actor=actor, comment=rest, now=now)
    if report.status == Status.ON_HOLD:
        return lambda: actions.complete_report(report, actor=actor, details=text, now=now)
    if report.status == Status.AWAITING_CLARIFICATION:
        return lambda: actions.clarify(report, actor=actor, answer=text, now=now)
    return lambda: actions.post_reporter_message(
        report, actor=actor, text=text, channel=channel, now=now
    )


# ---------------------------------------------------------------- a new report


def title_from(subject: str, text: str) -> str:
    """The report title: the e-mail subject, else the first line, else the text's start."""
    candidates = [subject.strip()]
    candidates += [line.strip() for line in text.splitlines() if line.strip()][:1]
    title = next((c for c in candidates if len(c) >= 5), " ".join(text.split()))
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1].rstrip() + "…"
    return title


def default_classification() -> Classification | None:
    return Classification.objects.filter(code=settings.TUNTAS_INBOUND_CLASSIFICATION).first()


def report_input_for(message: InboundMessage, text: str) -> ReportInput | str:
    """The report a message makes (anonymous and confidential), or why it cannot."""
    classification = default_classification()
    if classification is None:
        return _("Klasifikasi bawaan \u201c%(code)s\u201d belum ada di data referensi.") % {
            "code": settings.TUNTAS_INBOUND_CLASSIFICATION
        }
    channel = Channel.objects.filter(code=message.channel).first()
    if channel is None:
        return _("Kanal \u201c%(code)s\u201d belum ada di data referensi.") % {
            "code": message.channel
        }
    is_email = message.channel == InboundChannel.EMAIL
    subject = message.subject if is_email else ""
    return ReportInput(
        title=title_from(strip_reply_prefix(subject), text),
        description=text,
        classification=classification,
        channel=channel,
        pemda=message.pemda,
        reporter_name=message.sender_name,
        reporter_phone="" if is_email else message.sender,
        reporter_email=message.sender if is_email else "",
        is_anonymous=True,
        is_confidential=True,
    )


def strip_reply_prefix(subject: str) -> str:
    words = subject.split()
    while words and words[0].rstrip(":").lower() in {"re", "fw", "fwd", "aw", "bls", "balas"}:
        words.pop(0)
    return " ".join(words)


def _create(message: InboundMessage, text: str, now: datetime) -> Decision:
    data = report_input_for(message, text)
    if isinstance(data, str):
        return _unparseable(data)
    try:
        submitted = actions.submit_report(data, actor=actions.Actor.reporter(None), now=now)
    except ApplicationError as exc:
        return _unparseable(error_text(exc))
    queue_receipt(message, submitted, now)
    return Decision(InboundState.CREATED, report=submitted.report)
