"""Who may review the messages that could not be handled, and which ones they see.

Coordinators see the messages routed to their Pemda; national admins and superusers
see all of them, including messages no route matched. Anything else is a 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.core.errors import NotFound
from tuntas.inbound.models import InboundMessage, InboundState
from tuntas.organisations.authority import administers_all, coordinated_pemda_ids


def review_pemda_ids(user: User | None) -> frozenset[int] | None:
    """The Pemdas whose messages ``user`` reviews; ``None`` means all of them."""
    if user is None or not user.is_authenticated:
        return frozenset()
    if administers_all(user):
        return None
    return frozenset(coordinated_pemda_ids(user))


def can_review(user: User | None) -> bool:
    ids = review_pemda_ids(user)
    return ids is None or bool(ids)


def messages_visible_to(user: User | None) -> QuerySet[InboundMessage]:
    ids = review_pemda_ids(user)
    qs = InboundMessage.objects.select_related("pemda", "report")
    return qs if ids is None else qs.filter(pemda_id__in=ids)


def unparseable_for(user: User | None) -> QuerySet[InboundMessage]:
    return messages_visible_to(user).filter(state=InboundState.UNPARSEABLE)


def get_visible_message(user: User | None, pk: int) -> InboundMessage:
    message = messages_visible_to(user).filter(pk=pk).first()
    if message is None:
        raise NotFound(
            _("Pesan tidak ditemukan atau Anda tidak berwenang melihatnya."),
            code="inbound_message_not_found",
        )
    return message
