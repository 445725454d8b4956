"""Debian's chromium driven by Playwright, against the live test server.

``TUNTAS_CHROMIUM`` names the browser (default ``/usr/bin/chromium``). Without it the
browser tests are skipped, unless ``TUNTAS_REQUIRE_BROWSER=1`` (set by CI), which turns
the skip into a failure so that CI can never pass without them.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, BrowserContext, FilePayload, Locator, Page

from tuntas.demo.builder import DEMO_PASSWORD

CHROMIUM = os.environ.get("TUNTAS_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("TUNTAS_REQUIRE_BROWSER", "") == "1"
# The flags a sandboxed, offline CI machine needs (see the environment notes).
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
TRACKING_ID = re.compile(r"LPR-\d{4}-[A-Z0-9]{6}")
ROOT = Path(__file__).resolve().parents[2]


def chromium_available() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


@dataclass
class Site:
    """The running product as one browser sees it."""

    browser: Browser
    base_url: str

    def context(
        self,
        *,
        viewport: dict[str, int] | None = None,
        javascript: bool = True,
        user: str | None = None,
    ) -> BrowserContext:
        ctx = self.browser.new_context(
            base_url=self.base_url,
            viewport=viewport or DESKTOP,  # type: ignore[arg-type]  # plain dict is accepted
            java_script_enabled=javascript,
            locale="id-ID",
        )
        ctx.set_default_timeout(15_000)
        if user is not None:
            sign_in(ctx.new_page(), user)
        return ctx

    def page(self, user: str | None = None, **kwargs: object) -> Page:
        ctx = self.context(user=user, **kwargs)  # type: ignore[arg-type]
        return ctx.pages[0] if ctx.pages else ctx.new_page()


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real pages; personas who need a second factor type the current
    code of their test authenticator (``tests/two_factor.py``) on the code page."""
    from tests.two_factor import current_code, ensure_device, needs_code
    from tuntas.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is not None and needs_code(user):
        ensure_device(user)
    page.goto("/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if "/akun/dua-langkah/verifikasi/" in page.url and user is not None:
        page.fill("input[name=code]", current_code(user))
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
    if "/akun/masuk/" in page.url or "/akun/dua-langkah/" in page.url:
        raise AssertionError(
            f"could not sign in as {username}: {page.locator('main').inner_text()}"
        )


def staff_action(
    page: Page,
    tracking_id: str,
    action: str,
    fill: Callable[[Locator], object] | None = None,
) -> str:
    """Open the staff report page, unfold the action's form, fill it, send it; returns the
    page's message (success or error) text."""
    page.goto(f"/petugas/laporan/{tracking_id}/")
    form = page.locator(f"form[action$='/aksi/{action}/']")
    details = form.locator("xpath=ancestor::details")
    if details.count():
        details.locator("summary").first.click()
    if fill is not None:
        fill(form)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    messages = page.locator(".messages, .errorlist, [role=alert]")
    return messages.first.inner_text() if messages.count() else ""


def status_text(page: Page) -> str:
    return page.locator(".status").first.inner_text().strip()


# --- Flow helpers for the seed SOP walks (tests/e2e/test_seed_*.py) ---------------------


@dataclass(frozen=True)
class Receipt:
    """What the citizen is shown once after sending a report."""

    tracking_id: str
    access_code: str


def submit_report(
    page: Page,
    *,
    pemda: str,
    title: str,
    description: str,
    category: str | None = None,
    location: str = "",
    contact: dict[str, str] | None = None,
) -> Receipt:
    """Fill and send the citizen's web form (``/lapor/``); ``contact`` fills the identity
    fields a visitor without an account sees (label → value)."""
    page.goto("/lapor/")
    page.get_by_label("Pemerintah daerah tujuan").select_option(label=pemda)
    if category is not None:
        page.get_by_label("Kategori").select_option(label=category)
    page.get_by_label("Judul laporan").fill(title)
    page.get_by_label("Isi laporan").fill(description)
    if location:
        page.get_by_label("Lokasi", exact=False).first.fill(location)
    for label, value in (contact or {}).items():
        page.get_by_label(label).fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name="Kirim laporan").click()
    tracking = page.locator("#tracking-id")
    if not tracking.count():
        raise AssertionError(f"report not sent: {page.locator('main').inner_text()}")
    return Receipt(tracking.inner_text().strip(), page.locator("#access-code").inner_text().strip())


def inbox_rows(page: Page, section: str = "mine-heading") -> str:
    """The text of one inbox section (``mine-heading``: what needs me now)."""
    page.goto("/petugas/")
    return page.locator(f"section[aria-labelledby={section}]").inner_text()


def staff_timeline(page: Page) -> str:
    return page.locator("section[aria-labelledby=h-timeline]").inner_text()


def citizen_page(page: Page, tracking_id: str) -> str:
    """Open the reporter's own report page; returns the status label shown."""
    page.goto(f"/laporan/{tracking_id}/")
    return status_text(page)


