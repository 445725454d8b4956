"""``manage.py federation_peer --name N --base-url URL --organisation CODE
[--outbound-key SECRET] [--inbound-key SECRET] [--inactive]``

Adds or updates a peer (by name). Without ``--inbound-key`` a new peer gets a fresh
key with scope ``federation``, whose secret is printed on stdout (give it to the peer);
``--inbound-key`` binds a key made with ``create_api_key`` instead.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tuntas.apikeys.models import ApiKey
from tuntas.apikeys.services import hash_secret
from tuntas.core.errors import ApplicationError, ValidationFailed
from tuntas.federation.models import Peer
from tuntas.federation.peers import PeerInput, create_peer, update_peer
from tuntas.organisations.models import Organisation


def key_from_secret(secret: str) -> ApiKey:
    parts = secret.split("_")
    key = ApiKey.objects.filter(prefix=parts[1]).first() if len(parts) >= 3 else None
    if key is None or key.secret_hash != hash_secret(secret):
        raise CommandError("--inbound-key is not a key issued by this deployment")
    return key


class Command(BaseCommand):
    help = "Add or update a peer Tuntas deployment."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True)
        parser.add_argument("--base-url", required=True)
        parser.add_argument("--organisation", required=True, help="Receiving Pemda's code")
        parser.add_argument("--outbound-key", default="", help="The key the peer issued us")
        parser.add_argument("--inbound-key", default="", help="A key we issued the peer")
        parser.add_argument("--inactive", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with code {options['organisation']!r}")
        data = PeerInput(
            name=options["name"],
            base_url=options["base_url"],
            organisation=organisation,
            outbound_key=options["outbound_key"],
            is_active=not options["inactive"],
        )
        inbound = key_from_secret(options["inbound_key"]) if options["inbound_key"] else None
        existing = Peer.objects.filter(name=options["name"].strip()).first()
        try:
            if existing is not None:
                peer = update_peer(existing, data, actor=None)
                if inbound is not None and peer.inbound_key_id != inbound.pk:
                    Peer.objects.filter(pk=peer.pk).update(inbound_key=inbound)
                self.stderr.write(f"Updated peer {peer.pk} ({peer.name})")
                return
            created = create_peer(data, actor=None, inbound_key=inbound)
        except ValidationFailed as exc:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.errors.items())
            raise CommandError(f"{exc.message} {details}") from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(f"Added peer {created.peer.pk} ({created.peer.name})")
        if created.inbound_secret:
            self.stdout.write(created.inbound_secret)
