"""Who may manage which API keys.

National admins (and superusers) manage every key. A Pemda's coordinators manage the
keys of their Pemda and of its agencies. Nobody else sees the keys at all.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from tuntas.accounts.models import User
from tuntas.apikeys.models import KEY_ORGANISATION_KINDS, ApiKey
from tuntas.core.errors import NotFound
from tuntas.organisations.authority import administers_all, coordinated_pemda_ids
from tuntas.organisations.models import Organisation, OrganisationKind


def may_manage_keys(user: User) -> bool:
    return administers_all(user) or bool(coordinated_pemda_ids(user))


def _org_filter(user: User, prefix: str = "") -> Q | None:
    """Organisations whose keys ``user`` manages (None: all; an empty Q-match: none)."""
    if administers_all(user):
        return None
    pemdas = coordinated_pemda_ids(user)
    return Q(**{f"{prefix}pk__in": pemdas}) | Q(
        **{f"{prefix}parent_id__in": pemdas, f"{prefix}kind": OrganisationKind.AGENCY}
    )


def manageable_organisations(user: User) -> QuerySet[Organisation]:
    """Where ``user`` may issue keys: national, Pemda and agency organisations in scope."""
    qs = Organisation.objects.filter(kind__in=KEY_ORGANISATION_KINDS, is_active=True)
    if not may_manage_keys(user):
        return qs.none()
    q = _org_filter(user)
    return (qs if q is None else qs.filter(q)).order_by("kind", "name")


def may_manage_organisation(user: User, organisation: Organisation) -> bool:
    if administers_all(user):
        return True
    pemdas = coordinated_pemda_ids(user)
    if organisation.pk in pemdas:
        return True
    return organisation.kind == OrganisationKind.AGENCY and organisation.parent_id in pemdas


def keys_visible_to(user: User) -> QuerySet[ApiKey]:
    qs = ApiKey.objects.select_related("organisation", "created_by", "revoked_by")
    if not may_manage_keys(user):
        return qs.none()
    q = _org_filter(user, "organisation__")
    return qs if q is None else qs.filter(q)


def get_visible_key(user: User, key_id: int) -> ApiKey:
    key = keys_visible_to(user).filter(pk=key_id).first()
    if key is None:
        from django.utils.translation import gettext as _

        raise NotFound(_("Kunci API tidak ditemukan."), code="api_key_not_found")
    return key