def citizen_reply(page: Page, tracking_id: str, *, satisfied: bool, comment: str = "") -> None:
    """The reporter answers the follow-up Y or T on the report page."""
    page.goto(f"/laporan/{tracking_id}/")
    choice = "Y — Puas" if satisfied else "T — Belum puas"
    page.get_by_label(choice, exact=False).check()
    if comment:
        page.get_by_label("Komentar").fill(comment)
    with page.expect_navigation():
        page.get_by_role("button", name="Kirim tanggapan").click()


def notifications_text(page: Page) -> str:
    page.goto("/akun/notifikasi/")
    return page.locator("main").inner_text()


# -- accessibility, layout and screenshots (helper E) ---------------------------------------

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


@dataclass(frozen=True)
class PageSpec:
    """One page of the product as a persona opens it, for the page-wide checks."""

    name: str
    path: str
    user: str | None = None
    group: str = "public"
    # Run after opening the path (e.g. to track a report or unfold forms).
    prepare: Callable[[Page], object] | None = None


def load_sample_reports() -> dict[str, tuple[str, str]]:
    """The demo sample reports: key → (tracking id, access code or "")."""
    from tuntas.demo.builder import build_demo
    from tuntas.demo.samples import load_samples

    return {s.key: (s.tracking_id, s.access_code) for s in load_samples(build_demo())}


def track(page: Page, tracking_id: str, access_code: str) -> None:
    """Open a report as its reporter without an account: the track form."""
    page.goto("/lacak/")
    page.fill("input[name=tracking_id]", tracking_id)
    page.fill("input[name=access_code]", access_code)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if f"/laporan/{tracking_id}/" not in page.url:
        raise AssertionError(f"could not track {tracking_id}: {page.locator('main').inner_text()}")


def unfold_actions(page: Page) -> None:
    """Open every action form on a staff report page."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def open_spec(site: Site, spec: PageSpec, viewport: dict[str, int] | None = None) -> Page:
    page = site.page(user=spec.user, viewport=viewport or DESKTOP)
    return goto_spec(page, spec)


def goto_spec(page: Page, spec: PageSpec) -> Page:
    page.goto(spec.path)
    if spec.prepare is not None:
        spec.prepare(page)
    page.wait_for_load_state()
    return page


def walk_pages(
    site: Site, group: str, viewport: dict[str, int] | None = None
) -> Iterator[tuple[PageSpec, Page]]:
    """Open each page of a group in turn (one signed-in browser per persona)."""
    pages: dict[str | None, Page] = {}
    samples = load_sample_reports()
    add_problem_messages(samples["kapuas-new"][0])
    for spec in main_pages(samples):
        if spec.group != group:
            continue
        if spec.user not in pages:
            pages[spec.user] = site.page(user=spec.user, viewport=viewport or DESKTOP)
        yield spec, goto_spec(pages[spec.user], spec)


def axe_violations(page: Page) -> list[str]:
    """Serious and critical axe-core violations on the page, one readable line each."""
    # Evaluated through the DevTools protocol: the pages' Content-Security-Policy allows no
    # inline script, so add_script_tag (an inline <script>) would be refused.
    page.evaluate(AXE.read_text())
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    lines = []
    for violation in results:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"]]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} → "
            + "; ".join(targets[:8])
        )
    return lines


def sideways_overflow(page: Page) -> int:
    """How many pixels the page is wider than the viewport (0 when it fits)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    return max(0, int(width) - int(viewport))


