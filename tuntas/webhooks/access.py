"""Who may manage which webhook subscriptions, and what they read of them.

A Pemda's coordinators manage the subscriptions of their Pemda; national admins (and
superusers) manage every subscription, including national ones that receive the
events of all Pemdas. An API key with scope ``webhooks.manage`` acts for its
organisation: a Pemda's key for that Pemda, a national key for all, an agency's key for
none. Anyone else: 403 on the pages and in the API; a subscription outside one's scope
is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.core.errors import NotFound
from tuntas.organisations.authority import scope_of
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.webhooks.models import WebhookSubscription

RECENT_DELIVERIES = 20


@dataclass(frozen=True)
class WebhookScope:
    """What one actor may manage: every subscription, or those of some Pemdas."""

    national: bool
    pemda_ids: frozenset[int]

    @property
    def may_manage(self) -> bool:
        return self.national or bool(self.pemda_ids)


NOTHING = WebhookScope(False, frozenset())


def webhook_scope(user: User | None) -> WebhookScope:
    """A person's scope: from their roles (coordinator, national admin, superuser)."""
    if user is None or not user.is_authenticated:
        return NOTHING
    scope = scope_of(user)
    if user.is_superuser or scope.national:
        return WebhookScope(True, frozenset())
    return WebhookScope(False, frozenset(scope.coordinated_pemda_ids))


def organisation_scope(organisation: Organisation) -> WebhookScope:
    """An API key's scope: from the organisation it belongs to."""
    if organisation.kind == OrganisationKind.NATIONAL:
        return WebhookScope(True, frozenset())
    if organisation.kind == OrganisationKind.PEMDA:
        return WebhookScope(False, frozenset({organisation.pk}))
    return NOTHING


def may_manage_webhooks(user: User | None) -> bool:
    return webhook_scope(user).may_manage


def manageable_organisations(scope: WebhookScope) -> list[Organisation]:
    """The organisations one may create subscriptions for: national first."""
    if scope.national:
        qs = Organisation.objects.filter(
            kind__in=[OrganisationKind.NATIONAL, OrganisationKind.PEMDA], is_active=True
        )
    else:
        qs = Organisation.objects.filter(pk__in=scope.pemda_ids)
    orgs = list(qs.order_by("name"))
    return sorted(orgs, key=lambda o: o.kind != OrganisationKind.NATIONAL)


def subscriptions_visible_to(scope: WebhookScope) -> QuerySet[WebhookSubscription]:
    qs = WebhookSubscription.objects.select_related("organisation", "created_by")
    if scope.national:
        return qs
    return qs.filter(organisation_id__in=scope.pemda_ids)


def get_subscription(scope: WebhookScope, pk: int) -> WebhookSubscription:
    """The subscription, or ``NotFound`` when it does not exist or is outside the scope."""
    sub = subscriptions_visible_to(scope).filter(pk=pk).first()
    if sub is None:
        raise NotFound(_("Langganan webhook tidak ditemukan."), code="webhook_not_found")
    return sub


def recent_deliveries(
    sub: WebhookSubscription, limit: int = RECENT_DELIVERIES
) -> list[OutboxMessage]:
    """The latest outbox rows of ``sub`` (state, attempts and last error)."""
    return list(
        OutboxMessage.objects.filter(
            channel=DeliveryChannel.WEBHOOK, address__startswith=f"{sub.pk} "
        ).order_by("-id")[:limit]
    )
