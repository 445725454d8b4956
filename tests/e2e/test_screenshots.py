"""Screenshots of the main pages, desktop and 360 px phone.

Normal runs write them to a temporary folder (the tree stays clean); with
``TUNTAS_UPDATE_SCREENSHOTS=1`` they replace ``docs/screenshots/<name>.png``.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from tests.e2e.browser import DESKTOP, PHONE, ROOT, Site, load_sample_reports, track
from tuntas.core.env import env_bool

MAX_BYTES = 300 * 1024


@pytest.fixture
def shots_dir(tmp_path: Path) -> Path:
    if env_bool("TUNTAS_UPDATE_SCREENSHOTS", False):
        target = ROOT / "docs" / "screenshots"
        target.mkdir(parents=True, exist_ok=True)
        return target
    return tmp_path


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots_of_the_main_pages(
    site: Site, shots_dir: Path, size: str, viewport: dict[str, int]
) -> None:
    samples = load_sample_reports()
    call_command("refresh_kpi", "--all", stdout=StringIO())  # the dashboard reads the facts
    tracked_id, tracked_code = samples["bangkalan-verified"]
    staff_id = samples["kapuas-division"][0]
    visitor = site.page(viewport=viewport)
    citizen = site.page(user="warga", viewport=viewport)
    staff = site.page(user="kapuas.koordinator", viewport=viewport)

    shots = {
        "home": (visitor, lambda: visitor.goto("/")),
        "submit": (visitor, lambda: visitor.goto("/lapor/")),
        "track-result": (visitor, lambda: track(visitor, tracked_id, tracked_code)),
        "notifications": (citizen, lambda: citizen.goto("/akun/notifikasi/")),
        "staff-inbox": (staff, lambda: staff.goto("/petugas/")),
        "staff-report": (staff, lambda: staff.goto(f"/petugas/laporan/{staff_id}/")),
        "kpi-dashboard": (staff, lambda: staff.goto("/petugas/kinerja/")),
        "public-statistics": (visitor, lambda: visitor.goto("/statistik/")),
    }
    for name, (page, open_page) in shots.items():
        open_page()
        page.wait_for_load_state("networkidle")
        assert page.locator("main h1").count(), f"{name}: {page.url} did not open"
        path = shots_dir / f"{name}-{size}.png"
        page.screenshot(path=str(path), full_page=False, animations="disabled")
        assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"
        with Image.open(path) as image:
            assert image.size == (viewport["width"], viewport["height"])