def main_pages(samples: dict[str, tuple[str, str]]) -> list[PageSpec]:
    """The pages every page-wide check (axe, 360 px) walks, grouped by who opens them."""
    new_id = samples["kapuas-new"][0]
    division_id = samples["kapuas-division"][0]
    disposed_id = samples["kapuas-disposed"][0]
    public_id = samples["kapuas-public"][0]
    tracked_id, tracked_code = samples["bangkalan-verified"]
    return [
        PageSpec("home", "/"),
        PageSpec("submit", "/lapor/"),
        PageSpec("track", "/lacak/"),
        PageSpec("tracked-report", "/lacak/", prepare=lambda p: track(p, tracked_id, tracked_code)),
        PageSpec("public-list", "/laporan-publik/"),
        PageSpec("statistics", "/statistik/"),
        PageSpec("public-report", f"/laporan-publik/{public_id}/"),
        PageSpec("sign-in", "/akun/masuk/"),
        PageSpec("register", "/akun/daftar/"),
        PageSpec("submit-signed-in", "/lapor/", user="warga", group="citizen"),
        PageSpec("my-reports", "/laporan-saya/", user="warga", group="citizen"),
        PageSpec("my-report", f"/laporan/{public_id}/", user="warga", group="citizen"),
        PageSpec("notifications", "/akun/notifikasi/", user="warga", group="citizen"),
        PageSpec("preferences", "/akun/notifikasi/pengaturan/", user="warga", group="citizen"),
        PageSpec("inbox-coordinator", "/petugas/", user="kapuas.koordinator", group="coordinator"),
        PageSpec(
            "staff-report-coordinator",
            f"/petugas/laporan/{new_id}/",
            prepare=unfold_actions,
            user="kapuas.koordinator",
            group="coordinator",
        ),
        PageSpec(
            "staff-notifications",
            "/akun/notifikasi/",
            user="kapuas.koordinator",
            group="coordinator",
        ),
        PageSpec("intake", "/petugas/input/", user="kapuas.koordinator", group="coordinator"),
        PageSpec(
            "failed-messages",
            "/petugas/pesan-gagal/",
            user="kapuas.koordinator",
            group="coordinator",
        ),
        PageSpec(
            "incoming-messages",
            "/petugas/pesan-masuk/",
            user="kapuas.koordinator",
            group="coordinator",
        ),
        PageSpec("kpi", "/petugas/kinerja/", user="kapuas.koordinator", group="coordinator"),
        *[
            PageSpec(name, path, user="kapuas.koordinator", group="coordinator")
            for name, path in (
                ("kpi-compliance", "/petugas/kinerja/kepatuhan/"),
                ("oversight", "/petugas/pengawasan/"),
                ("daily-recap", "/petugas/pengawasan/rekap-harian/"),
                ("quarterly-list", "/petugas/pengawasan/triwulan/"),
                ("monitoring", "/petugas/pengawasan/monev/"),
                ("monitoring-new", "/petugas/pengawasan/monev/baru/"),
                ("integrations", "/petugas/integrasi/"),
                ("api-keys", "/petugas/kunci-api/"),
                ("webhooks", "/petugas/webhook/"),
                ("federation", "/petugas/federasi/"),
            )
        ],
        PageSpec(
            "quarterly-kasi",
            "/petugas/pengawasan/triwulan/",
            user="kapuas.kasi",
            group="coordinator",
        ),
        PageSpec("kpi-agency", "/petugas/kinerja/", user="kapuas.pupr.penghubung", group="agency"),
        PageSpec("inbox-liaison", "/petugas/", user="kapuas.pupr.penghubung", group="agency"),
        PageSpec(
            "staff-report-liaison",
            f"/petugas/laporan/{disposed_id}/",
            prepare=unfold_actions,
            user="kapuas.pupr.penghubung",
            group="agency",
        ),
        PageSpec("inbox-division", "/petugas/", user="kapuas.pupr.staf", group="agency"),
        PageSpec(
            "staff-report-division",
            f"/petugas/laporan/{division_id}/",
            prepare=unfold_actions,
            user="kapuas.pupr.staf",
            group="agency",
        ),
    ]


PAGE_GROUPS = ("public", "citizen", "coordinator", "agency")


def png_upload(name: str = "foto.png") -> FilePayload:
    """A small real PNG photo, as a file chooser would hand it over."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 160, 90)).save(buffer, format="PNG")
    return {"name": name, "mimeType": "image/png", "buffer": buffer.getvalue()}


def tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Press Tab (only Tab) until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focus_outline(page: Page) -> tuple[str, float]:
    """The focused element's outline style and width in px."""
    style, width = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [s.outlineStyle, parseFloat(s.outlineWidth) || 0]; }"""
    )
    return str(style), float(width)


def add_problem_messages(tracking_id: str) -> None:
    """One failed e-mail and one unreadable WhatsApp message in Kapuas, so that the failed
    and incoming message pages have rows to show."""
    from django.utils import timezone

    from tuntas.inbound.models import InboundChannel, InboundMessage, InboundState
    from tuntas.organisations.models import Organisation
    from tuntas.outbox.models import DeliveryChannel, OutboxMessage, OutboxState
    from tuntas.reports.models import Report

    now = timezone.now()
    report = Report.objects.get(tracking_id=tracking_id)
    OutboxMessage.objects.create(
        idempotency_key=f"e2e:dead:{tracking_id}",
        channel=DeliveryChannel.EMAIL,
        event="verify",
        report=report,
        address="x@rusak",
        subject=f"[{tracking_id}] Verifikasi",
        body="Laporan Anda sedang diverifikasi.",
        state=OutboxState.DEAD,
        attempts=1,
        last_error="Alamat e-mail tidak sah: x@rusak",
        next_attempt_at=now,
        created_at=now,
    )
    InboundMessage.objects.create(
        channel=InboundChannel.WHATSAPP,
        provider_id=f"e2e-{tracking_id}",
        sender="6281234567890",
        sender_name="Pak Darto",
        text="Foto jembatan rusak di Desa Saka Lagun",
        received_at=now,
        state=InboundState.UNPARSEABLE,
        error="Jenis pesan WhatsApp \u201cimage\u201d belum dapat diproses.",
        pemda=Organisation.objects.get(code="kapuas"),
    )
