"""Granting or revoking a role in the Django admin is an audit event naming the person,
the role and the organisation."""

from __future__ import annotations

from tests.conftest import client_for
from tuntas.audit.models import AuditEvent
from tuntas.organisations.models import Membership, Role


def events(action):
    return [
        (
            e.data["username"],
            e.data["role"],
            e.data["organisation_name"],
            e.actor.username if e.actor else "",
        )
        for e in AuditEvent.objects.filter(action=action).order_by("id")
    ]


def test_granting_a_role_names_person_role_and_organisation(demo):
    client = client_for(demo.users["nasional"])
    user, org = demo.users["warga2"], demo.orgs["kapuas-pupr"]
    response = client.post(
        "/admin/organisations/membership/add/",
        {"user": user.pk, "organisation": org.pk, "role": Role.LIAISON_ADMIN},
    )
    assert response.status_code == 302, response.content
    assert events("role_granted") == [("warga2", "liaison_admin", str(org), "nasional")]
    event = AuditEvent.objects.get(action="role_granted")
    assert event.organisation == org and event.data["person"] == user.display_name


def test_changing_and_deleting_a_membership_revokes_the_old_role(demo):
    client = client_for(demo.users["nasional"])
    membership = Membership.objects.filter(user=demo.users["kapuas.pupr.staf"]).first()
    assert membership is not None
    org = membership.organisation
    response = client.post(
        f"/admin/organisations/membership/{membership.pk}/change/",
        {"user": membership.user_id, "organisation": org.pk, "role": Role.VIEWER},
    )
    assert response.status_code == 302, response.content
    assert events("role_revoked") == [("kapuas.pupr.staf", "division_staff", str(org), "nasional")]
    assert events("role_granted") == [("kapuas.pupr.staf", "viewer", str(org), "nasional")]
    response = client.post(
        f"/admin/organisations/membership/{membership.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert events("role_revoked")[-1] == ("kapuas.pupr.staf", "viewer", str(org), "nasional")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_user_pages_membership_inline_is_audited_too(demo):
    client = client_for(demo.users["nasional"])
    user = demo.users["warga2"]
    page = client.get(f"/admin/accounts/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data.update(
        {
            "username": user.username,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-organisation": demo.orgs["kapuas"].pk,
            "memberships-0-role": Role.VIEWER,
        }
    )
    data.pop("password", None)
    data.pop("last_login", None)
    data.pop("date_joined", None)
    response = client.post(f"/admin/accounts/user/{user.pk}/change/", data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    assert events("role_granted") == [("warga2", "viewer", str(demo.orgs["kapuas"]), "nasional")]
