"""The world the authorisation matrix walks: the demo personas, reports in and out of
each persona's scope, and one object of every other kind a route names (attachments,
quarterly reports, evaluation records, webhook subscriptions, API keys, peers, inbound
messages, tokens), each in Kapuas and in another Pemda.

Who may see what is written out here by hand from the role table
(``/work/shared/domain.md`` §2, ``docs/architecture.md`` "Scoped selectors"), on
purpose not computed with ``tuntas.reports.access``: the matrix checks the product
against this table, not against itself.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from PIL import Image

from tests.reports.helpers import report_input
from tuntas.accounts.models import ApiToken, User
from tuntas.accounts.tokens import issue_api_token
from tuntas.apikeys.models import ApiKey
from tuntas.apikeys.services import issue_api_key
from tuntas.demo.builder import Demo, build_demo
from tuntas.federation.models import Peer
from tuntas.federation.peers import PeerInput, create_peer
from tuntas.inbound.models import InboundChannel, InboundMessage
from tuntas.oversight import actions as oversight_actions
from tuntas.oversight.actions.evaluation import EvaluationInput
from tuntas.oversight.periods import quarter_period
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report
from tuntas.reports.uploads import CheckedFile
from tuntas.webhooks.models import WebhookSubscription

ANONYMOUS = "@anonymous"

# Every demo persona that signs in, and nobody signed in.
PERSONAS = [
    "warga",
    "warga2",
    "nasional",
    "ombudsman",
    "kapuas.koordinator",
    "kapuas.pupr.penghubung",
    "kapuas.pupr.admin",
    "kapuas.pupr.kadis",
    "kapuas.pupr.staf",
    "kapuas.disdik.penghubung",
    "kapuas.disdik.admin",
    "kapuas.kasi",
    "kapuas.kabid",
    "kapuas.kadiskominfo",
    "kapuas.apip",
    "majalengka.koordinator",
    "majalengka.disporbudpar.penghubung",
    "majalengka.disporbudpar.admin",
    "majalengka.disporbudpar.kadis",
    "majalengka.disporbudpar.staf",
    "majalengka.pupr.penghubung",
    "bangkalan.koordinator",
    "bangkalan.dishub.penghubung",
    "bangkalan.dishub.admin",
    "bangkalan.dishub.kadis",
    "bangkalan.dishub.staf",
    ANONYMOUS,
]
CITIZENS = frozenset({"warga", "warga2"})
STAFF = frozenset(p for p in PERSONAS if p not in CITIZENS and p != ANONYMOUS)
SIGNED_IN = frozenset(CITIZENS | STAFF)
EVERYONE = frozenset(PERSONAS)
SUPERUSERS = frozenset({"nasional"})
DIVISION_STAFF = frozenset(
    {"kapuas.pupr.staf", "majalengka.disporbudpar.staf", "bangkalan.dishub.staf"}
)
COORDINATORS = {
    "kapuas": "kapuas.koordinator",
    "majalengka": "majalengka.koordinator",
    "bangkalan": "bangkalan.koordinator",
}
# Pemda-wide roles (coordinator, Kasi, Kabid, viewers such as APIP) by Pemda.
PEMDA_WIDE = {
    "kapuas": frozenset({"kapuas.koordinator", "kapuas.kasi", "kapuas.kabid", "kapuas.apip"}),
    "majalengka": frozenset({"majalengka.koordinator"}),
    "bangkalan": frozenset({"bangkalan.koordinator"}),
}
# Agency-wide roles (liaison officer and admin, agency head) by agency.
AGENCY = {
    "kapuas-pupr": frozenset({"kapuas.pupr.penghubung", "kapuas.pupr.admin", "kapuas.pupr.kadis"}),
    "kapuas-disdik": frozenset({"kapuas.disdik.penghubung", "kapuas.disdik.admin"}),
    "kapuas-diskominfo": frozenset({"kapuas.kadiskominfo"}),
    "majalengka-disporbudpar": frozenset(
        {
            "majalengka.disporbudpar.penghubung",
            "majalengka.disporbudpar.admin",
            "majalengka.disporbudpar.kadis",
        }
    ),
    "majalengka-pupr": frozenset({"majalengka.pupr.penghubung"}),
    "bangkalan-dishub": frozenset(
        {"bangkalan.dishub.penghubung", "bangkalan.dishub.admin", "bangkalan.dishub.kadis"}
    ),
}


def pemda_of(persona: str) -> str | None:
    """The Pemda a staff persona works in (None: national, Ombudsman, citizens)."""
    for pemda in ("kapuas", "majalengka", "bangkalan"):
        if persona.startswith(pemda + "."):
            return pemda
    return None


@dataclass(frozen=True)
class ReportCase:
    """One fixture report and who sees it where, from the role table."""

    key: str
    pemda: str
    staff: frozenset[str]  # who sees it on the staff side (national admin included)
    reporter: frozenset[str]  # whose own report it is (the citizen view)
    public: bool  # on the public list (verified, not rahasia)
    anonymous: bool = True  # the reporter asked for anonim (the default)

    @property
    def may_see_identity(self) -> frozenset[str]:
        """Anonim: the reporter, their Pemda's coordinator and the national admin."""
        return self.reporter | {COORDINATORS[self.pemda], "nasional"}


