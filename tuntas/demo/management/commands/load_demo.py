"""Load the demo world (organisations, personas) and the sample reports. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tuntas.demo.builder import DEMO_PASSWORD, build_demo
from tuntas.demo.oversight import load_oversight_demo
from tuntas.demo.samples import load_samples
from tuntas.reports.models import Status


class Command(BaseCommand):
    help = (
        "Create the demo organisations, personas (password 'tuntas-demo') and sample "
        "reports. Running it again updates the personas and skips existing samples."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        demo = build_demo()
        self.stdout.write(
            f"Demo world: {len(demo.orgs)} organisations, {len(demo.users)} personas "
            f"(password: {DEMO_PASSWORD})."
        )
        results = load_samples(demo)
        created = sum(1 for r in results if r.created)
        self.stdout.write(
            f"Sample reports: {created} created, {len(results) - created} already present."
        )
        width = max(len(r.tracking_id) for r in results) if results else 0
        for r in results:
            mark = "+" if r.created else "="
            label = str(Status(r.status).label)
            line = f"  {mark} {r.tracking_id:<{width}}  {label:<45}  {r.title}"
            if r.access_code:
                line += f"  (kode akses: {r.access_code})"
            self.stdout.write(line)
        past = load_oversight_demo(demo)
        self.stdout.write(
            f"Past-quarter reports and a monitoring record for the oversight pages: {past} created."
        )
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
