"""IMAP polling with a fake server object: store first, then mark seen."""

from __future__ import annotations

import imaplib

import pytest

from tests.inbound.payloads import COMPLAINT, MAILBOX, email_bytes
from tuntas.inbound import imap, tasks
from tuntas.inbound.models import InboundMessage, InboundState


class FakeImap:
    """Enough of ``imaplib.IMAP4`` for the poller; records what it was asked."""

    instances: list[FakeImap] = []

    def __init__(self, host: str, port: int, timeout: float | None = None) -> None:
        self.host, self.port = host, port
        self.mailbox: dict[str, bytes] = dict(FakeImap.messages)
        self.seen: set[str] = set(FakeImap.already_seen)
        self.calls: list[tuple[str, ...]] = []
        self.logged_out = False
        FakeImap.instances.append(self)

    messages: dict[str, bytes] = {}
    already_seen: set[str] = set()

    def login(self, user: str, password: str):
        self.calls.append(("LOGIN", user, password))
        return "OK", [b"Logged in"]

    def select(self, folder: str = "INBOX"):
        self.calls.append(("SELECT", folder))
        return "OK", [str(len(self.mailbox)).encode()]

    def uid(self, command: str, *args: str):
        self.calls.append((command, *args))
        if command == "SEARCH":
            unseen = [uid for uid in self.mailbox if uid not in self.seen]
            return "OK", [" ".join(unseen).encode()]
        if command == "FETCH":
            uid = args[0]
            assert args[1] == "(BODY.PEEK[])"  # fetching must not mark it seen
            return "OK", [(f"{uid} (UID {uid} BODY[] {{1}}".encode(), self.mailbox[uid]), b")"]
        if command == "STORE":
            uid = args[0]
            assert args[1:] == ("+FLAGS", "(\\Seen)")
            # Only once the message is safely stored.
            assert InboundMessage.objects.filter(channel="email").count() >= 1
            self.seen.add(uid)
            return "OK", [b""]
        raise AssertionError(command)

    def logout(self):
        self.logged_out = True
        return "BYE", [b""]


@pytest.fixture
def fake_imap(settings, monkeypatch):
    settings.TUNTAS_IMAP_HOST = "imap.example.invalid"
    settings.TUNTAS_IMAP_PORT = 993
    settings.TUNTAS_IMAP_SSL = True
    settings.TUNTAS_IMAP_USER = MAILBOX
    settings.TUNTAS_IMAP_PASSWORD = "pw"
    settings.TUNTAS_IMAP_FOLDER = "INBOX"
    FakeImap.instances = []
    FakeImap.messages = {
        "7": email_bytes(COMPLAINT, message_id="<m7@example.org>"),
        "8": email_bytes("Lampu jalan mati sejak tiga hari, gelap sekali", message_id="<m8@x>"),
    }
    FakeImap.already_seen = set()
    monkeypatch.setattr(imaplib, "IMAP4_SSL", FakeImap)
    monkeypatch.setattr(imaplib, "IMAP4", FakeImap)
    return FakeImap


def test_it_stores_unseen_messages_then_marks_them_seen(routes, fake_imap):
    assert imap.poll_imap() == 2
    [client] = fake_imap.instances
    assert (client.host, client.port) == ("imap.example.invalid", 993)
    assert client.calls[0] == ("LOGIN", MAILBOX, "pw")
    assert client.seen == {"7", "8"}
    assert client.logged_out
    messages = InboundMessage.objects.order_by("provider_id")
    assert [m.provider_id for m in messages] == ["m7@example.org", "m8@x"]
    assert all(m.state == InboundState.CREATED for m in messages)
    assert messages[0].raw.startswith("From: ")


def test_a_message_seen_again_is_stored_once(routes, fake_imap):
    assert imap.poll_imap() == 2
    fake_imap.already_seen = set()  # e.g. a crash before STORE: the server offers them again
    assert imap.poll_imap() == 0
    assert InboundMessage.objects.count() == 2


def test_a_failed_store_leaves_the_message_unseen(routes, fake_imap, monkeypatch):
    def broken_store(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(imap, "store_messages", broken_store)
    with pytest.raises(RuntimeError):
        imap.poll_imap()
    [client] = fake_imap.instances
    assert client.seen == set()
    assert not any(call[0] == "STORE" for call in client.calls)
    assert client.logged_out


def test_plain_imap_and_no_host(routes, fake_imap, settings):
    settings.TUNTAS_IMAP_SSL = False
    settings.TUNTAS_IMAP_PORT = 143
    assert tasks.poll_imap.delay().get() == 2
    assert fake_imap.instances[0].port == 143
    settings.TUNTAS_IMAP_HOST = ""
    assert imap.poll_imap() == 0
    assert len(fake_imap.instances) == 1  # no connection at all


def test_a_refused_login_raises_and_stores_nothing(routes, fake_imap, monkeypatch):
    monkeypatch.setattr(FakeImap, "login", lambda self, user, pw: ("NO", [b"bad credentials"]))
    with pytest.raises(imap.ImapFailed):
        imap.poll_imap()
    assert not InboundMessage.objects.exists()