K_PEMDA = PEMDA_WIDE["kapuas"]
CASES = {
    # Kapuas, filed by warga, named and public; Dinas PUPR leads (handled by Bidang Bina
    # Marga), Disdik supports (its disposition still pending).
    "main": ReportCase(
        "main",
        "kapuas",
        staff=frozenset({"nasional"} | K_PEMDA | AGENCY["kapuas-pupr"] | AGENCY["kapuas-disdik"])
        | {"kapuas.pupr.staf"},
        reporter=frozenset({"warga"}),
        public=True,
        anonymous=False,
    ),
    # Kapuas, filed by warga2 with their account, anonim but public; with PUPR's division.
    "anon": ReportCase(
        "anon",
        "kapuas",
        staff=frozenset({"nasional"} | K_PEMDA | AGENCY["kapuas-pupr"] | {"kapuas.pupr.staf"}),
        reporter=frozenset({"warga2"}),
        public=True,
    ),
    # Kapuas, filed without an account (access code), anonim and rahasia, verified.
    "anon_code": ReportCase(
        "anon_code",
        "kapuas",
        staff=frozenset({"nasional"} | K_PEMDA),
        reporter=frozenset(),
        public=False,
    ),
    # Kapuas: Disdik returned the disposition, PUPR accepted the next one and transferred
    # it to Diskominfo. Neither Disdik nor PUPR sees it any more.
    "handed_on": ReportCase(
        "handed_on",
        "kapuas",
        staff=frozenset({"nasional"} | K_PEMDA | AGENCY["kapuas-diskominfo"]),
        reporter=frozenset({"warga"}),
        public=False,
    ),
    # Another Pemda: Majalengka, Disporbudpar leads, Bidang Pariwisata handles.
    "majalengka": ReportCase(
        "majalengka",
        "majalengka",
        staff=frozenset(
            {"nasional", "majalengka.disporbudpar.staf"}
            | PEMDA_WIDE["majalengka"]
            | AGENCY["majalengka-disporbudpar"]
        ),
        reporter=frozenset({"warga"}),
        public=False,
    ),
    # Filed in Majalengka by Kapuas's Kepala Dinas PUPR as a citizen: he gets the citizen
    # view of it only; Majalengka's staff handle it.
    "staff_own": ReportCase(
        "staff_own",
        "majalengka",
        staff=frozenset({"nasional"} | PEMDA_WIDE["majalengka"] | AGENCY["majalengka-pupr"]),
        reporter=frozenset({"kapuas.pupr.kadis"}),
        public=False,
    ),
    # Bangkalan, forwarded to the Ombudsman while Dishub held it.
    "ombudsman": ReportCase(
        "ombudsman",
        "bangkalan",
        staff=frozenset(
            {"nasional", "ombudsman"} | PEMDA_WIDE["bangkalan"] | AGENCY["bangkalan-dishub"]
        ),
        reporter=frozenset({"warga"}),
        public=False,
    ),
}

# An internal note between staff (disposition instructions) on every disposed report:
# never on a citizen, public or Open311 surface.
INTERNAL_NOTE = "Catatan internal matriks: jangan diteruskan ke pelapor"


@dataclass(frozen=True)
class Identity:
    """An anonim reporter's identity, as it could appear in a response."""

    name: str
    email: str
    phone: str
    nik: str

    def patterns(self) -> dict[str, re.Pattern[str]]:
        digits = re.sub(r"\D", "", self.phone)[-9:]  # without 0 / +62, any separators
        return {
            "name": re.compile(re.escape(self.name), re.IGNORECASE),
            "email": re.compile(re.escape(self.email), re.IGNORECASE),
            "phone": re.compile(r"[\s.\-]?".join(digits)),
            "nik": re.compile(r"[\s.\-]?".join(self.nik)),
        }


