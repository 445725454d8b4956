"""The operators' commands: ``federation_peer`` and ``deliver_outbox``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tuntas.apikeys.services import issue_api_key
from tuntas.demo.builder import Demo
from tuntas.federation.models import Peer


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_federation_peer_adds_then_updates(demo: Demo) -> None:
    secret = run(
        "federation_peer",
        *("--name", "Tuntas Nasional", "--base-url", "https://nasional.tuntas.invalid"),
        *("--organisation", "majalengka"),
    )
    peer = Peer.objects.get()
    assert peer.inbound_key is not None and secret.startswith(f"tnt_{peer.inbound_key.prefix}_")
    assert peer.outbound_key == ""

    assert (
        run(
            "federation_peer",
            *("--name", "Tuntas Nasional", "--base-url", "https://nasional.tuntas.invalid"),
            *("--organisation", "majalengka", "--outbound-key", "tnt_fromthem_" + "k" * 30),
        )
        == ""
    )
    peer.refresh_from_db()
    assert peer.outbound_key.startswith("tnt_fromthem_")
    assert Peer.objects.count() == 1


def test_federation_peer_binds_an_existing_key_and_refuses_a_wrong_one(demo: Demo) -> None:
    key, secret = issue_api_key(
        actor=None, organisation=demo.orgs["kapuas"], name="Provinsi", scopes=["federation"]
    )
    base = ("--base-url", "https://prov.tuntas.invalid", "--organisation", "kapuas")
    assert run("federation_peer", "--name", "Tuntas Provinsi", *base, "--inbound-key", secret) == ""
    assert Peer.objects.get().inbound_key == key
    with pytest.raises(CommandError):
        run("federation_peer", "--name", "Lain", *base, "--inbound-key", secret + "x")
    with pytest.raises(CommandError):
        run("federation_peer", "--name", "Lain", *base[:2], "--organisation", "nope")
    assert Peer.objects.count() == 1


def test_deliver_outbox_reports_what_it_did(demo: Demo) -> None:
    assert run("deliver_outbox") == "federation events queued: 0; outbox messages sent: 0"
