"""Managing peers: who may, and the audited writes.

National admins (and superusers) manage every peer; a Pemda's coordinators manage the
peers whose reports land in their Pemda. Creating a peer issues the API key we give
that deployment (scope ``federation``); its secret is shown once. The key the peer
gave us (``outbound_key``) is written, never shown again, and never audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.apikeys.models import ApiKey, Scope
from tuntas.apikeys.services import issue_api_key
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.core.errors import NotFound, PermissionDenied, ValidationFailed
from tuntas.federation.models import Peer
from tuntas.organisations.authority import administers_all, coordinated_pemda_ids
from tuntas.organisations.models import Organisation, OrganisationKind


def may_manage_peers(user: User | None) -> bool:
    return administers_all(user) or bool(coordinated_pemda_ids(user))


def peers_visible_to(user: User | None) -> QuerySet[Peer]:
    qs = Peer.objects.select_related("organisation", "inbound_key").order_by("name")
    if administers_all(user):
        return qs
    return qs.filter(organisation_id__in=coordinated_pemda_ids(user))


def get_visible_peer(user: User | None, pk: int) -> Peer:
    peer = peers_visible_to(user).filter(pk=pk).first()
    if peer is None:
        raise NotFound(_("Instansi Tuntas tidak ditemukan."), code="peer_not_found")
    return peer


def mappable_organisations(user: User | None) -> QuerySet[Organisation]:
    """The Pemdas a peer managed by ``user`` may deliver reports to (None: the system,
    e.g. an operator's command: every Pemda)."""
    qs = Organisation.objects.filter(kind=OrganisationKind.PEMDA, is_active=True).order_by("name")
    if user is None or administers_all(user):
        return qs
    return qs.filter(pk__in=coordinated_pemda_ids(user))


@dataclass
class PeerInput:
    name: str
    base_url: str
    organisation: Organisation | None
    outbound_key: str = ""  # empty on edit: keep the stored key
    is_active: bool = True


def _validate(data: PeerInput, *, user: User | None, existing: Peer | None) -> None:
    errors: dict[str, list[str]] = {}
    name = data.name.strip()
    if len(name) < 3 or len(name) > 120:
        errors["name"] = [_("Nama instansi 3 sampai 120 karakter.")]
    elif Peer.objects.filter(name=name).exclude(pk=existing.pk if existing else 0).exists():
        errors["name"] = [_("Nama ini sudah dipakai instansi lain.")]
    parts = urlsplit(data.base_url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query:
        errors["base_url"] = [_("Alamat dasar harus berupa URL http:// atau https://.")]
    if (
        data.organisation is None
        or not mappable_organisations(user).filter(pk=data.organisation.pk).exists()
    ):
        errors["organisation"] = [_("Pilih pemerintah daerah penerima dalam wewenang Anda.")]
    key = data.outbound_key.strip()
    if key and (len(key) < 20 or len(key) > 200 or any(c.isspace() for c in key)):
        errors["outbound_key"] = [_("Kunci API tidak sah (20-200 karakter tanpa spasi).")]
    if errors:
        raise ValidationFailed(errors)


def _require_manager(user: User | None) -> None:
    if user is not None and not may_manage_peers(user):
        raise PermissionDenied(_("Anda tidak berwenang mengelola instansi Tuntas lain."))


@dataclass(frozen=True)
class CreatedPeer:
    peer: Peer
    inbound_secret: str  # shown once: give it to the peer's administrators


@transaction.atomic
def create_peer(
    data: PeerInput,
    *,
    actor: User | None,
    inbound_key: ApiKey | None = None,
    now: datetime | None = None,
) -> CreatedPeer:
    """Register a peer; issue the key we give it unless ``inbound_key`` is passed
    (``actor`` None: an operator's command, any Pemda may be chosen)."""
    now = now or timezone.now()
    _require_manager(actor)
    _validate(data, user=actor, existing=None)
    assert data.organisation is not None
    secret = ""
    if inbound_key is None:
        inbound_key, secret = issue_api_key(
            actor=actor,
            organisation=data.organisation,
            name=_("Federasi: %(name)s") % {"name": data.name.strip()},
            scopes=[Scope.FEDERATION],
            now=now,
        )
    elif not inbound_key.has_scope(Scope.FEDERATION):
        raise ValidationFailed({"inbound_key": [_("Kunci API ini tidak bercakupan federasi.")]})
    peer = Peer.objects.create(
        name=data.name.strip(),
        base_url=data.base_url.strip().rstrip("/"),
        outbound_key=data.outbound_key.strip(),
        inbound_key=inbound_key,
        organisation=data.organisation,
        is_active=data.is_active,
        created_at=now,
        created_by=actor,
        updated_at=now,
    )
    record_event(
        action=AuditAction.FEDERATION_PEER_CREATED,
        actor=actor,
        now=now,
        organisation=data.organisation,
        data={"peer": peer.pk, "name": peer.name, "base_url": peer.base_url},
    )
    return CreatedPeer(peer, secret)


@transaction.atomic
def update_peer(
    peer: Peer, data: PeerInput, *, actor: User | None, now: datetime | None = None
) -> Peer:
    """Change a peer; an empty ``outbound_key`` keeps the stored one."""
    now = now or timezone.now()
    _require_manager(actor)
    locked = Peer.objects.select_for_update().get(pk=peer.pk)
    if actor is not None and not peers_visible_to(actor).filter(pk=locked.pk).exists():
        raise NotFound(_("Instansi Tuntas tidak ditemukan."), code="peer_not_found")
    _validate(data, user=actor, existing=locked)
    assert data.organisation is not None
    changes: dict[str, object] = {}
    new = {
        "name": data.name.strip(),
        "base_url": data.base_url.strip().rstrip("/"),
        "organisation_id": data.organisation.pk,
        "is_active": data.is_active,
    }
    for field, value in new.items():
        if getattr(locked, field) != value:
            changes[field] = value
            setattr(locked, field, value)
    if data.outbound_key.strip():
        locked.outbound_key = data.outbound_key.strip()
        changes["outbound_key"] = "(diganti)"
    locked.updated_at = now
    locked.save()
    record_event(
        action=AuditAction.FEDERATION_PEER_UPDATED,
        actor=actor,
        now=now,
        organisation=locked.organisation,
        data={"peer": locked.pk, "changes": changes},
    )
    return locked
