"""/api/webhooks/: list, create, read and delete webhook subscriptions; ping; new secret.

For coordinators (their Pemda's subscriptions) and national admins (all), signed in
with a token or a session, or an API key with scope ``webhooks.manage`` (for its
organisation). Anyone else: 403; a subscription outside one's scope: 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.accounts.models import User
from tuntas.api.auth import API_AUTHENTICATION, current_user
from tuntas.api.errors import error_responses
from tuntas.api.serializers.base import Input
from tuntas.api.views.base import ApiView, Pagination, paginated
from tuntas.apikeys.authentication import ApiKeyAuthentication
from tuntas.apikeys.models import ApiKey, Scope
from tuntas.apikeys.services import require_scope
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.organisations.models import Organisation
from tuntas.outbox.models import OutboxMessage, OutboxState
from tuntas.webhooks import services
from tuntas.webhooks.access import (
    WebhookScope,
    get_subscription,
    manageable_organisations,
    organisation_scope,
    recent_deliveries,
    subscriptions_visible_to,
    webhook_scope,
)
from tuntas.webhooks.models import EventType, WebhookSubscription
from tuntas.webhooks.services import DESCRIPTION_LENGTH
from tuntas.webhooks.targets import MAX_URL_LENGTH

TAGS = ["webhooks"]
SUBSCRIPTION_ID = OpenApiParameter(
    name="subscription_id", type=int, location=OpenApiParameter.PATH, description="Its `id`."
)


# Token, session, and API keys with scope ``webhooks.manage`` (acting for their organisation).
AUTHENTICATION: list[type[BaseAuthentication]] = [*API_AUTHENTICATION, ApiKeyAuthentication]


class SubscriptionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    organisation = serializers.CharField(
        help_text="The organisation's code: a Pemda, or the national organisation (all Pemdas)."
    )
    url = serializers.URLField()
    description = serializers.CharField()
    events = serializers.ListField(child=serializers.ChoiceField(choices=EventType.choices))
    is_active = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    secret_rotated_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "WebhookSubscription"


class SubscriptionWithSecretSerializer(SubscriptionSerializer):
    secret = serializers.CharField(
        help_text="The signing secret. Shown only in this answer: store it now."
    )

    class Meta:
        ref_name = "WebhookSubscriptionWithSecret"


class DeliverySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    event = serializers.CharField(help_text="`report.closed`, … or `ping`.")
    delivery = serializers.CharField(help_text="The `X-Tuntas-Delivery` header value.")
    state = serializers.ChoiceField(choices=OutboxState.choices)
    attempts = serializers.IntegerField()
    last_error = serializers.CharField()
    created_at = serializers.DateTimeField()
    sent_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "WebhookDelivery"


class SubscriptionDetailSerializer(SubscriptionSerializer):
    recent_deliveries = DeliverySerializer(many=True)

    class Meta:
        ref_name = "WebhookSubscriptionDetail"


class SubscriptionInput(Input):
    organisation = serializers.CharField(
        required=False,
        help_text="Organisation code; optional when you manage only one organisation.",
    )
    url = serializers.CharField(
        max_length=MAX_URL_LENGTH,
        help_text="https:// address outside private networks (unless the server allows them).",
    )
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EventType.choices), allow_empty=False
    )
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=DESCRIPTION_LENGTH
    )

    class Meta:
        ref_name = "WebhookSubscriptionInput"


class PingSerializer(serializers.Serializer[Any]):
    event_id = serializers.CharField(help_text="The `id` of the ping payload.")

    class Meta:
        ref_name = "WebhookPing"


def present(sub: WebhookSubscription) -> dict[str, Any]:
    return {
        "id": sub.pk,
        "organisation": sub.organisation.code,
        "url": sub.url,
        "description": sub.description,
        "events": list(sub.events),
        "is_active": sub.is_active,
        "created_at": sub.created_at,
        "updated_at": sub.updated_at,
        "secret_rotated_at": sub.secret_rotated_at,
    }


def present_delivery(m: OutboxMessage) -> dict[str, Any]:
    return {
        "id": m.pk,
        "event": m.event,
        "delivery": m.idempotency_key,
        "state": m.state,
        "attempts": m.attempts,
        "last_error": m.last_error,
        "created_at": m.created_at,
        "sent_at": m.sent_at,
    }


def _manager(request: Request) -> tuple[User, WebhookScope]:
    """The caller and what they may manage: a person by their roles, an API key (with
    scope ``webhooks.manage``) for its organisation."""
    user = current_user(request)
    assert user is not None  # IsAuthenticated refused anonymous callers
    key = request.auth
    if isinstance(key, ApiKey):
        require_scope(key, Scope.WEBHOOKS_MANAGE)
        scope = organisation_scope(key.organisation)
    else:
        scope = webhook_scope(user)
    if not scope.may_manage:
        raise PermissionDenied(
            _("Hanya admin koordinator dan admin nasional yang dapat mengelola webhook.")
        )
    return user, scope


def _organisation(scope: WebhookScope, code: str | None) -> Organisation:
    orgs = manageable_organisations(scope)
    if code:
        match = next((o for o in orgs if o.code == code), None)
        if match is None:
            raise ValidationFailed(
                {
                    "organisation": [
                        _('Kode "%(code)s" tidak dikenal atau di luar cakupan Anda.')
                        % {"code": code}
                    ]
                }
            )
        return match
    if len(orgs) != 1:
        raise ValidationFailed({"organisation": [_("Pilih organisasi (kode).")]})
    return orgs[0]


class SubscriptionListApi(ApiView):
    """Webhook subscriptions: coordinators (their Pemda), national admins (all), or an
    API key with scope `webhooks.manage` (its organisation)."""

    authentication_classes = AUTHENTICATION
    pagination_class = Pagination

    @extend_schema(
        operation_id="webhooks_list",
        summary="Webhook subscriptions in your scope",
        responses={200: SubscriptionSerializer(many=True), **error_responses(400, 401, 403)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        _user, scope = _manager(request)
        qs: QuerySet[WebhookSubscription] = subscriptions_visible_to(scope).order_by("id")
        return paginated(self, request, qs, present, SubscriptionSerializer)

    @extend_schema(
        operation_id="webhooks_create",
        summary="Subscribe to report events",
        description=(
            "Creates an active subscription. The answer holds the signing `secret`, shown "
            "this once. See docs/webhooks.md for the payloads and the signature."
        ),
        request=SubscriptionInput,
        responses={
            201: SubscriptionWithSecretSerializer,
            **error_responses(400, 401, 403),
        },
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        user, scope = _manager(request)
        form = SubscriptionInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        sub = services.create_subscription(
            actor=user,
            organisation=_organisation(scope, data.get("organisation")),
            url=data["url"],
            events=data["events"],
            description=data["description"],
            scope=scope,
        )
        out = SubscriptionWithSecretSerializer({**present(sub), "secret": sub.secret})
        return Response(out.data, status=status.HTTP_201_CREATED)


class SubscriptionDetailApi(ApiView):
    """One webhook subscription in your scope (404 outside it)."""

    authentication_classes = AUTHENTICATION

    @extend_schema(
        operation_id="webhooks_retrieve",
        summary="One subscription with its latest deliveries",
        parameters=[SUBSCRIPTION_ID],
        responses={200: SubscriptionDetailSerializer, **error_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, subscription_id: int) -> Response:
        _user, scope = _manager(request)
        sub = get_subscription(scope, subscription_id)
        data = {
            **present(sub),
            "recent_deliveries": [present_delivery(m) for m in recent_deliveries(sub)],
        }
        return Response(SubscriptionDetailSerializer(data).data)

    @extend_schema(
        operation_id="webhooks_destroy",
        summary="Delete a subscription",
        description="Deliveries still pending for it will not be sent.",
        parameters=[SUBSCRIPTION_ID],
        responses={
            204: OpenApiResponse(description="Deleted."),
            **error_responses(401, 403, 404),
        },
        tags=TAGS,
    )
    def delete(self, request: Request, subscription_id: int) -> Response:
        user, scope = _manager(request)
        sub = get_subscription(scope, subscription_id)
        services.delete_subscription(sub, actor=user, scope=scope)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PingApi(ApiView):
    """Queue a test delivery to one subscription."""

    authentication_classes = AUTHENTICATION

    @extend_schema(
        operation_id="webhooks_ping",
        summary="Send a test `ping` event",
        parameters=[SUBSCRIPTION_ID],
        request=None,
        responses={202: PingSerializer, **error_responses(401, 403, 404)},
        tags=TAGS,
    )
    def post(self, request: Request, subscription_id: int) -> Response:
        user, scope = _manager(request)
        sub = get_subscription(scope, subscription_id)
        event_id = services.send_ping(sub, actor=user, scope=scope)
        return Response(PingSerializer({"event_id": event_id}).data, status=202)


class RotateSecretApi(ApiView):
    """Replace the signing secret of one subscription."""

    authentication_classes = AUTHENTICATION

    @extend_schema(
        operation_id="webhooks_rotate_secret",
        summary="Replace the signing secret",
        description="The old secret stops working at once; the new one is shown this once.",
        parameters=[SUBSCRIPTION_ID],
        request=None,
        responses={200: SubscriptionWithSecretSerializer, **error_responses(401, 403, 404)},
        tags=TAGS,
    )
    def post(self, request: Request, subscription_id: int) -> Response:
        user, scope = _manager(request)
        sub = get_subscription(scope, subscription_id)
        sub = services.rotate_secret(sub, actor=user, scope=scope)
        return Response(
            SubscriptionWithSecretSerializer({**present(sub), "secret": sub.secret}).data
        )