IDENTITIES = {
    "anon": Identity(
        "Budi Santoso", "warga2@demo.tuntas.invalid", "0812 7777 4321", "6203015505900001"
    ),
    "anon_code": Identity(
        "Sri Wahyuningsih", "sri.rahasia@contoh.invalid", "0813 5555 0123", "6203014101850002"
    ),
}


@dataclass
class World:
    demo: Demo
    reports: dict[str, str] = field(default_factory=dict)  # case key → tracking id
    attachments: dict[str, int] = field(default_factory=dict)  # case key → attachment id
    objects: dict[str, int] = field(default_factory=dict)  # "<kind>:<pemda>" → pk
    secrets: dict[str, str] = field(default_factory=dict)  # API key / peer secrets

    def user(self, persona: str) -> User:
        return self.demo.users[persona]


def png() -> CheckedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (120, 20, 30)).save(out, format="PNG")
    return CheckedFile(content_type="image/png", content=out.getvalue())


def build_world() -> World:
    demo = build_demo()
    world = World(demo)
    u, o = demo.users, demo.orgs
    now = timezone.now()
    anon = IDENTITIES["anon"]
    User.objects.filter(pk=u["warga2"].pk).update(phone=anon.phone, nik=anon.nik)

    def submit(persona: str | None, pemda: str = "kapuas", **kw: object) -> Report:
        data = report_input(demo, pemda=pemda, attachments=[png()], **kw)
        if pemda != "kapuas":
            data.category = None
        actor = Actor.reporter(u[persona] if persona else None)
        return actions.submit_report(data, actor=actor, now=now).report

    def as_(persona: str) -> Actor:
        return Actor(user=u[persona])

    def dispose(r: Report, coordinator: str, lead: str, *support: str) -> None:
        actions.verify_report(r, actor=as_(coordinator), now=now)
        actions.dispose_report(
            r,
            actor=as_(coordinator),
            agencies=[o[lead], *(o[s] for s in support)],
            lead=o[lead],
            instructions=INTERNAL_NOTE,
            now=now,
        )

    def in_division(r: Report, liaison: str, head: str, division: str) -> None:
        actions.accept_disposition(r, actor=as_(liaison), now=now)
        actions.dispose_internally(r, actor=as_(head), division=o[division], now=now)

    main = submit("warga", is_anonymous=False, is_confidential=False)
    dispose(main, "kapuas.koordinator", "kapuas-pupr", "kapuas-disdik")
    in_division(main, "kapuas.pupr.penghubung", "kapuas.pupr.kadis", "kapuas-pupr-binamarga")

    anon_report = submit("warga2", is_anonymous=True, is_confidential=False)
    dispose(anon_report, "kapuas.koordinator", "kapuas-pupr")
    in_division(anon_report, "kapuas.pupr.penghubung", "kapuas.pupr.kadis", "kapuas-pupr-binamarga")

    code = IDENTITIES["anon_code"]
    anon_code = submit(
        None,
        reporter_name=code.name,
        reporter_email=code.email,
        reporter_phone=code.phone,
        reporter_nik=code.nik,
    )
    actions.verify_report(anon_code, actor=as_("kapuas.koordinator"), now=now)

    handed_on = submit("warga")
    dispose(handed_on, "kapuas.koordinator", "kapuas-disdik")
    actions.return_disposition(
        handed_on, actor=as_("kapuas.disdik.penghubung"), reason="Bukan urusan Disdik", now=now
    )
    actions.dispose_report(
        handed_on,
        actor=as_("kapuas.koordinator"),
        agencies=[o["kapuas-pupr"]],
        lead=o["kapuas-pupr"],
        instructions=INTERNAL_NOTE,
        now=now,
    )
    actions.accept_disposition(handed_on, actor=as_("kapuas.pupr.penghubung"), now=now)
    actions.transfer_report(
        handed_on,
        actor=as_("kapuas.pupr.penghubung"),
        to_agency=o["kapuas-diskominfo"],
        reason="Menyangkut layanan informasi publik",
        now=now,
    )

    majalengka = submit("warga", pemda="majalengka")
    dispose(majalengka, "majalengka.koordinator", "majalengka-disporbudpar")
    in_division(
        majalengka,
        "majalengka.disporbudpar.penghubung",
        "majalengka.disporbudpar.kadis",
        "majalengka-disporbudpar-pariwisata",
    )

    staff_own = submit("kapuas.pupr.kadis", pemda="majalengka")
    dispose(staff_own, "majalengka.koordinator", "majalengka-pupr")

    ombudsman = submit("warga", pemda="bangkalan")
    dispose(ombudsman, "bangkalan.koordinator", "bangkalan-dishub")
    actions.forward_to_ombudsman(ombudsman, actor=as_("bangkalan.koordinator"), now=now)

    built = {
        "main": main,
        "anon": anon_report,
        "anon_code": anon_code,
        "handed_on": handed_on,
        "majalengka": majalengka,
        "staff_own": staff_own,
        "ombudsman": ombudsman,
    }
    for key, report in built.items():
        report.refresh_from_db()
        world.reports[key] = report.tracking_id
        world.attachments[key] = report.attachments.order_by("pk").values_list("pk", flat=True)[0]
    _other_objects(world, now)
    return world


