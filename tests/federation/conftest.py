"""Fixtures for federation: a peer deployment, its key, and valid payloads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tuntas.demo.builder import Demo
from tuntas.federation.models import Peer
from tuntas.federation.peers import PeerInput, create_peer


@dataclass
class PeerWithKey:
    peer: Peer
    secret: str  # the key we issued to the peer (it calls us with it)

    def client(self) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Api-Key {self.secret}")


def make_peer(
    demo: Demo, name: str = "Tuntas Kab. Majalengka", pemda: str = "kapuas"
) -> PeerWithKey:
    created = create_peer(
        PeerInput(
            name=name,
            base_url="http://peer.tuntas.invalid",
            organisation=demo.orgs[pemda],
            outbound_key="tnt_peerkey_" + "y" * 24,
        ),
        actor=None,
    )
    return PeerWithKey(created.peer, created.inbound_secret)


@pytest.fixture
def peer(demo: Demo) -> PeerWithKey:
    return make_peer(demo)


def event(n: int, at: datetime, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(n),
        "at": at.isoformat(),
        "instance": "Tuntas Kab. Majalengka",
        "sequence": n,
        "action": "submit",
        "label": "Laporan dikirim",
        "from_status": "",
        "status": "submitted",
        "status_label": "Menunggu verifikasi",
        "who": "Pelapor",
        "reason": "",
        "visibility": "public",
    }
    data.update(overrides)
    return data


def forwarded_payload(**overrides: Any) -> dict[str, Any]:
    start = timezone.now() - timedelta(hours=2)
    data: dict[str, Any] = {
        "version": 1,
        "origin": {
            "instance": "Tuntas Kab. Majalengka",
            "tracking_id": "LPR-2611-ORIGIN",
            "status": "forwarded",
            "status_label": "Diteruskan ke instansi lain",
        },
        "report": {
            "title": "Jalan nasional berlubang di Kadipaten",
            "description": "Jalan nasional di Kadipaten berlubang besar sejak sebulan lalu.",
            "classification": "complaint",
            "category": "Jalan rusak",
            "category_parent": "Infrastruktur",
            "incident_date": None,
            "location_text": "Jl. Raya Kadipaten",
            "latitude": -6.765432,
            "longitude": 108.171234,
            "is_anonymous": True,
            "is_confidential": True,
            "created_at": start.isoformat(),
        },
        "reporter": None,
        "attachments": [
            {"name": "foto.jpg", "content_type": "image/jpeg", "size": 2048, "sha256": "ab" * 32}
        ],
        "note": "Wewenang pemerintah pusat.",
        "timeline": [
            event(1, start),
            event(
                2,
                start + timedelta(hours=1),
                action="not_in_authority",
                label="Bukan wewenang",
                from_status="submitted",
                status="not_in_authority",
                status_label="Bukan wewenang: dikembalikan ke admin nasional",
                who="Petugas Pemerintah Kabupaten Majalengka",
                reason="Jalan nasional",
            ),
        ],
    }
    data.update(overrides)
    return data
