"""The federated timeline: one report's story across deployments, defined once.

A report forwarded from deployment A to deployment B has two copies. Each copy's
timeline is its events the reporter may read (public and reporter visibility, never
staff-only ones), each taken as an ``Entry``:

* an event that happened here: ``instance`` = this deployment's name
  (``TUNTAS_FEDERATION_NAME``), ``sequence`` = its id here;
* an event copied from another deployment (``FederatedEvent``): the instance, sequence,
  label, status label and actor it had where it happened.

Entries are ordered by (time, instance, sequence). "The same timeline on both" means:
A's and B's lists of entries are equal field by field (``Entry.key``), in that order:
A's entries up to the forwarding, then B's. Labels are always in Indonesian (the
interface language), so both sides compare whatever language a caller asked for.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import translation

from tuntas.audit.models import AuditEvent
from tuntas.reports.disclosure import Audience, outside_entry, outside_events
from tuntas.reports.models import Report

# What a copied event records in its AuditEvent.data["capacity"]: no local role acted.
FEDERATION_CAPACITY = "federation"


@dataclass(frozen=True)
class Entry:
    at: datetime
    instance: str
    sequence: int
    action: str
    label: str
    from_status: str
    status: str
    status_label: str
    who: str
    reason: str
    visibility: str

    def sort_key(self) -> tuple[datetime, str, int]:
        return (self.at, self.instance, self.sequence)

    def as_payload(self, event_id: int) -> dict[str, Any]:
        """The entry as sent to a peer; ``event_id`` is the event's id in this deployment."""
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["id"] = str(event_id)
        return data


def local_name() -> str:
    return str(settings.TUNTAS_FEDERATION_NAME)


def _entry(event: AuditEvent, report: Report) -> Entry:
    # The one rule of what the reporter may read of an event (tuntas.reports.disclosure).
    seen = outside_entry(event, report, Audience.REPORTER)
    assert seen is not None  # timeline_events holds only events the reporter may see
    copied = getattr(event, "federated", None)
    if copied is not None:
        return Entry(
            at=event.created_at,
            instance=copied.instance,
            sequence=copied.origin_sequence,
            action=event.action,
            label=copied.label,
            from_status=event.from_status,
            status=event.to_status,
            status_label=copied.status_label,
            who=copied.who,
            reason=seen.reason,
            visibility=event.visibility,
        )
    return Entry(
        at=seen.at,
        instance=local_name(),
        sequence=event.pk,
        action=seen.action,
        label=seen.label,
        from_status=seen.from_status,
        status=seen.to_status,
        status_label=seen.to_status_label,
        who=seen.actor,
        reason=seen.reason,
        visibility=seen.visibility,
    )


def timeline_events(report: Report) -> list[AuditEvent]:
    return list(outside_events(report, Audience.REPORTER).select_related("federated"))


def entries_with_ids(report: Report) -> list[tuple[int, Entry]]:
    """(local event id, entry) for every timeline event, in timeline order."""
    with translation.override(settings.LANGUAGE_CODE):
        pairs = [(event.pk, _entry(event, report)) for event in timeline_events(report)]
    return sorted(pairs, key=lambda pair: pair[1].sort_key())


def federated_timeline(report: Report) -> list[Entry]:
    """The report's timeline across deployments (see the module docstring)."""
    return [entry for _pk, entry in entries_with_ids(report)]


def serialise(entries: list[Entry]) -> list[dict[str, Any]]:
    out = []
    for entry in entries:
        data = asdict(entry)
        data["at"] = entry.at.isoformat()
        out.append(data)
    return out