def _other_objects(world: World, now: object) -> None:
    """One object of every other kind a route names, in Kapuas and in Majalengka."""
    demo = world.demo
    u, o = demo.users, demo.orgs
    assert isinstance(now, type(timezone.now()))
    for pemda in ("kapuas", "majalengka"):
        coordinator = u[COORDINATORS[pemda]]
        # A quarterly report of the current quarter, compiled after it ends: its content
        # holds the fixture reports (the anonim ones among them).
        quarter = (now.month - 1) // 3 + 1
        period = quarter_period(o[pemda], now.year, quarter)
        quarterly = oversight_actions.compile_quarterly_report(
            pemda=o[pemda],
            year=now.year,
            quarter=quarter,
            actor=coordinator,
            now=period.end + timedelta(days=1),
        )
        world.objects[f"quarterly:{pemda}"] = quarterly.pk
        record = oversight_actions.create_evaluation_record(
            pemda=o[pemda],
            data=EvaluationInput(
                kind="site_visit",
                title="Kunjungan matriks",
                held_on=now.date() - timedelta(days=1),
                place="Jalan Mawar",
                participants="Tim Pengaduan",
                minutes="Lubang sudah ditambal.",
                tracking_ids=[world.reports["anon" if pemda == "kapuas" else "majalengka"]],
                agencies=[],
            ),
            files=[png()],
            actor=coordinator,
            now=now,
        )
        world.objects[f"evaluation:{pemda}"] = record.pk
        world.objects[f"evaluation_attachment:{pemda}"] = record.attachments.get().pk
        subscription = WebhookSubscription.objects.create(
            organisation=o[pemda],
            url="https://hooks.example.org/tuntas",
            secret="whsec_matrix",
            events=["report.created"],
            is_active=True,
            created_at=now,
            updated_at=now,
        )
        world.objects[f"webhook:{pemda}"] = subscription.pk
        key, secret = issue_api_key(
            actor=None, organisation=o[pemda], name=f"Kunci {pemda}", scopes=["reports.read"]
        )
        world.objects[f"apikey:{pemda}"] = key.pk
        world.secrets[f"apikey:{pemda}"] = secret
        peer = create_peer(
            PeerInput(
                name=f"Tuntas mitra {pemda}",
                base_url="http://peer.tuntas.invalid",
                organisation=o[pemda],
                outbound_key="tnt_peerkey_" + "y" * 24,
            ),
            actor=None,
        )
        world.objects[f"peer:{pemda}"] = peer.peer.pk
        world.secrets[f"peer:{pemda}"] = peer.inbound_secret
        message = InboundMessage.objects.create(
            channel=InboundChannel.WHATSAPP,
            provider_id=f"wamid.matrix.{pemda}",
            sender="6285700001111",
            sender_name="Pengirim WhatsApp",
            text="Jalan rusak di depan rumah saya.",
            received_at=now,
            pemda=o[pemda],
        )
        world.objects[f"inbound:{pemda}"] = message.pk
        world.objects[f"staff_user:{pemda}"] = u[
            "kapuas.pupr.staf" if pemda == "kapuas" else "majalengka.disporbudpar.staf"
        ].pk
    token, _secret = issue_api_token(u["warga"], now=now)
    world.objects["token:warga"] = token.pk
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert Peer.objects.count() >= 2 and ApiKey.objects.count() >= 2
