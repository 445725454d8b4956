"""The authorisation matrix: every route × every persona × reports in and out of scope.

The routes come from Django's URL resolver (``authz_routes.all_routes``), their path
parameters filled from one world built once for the module (``authz_world``): seven
reports (Kapuas, anonim ones, one handed on by two agencies, another Pemda's, one a
staff member filed as a citizen, one with the Ombudsman) and every other object a
route names, in Kapuas and in Majalengka. ``ROUTES`` below says, for each URL name, its
family and who may open it; a route missing from the table fails
``test_every_route_is_classified``, so a new route is refused by CI until someone says
who may use it.

For each route and persona the test asserts the outcome (the page or JSON, the sign-in
page / 401, or a refusal: 403 or 404, in the API's JSON error shape under ``/api/``)
and reads every text body: no identity of an *anonim* reporter (name, e-mail, phone,
NIK) outside the reporter, their Pemda's coordinator and the national admin
(``reports.access.identity_rule``); no note between staff and no staff member's name on
the surfaces outside the staff side (``reports.disclosure``).

Pages are requested with GET. A route that only takes POST is posted (empty body) by
everyone who may not use it, on one report in their scope of nobody's and on the staff
member's own report: refused, and nothing in the database changed.

The Django admin is gated by ``is_staff`` only, which of the personas only the national
admin has (asserted below): its ~140 generated routes are requested by a sample of
personas (nobody, a citizen, a coordinator, division staff, the superuser).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.conftest import client_for
from tests.reports.cells import module_data
from tests.security.authz_routes import ADMIN_PREFIX, Binding, Route, all_routes, bindings
from tests.security.authz_world import (
    AGENCY,
    ANONYMOUS,
    CASES,
    CITIZENS,
    COORDINATORS,
    DIVISION_STAFF,
    IDENTITIES,
    INTERNAL_NOTE,
    PEMDA_WIDE,
    PERSONAS,
    SIGNED_IN,
    STAFF,
    SUPERUSERS,
    World,
    build_world,
)

# ------------------------------------------------------------------ outcomes

LOGIN_PATH = "/akun/masuk/"

OK = "ok"  # 200
REDIRECT = "redirect"  # 301 or 302 somewhere other than the sign-in page
LOGIN = "login"  # pages: 302 to the sign-in page; API: 401 in the JSON error shape
REFUSED = "refused"  # 403 or 404 (API: in the JSON error shape)
REFUSED_OR_CONFLICT = "refused_or_conflict"  # 403/404, or 409 to who sees the report
REFUSED_BACK = "refused_back"  # 403/404, or sent back to the form's page (PRG)
DENIED = "denied"  # nobody signed in: sign in first, or refused
NOT_FOUND = "not_found"  # 404 for everyone (a parameter naming nothing)
ANY = "any"  # any answer but a server error (the superuser's admin pages)

Expect = Callable[[str, Binding], str]

# ------------------------------------------------------------------ audiences
# Who may use what, from the role table (/work/shared/domain.md §2) and the rules the
# product documents for each family (docs/architecture.md, docs/oversight.md, ...).

ADMINS = frozenset({"nasional", *COORDINATORS.values()})
ADMINS_OF = {pemda: frozenset({"nasional", person}) for pemda, person in COORDINATORS.items()}
AGENCY_ROLES = frozenset().union(*AGENCY.values())
ALL_PEMDA_WIDE = frozenset().union(*PEMDA_WIDE.values())
# KPIs: the national admin, Pemda-wide roles and agency roles (kpi/access.py); not
# division staff, not the Ombudsman's viewer.
KPI = frozenset({"nasional"} | ALL_PEMDA_WIDE | AGENCY_ROLES)
# Oversight (SOP 3, 4, 6): the Pemda's complaint team (coordinator, Kasi, Kabid) reads;
# agencies read their own daily recap; the Kepala Dinas of the unit approves M&E
# records. Viewers (APIP), the national admin and the Ombudsman are not part of it.
TEAM = {
    "kapuas": frozenset({"kapuas.koordinator", "kapuas.kasi", "kapuas.kabid"}),
    "majalengka": frozenset({"majalengka.koordinator"}),
    "bangkalan": frozenset({"bangkalan.koordinator"}),
}
OVERSIGHT_READERS = {
    "kapuas": TEAM["kapuas"] | {"kapuas.kadiskominfo"},
    "majalengka": TEAM["majalengka"],
    "bangkalan": TEAM["bangkalan"],
}
ANY_OVERSIGHT_READER = frozenset().union(*OVERSIGHT_READERS.values())
RECAP = frozenset(ANY_OVERSIGHT_READER | AGENCY_ROLES)
TEAMS = frozenset().union(*TEAM.values())
# Outside-channel intake: coordinators and liaison admins.
INTAKE = frozenset(
    {*COORDINATORS.values()}
    | {"kapuas.pupr.admin", "kapuas.disdik.admin", "majalengka.disporbudpar.admin"}
    | {"bangkalan.dishub.admin"}
)
CITIZENS_AND_ANONYMOUS = frozenset(CITIZENS | {ANONYMOUS})


def everyone(outcome: str = OK) -> Expect:
    return lambda persona, binding: outcome


def signed_in(outcome: str = OK) -> Expect:
    return lambda persona, binding: LOGIN if persona == ANONYMOUS else outcome


def only(who: frozenset[str], outcome: str = OK) -> Expect:
    """``who`` may; anyone else signed in is refused; nobody signed in signs in first."""

    def expect(persona: str, binding: Binding) -> str:
        if persona in who:
            return outcome
        return LOGIN if persona == ANONYMOUS else REFUSED

    return expect


def per_pemda(who: dict[str, frozenset[str]], outcome: str = OK) -> Expect:
    """An object of one Pemda: those ``who[pemda]`` may; the rest refused."""

    def expect(persona: str, binding: Binding) -> str:
        assert binding.pemda is not None
        return only(who.get(binding.pemda, frozenset()), outcome)(persona, binding)

    return expect


def staff_scope(outcome: str = OK) -> Expect:
    """A staff surface of one report: the staff who see it (``CASES[..].staff``)."""

    def expect(persona: str, binding: Binding) -> str:
        assert binding.case is not None
        return only(CASES[binding.case].staff, outcome)(persona, binding)

    return expect


def coordinators_of_case() -> Expect:
    """Forwarding to a peer: the national admin and the report's Pemda coordinator."""

    def expect(persona: str, binding: Binding) -> str:
        assert binding.case is not None
        case = CASES[binding.case]
        return only(frozenset(case.staff & ADMINS_OF[case.pemda]), OK)(persona, binding)

    return expect


def own_report(anonymous: str = REFUSED) -> Expect:
    """The reporter's view of their own report; nobody signed in: ``anonymous``."""

    def expect(persona: str, binding: Binding) -> str:
        assert binding.case is not None
        if persona == ANONYMOUS:
            return anonymous
        return OK if persona in CASES[binding.case].reporter else REFUSED

    return expect


def own_or_staff() -> Expect:
    """A report's file over the API: its reporter, or staff who see the report."""

    def expect(persona: str, binding: Binding) -> str:
        assert binding.case is not None
        case = CASES[binding.case]
        if persona in case.reporter | case.staff:
            return OK
        return LOGIN if persona == ANONYMOUS else REFUSED

    return expect


def public_report() -> Expect:
    def expect(persona: str, binding: Binding) -> str:
        assert binding.case is not None
        return OK if CASES[binding.case].public else REFUSED

    return expect


def public_in_kapuas() -> Expect:
    """Open311 request detail asked in Kapuas's jurisdiction."""

    def expect(persona: str, binding: Binding) -> str:
        assert binding.case is not None
        case = CASES[binding.case]
        return OK if case.public and case.pemda == "kapuas" else REFUSED

    return expect


@dataclass(frozen=True)
class Rule:
    family: str
    get: Expect  # what a GET answers
    # POST-only routes: who may post (they are not posted as); everyone else posts and
    # is refused. None: GET route, or a public form (sign-in, registration...) whose
    # POSTs have their own tests.
    post_may: Expect | None = None
    query: str = ""
    method: str = "post"  # the write method of a POST-only route (``delete`` for some)
    refusal: str = REFUSED  # how a refused write answers
    refusal_for: Expect | None = None  # per persona, where it depends on the scope
    body: Callable[[World], dict[str, Any]] | None = None  # a valid write, if empty is not
    # Personas the GET is made as (None: all). Only for answers that read no session.
    personas: tuple[str, ...] | None = None


def post_only(family: str, may: Expect, get: Expect | None = None) -> Rule:
    """A route that only takes POST: GET never answers the page (405, or a redirect
    back to the page the form is on), POST by anyone ``may`` refuses is refused."""
    return Rule(family, get or everyone("no_page"), post_may=may)


def public_post(family: str) -> Rule:
    """A public write (sign-in, registration, submission, a provider's webhook)."""
    return Rule(family, everyone("no_page"))


def api_post(family: str, may: Expect, method: str = "post") -> Rule:
    return Rule(family, everyone("no_page"), post_may=may, method=method)


STAFF_ACTIONS = [
    "verify",
    "hold",
    "not_in_authority",
    "route_to_pemda",
    "forward_external",
    "archive",
    "dispose",
    "accept",
    "return_disposition",
    "transfer",
    "dispose_internally",
    "request_clarification",
    "record_field_check",
    "submit_draft",
    "approve_draft",
    "return_draft",
    "publish_followup",
    "close",
    "reopen",
    "forward_ombudsman",
    "request_privacy_change",
]

ROUTES: dict[str, Rule] = {
    # -------------------------------------------------------------- citizen pages
    "set_language": public_post("citizen pages"),
    "<unnamed favicon.ico>": Rule("citizen pages", everyone(REDIRECT)),
    "citizen:home": Rule("citizen pages", everyone()),
    "citizen:submit": Rule("citizen pages", everyone()),
    "citizen:submitted": Rule("citizen pages", everyone(REDIRECT)),
    "citizen:track": Rule("citizen pages", everyone()),
    "citizen:report": Rule("citizen pages", own_report()),
    "citizen:complete": post_only("citizen pages", own_report()),
    "citizen:clarify": post_only("citizen pages", own_report()),
    "citizen:reply": post_only("citizen pages", own_report()),
    "citizen:privacy": post_only("citizen pages", own_report()),
    "citizen:link": Rule("citizen pages", everyone(NOT_FOUND)),
    "citizen:attachment": Rule("attachments", own_report()),
    "citizen:public_list": Rule("citizen pages", everyone()),
    "citizen:public_detail": Rule("citizen pages", public_report()),
    "citizen:my_reports": Rule("citizen pages", signed_in()),
    "kpi_public:statistics": Rule("citizen pages", everyone()),
    # -------------------------------------------------------------- accounts
    "accounts:login": Rule("accounts", lambda p, b: OK if p == ANONYMOUS else REDIRECT),
    "accounts:logout": public_post("accounts"),
    "accounts:register": Rule("accounts", lambda p, b: OK if p == ANONYMOUS else REDIRECT),
    "accounts:two_factor_verify": Rule("accounts", signed_in(REDIRECT)),
    "accounts:two_factor_setup": Rule("accounts", signed_in()),
    "accounts:recovery_codes_regenerate": public_post("accounts"),
    "accounts:two_factor_disable": public_post("accounts"),
    "accounts:security": Rule("accounts", signed_in()),
    # Revoking a token: its owner only (others are sent back to their security page
    # with the error; the snapshot proves nothing changed).
    "accounts:token_revoke": Rule(
        "accounts",
        everyone("no_page"),
        post_may=only(frozenset({"warga"})),
        refusal=REFUSED_BACK,
    ),
    "accounts:password_change": Rule("accounts", signed_in()),
    "accounts:password_reset": Rule("accounts", everyone()),
    "accounts:password_reset_done": Rule("accounts", everyone()),
    "accounts:password_reset_confirm": Rule("accounts", everyone()),
    "accounts:password_reset_complete": Rule("accounts", everyone()),
    # A coordinator resets the access of staff in their Pemda.
    "accounts:staff_access": Rule("accounts", only(ADMINS)),
    "accounts:staff_access_reset": post_only("accounts", per_pemda(ADMINS_OF)),
    # -------------------------------------------------------------- notifications
    # -------------------------------------------------------------- personal data (UU PDP)
    "privacy:privacy_notice": Rule("personal data", everyone()),
    "privacy:my_data": Rule("personal data", signed_in()),
    "privacy:my_data_download": post_only("personal data", signed_in()),
    "privacy:my_data_erase": post_only("personal data", signed_in()),
    "privacy:my_data_cancel": post_only("personal data", signed_in()),
    # Proven by the access code in this session; its account holder is sent to the
    # account's page; anyone else is refused.
    "privacy:report_data": Rule(
        "personal data",
        lambda p, b: REDIRECT if b.case and p in CASES[b.case].reporter else REFUSED,
    ),
    "privacy:report_data_download": post_only("personal data", own_report()),
    "privacy:report_data_erase": post_only("personal data", own_report()),
    "privacy:report_data_cancel": post_only("personal data", own_report()),
    "privacy:erasure_requests": Rule("personal data", only(ADMINS)),
    "privacy:erasure_confirm": post_only("personal data", only(frozenset())),
    "privacy:api_my_data": Rule("personal data", signed_in()),
    "privacy:api_my_data_archive": Rule("personal data", signed_in()),
    "privacy:api_my_erasure": Rule("personal data", signed_in(NOT_FOUND)),  # none asked
    "privacy:api_report_data": Rule("personal data", own_report(anonymous=LOGIN)),
    "privacy:api_report_erasure": Rule("personal data", signed_in(REFUSED)),  # none asked
    "accounts:notifications": Rule("notifications pages", signed_in()),
    "accounts:notifications_mark_read": public_post("notifications pages"),
    "outbox:preferences": Rule("notifications pages", signed_in()),
    "outbox:dead_letters": Rule("notifications pages", only(ADMINS)),
    "outbox:retry": post_only("notifications pages", only(ADMINS)),
    "outbox:api_preferences": Rule("notifications API", signed_in()),
    # -------------------------------------------------------------- inbound messages
    "inbound:review": Rule("inbound pages", only(ADMINS)),
    "inbound:make_report": post_only("inbound pages", per_pemda(ADMINS_OF)),
    "inbound:dismiss": post_only("inbound pages", per_pemda(ADMINS_OF)),
    "inbound_webhooks:whatsapp": public_post("provider webhooks"),
    "inbound_webhooks:sms": public_post("provider webhooks"),
    "inbound_webhooks:email": public_post("provider webhooks"),
    # -------------------------------------------------------------- API keys
    "apikeys:list": Rule("API keys pages", only(ADMINS)),
    "apikeys:create": Rule("API keys pages", only(ADMINS)),
    "apikeys:created": Rule("API keys pages", only(ADMINS, REDIRECT)),
    "apikeys:detail": Rule("API keys pages", per_pemda(ADMINS_OF)),
    "apikeys:revoke": post_only("API keys pages", per_pemda(ADMINS_OF)),
    "apikeys_api:me": Rule("API keys API", everyone(LOGIN)),  # an application's key only
    # -------------------------------------------------------------- webhooks
    "webhooks:list": Rule("webhooks pages", only(ADMINS)),
    "webhooks:create": Rule("webhooks pages", only(ADMINS)),
    "webhooks:detail": Rule("webhooks pages", per_pemda(ADMINS_OF)),
    "webhooks:rotate": post_only("webhooks pages", per_pemda(ADMINS_OF)),
    "webhooks:ping": post_only("webhooks pages", per_pemda(ADMINS_OF)),
    "webhooks:delete": post_only("webhooks pages", per_pemda(ADMINS_OF)),
    "webhooks_api:list": Rule("webhooks API", only(ADMINS)),
    "webhooks_api:detail": Rule("webhooks API", per_pemda(ADMINS_OF)),
    "webhooks_api:ping": api_post("webhooks API", per_pemda(ADMINS_OF)),
    "webhooks_api:rotate": api_post("webhooks API", per_pemda(ADMINS_OF)),
    # -------------------------------------------------------------- federation
    "federation:home": Rule("federation pages", only(ADMINS)),
    "federation:peer_create": Rule("federation pages", only(ADMINS)),
    "federation:peer_created": Rule("federation pages", only(ADMINS, REDIRECT)),
    "federation:peer_edit": Rule("federation pages", per_pemda(ADMINS_OF)),
    "federation:forward": Rule("federation pages", coordinators_of_case()),
    # A peer deployment's key only: no person's session opens these.
    "federation_api:receive-report": Rule("federation API", everyone(LOGIN)),
    "federation_api:receive-events": Rule("federation API", everyone(LOGIN)),
    "federation_api:peer-timeline": Rule("federation API", everyone(LOGIN)),
    "federation_api:staff-timeline": Rule("federation API", staff_scope()),
    # Staff who see the report but may not forward it hear 409 first (the report is
    # not "not in authority"): the state is checked before the role; no one else does.
    "federation_api:staff-forward": Rule(
        "federation API",
        everyone("no_page"),
        post_may=coordinators_of_case(),
        body=lambda world: {"peer": world.objects["peer:kapuas"]},
        refusal_for=lambda p, b: REFUSED_OR_CONFLICT if p in CASES[b.case or ""].staff else REFUSED,
    ),
    # -------------------------------------------------------------- KPI
    "kpi:dashboard": Rule("KPI pages", only(KPI)),
    "kpi:compliance": Rule("KPI pages", only(KPI)),
    "kpi:export": Rule("KPI exports", only(KPI)),
    "kpi_api:summary": Rule("KPI API", only(KPI)),
    "kpi_api:compliance": Rule("KPI API", only(KPI)),
    # -------------------------------------------------------------- oversight
    "oversight:home": Rule("oversight", only(RECAP)),
    "oversight:recap": Rule("oversight: daily recap", only(RECAP)),
    "oversight:recap_export": Rule("oversight: daily recap", only(RECAP)),
    "oversight:quarterly_list": Rule("oversight: quarterly report", only(ANY_OVERSIGHT_READER)),
    "oversight:quarterly_detail": Rule("oversight: quarterly report", per_pemda(OVERSIGHT_READERS)),
    "oversight:quarterly_recompile": post_only(
        "oversight: quarterly report", per_pemda(OVERSIGHT_READERS)
    ),
    "oversight:quarterly_action": post_only(
        "oversight: quarterly report", per_pemda(OVERSIGHT_READERS)
    ),
    "oversight:quarterly_export": Rule("oversight: quarterly report", per_pemda(OVERSIGHT_READERS)),
    "oversight:evaluation_list": Rule("oversight: evaluations", only(ANY_OVERSIGHT_READER)),
    "oversight:evaluation_create": Rule("oversight: evaluations", only(TEAMS)),
    "oversight:evaluation_detail": Rule("oversight: evaluations", per_pemda(OVERSIGHT_READERS)),
    "oversight:evaluation_edit": Rule("oversight: evaluations", per_pemda(OVERSIGHT_READERS)),
    "oversight:evaluation_action": post_only(
        "oversight: evaluations", per_pemda(OVERSIGHT_READERS)
    ),
    "oversight:evaluation_attachment": Rule("oversight: evaluations", per_pemda(OVERSIGHT_READERS)),
    "oversight_api:quarterly_list": Rule("oversight API", only(ANY_OVERSIGHT_READER)),
    "oversight_api:quarterly_detail": Rule("oversight API", per_pemda(OVERSIGHT_READERS)),
    "oversight_api:quarterly_move": api_post("oversight API", per_pemda(OVERSIGHT_READERS)),
    "oversight_api:daily_recap": Rule("oversight API", only(RECAP)),
    # -------------------------------------------------------------- staff pages
    "staff:home": Rule("staff pages", only(STAFF)),
    "staff:integrations": Rule("staff pages", only(ADMINS)),
    "staff:intake": Rule("staff pages", only(INTAKE)),
    "staff:intake_done": Rule("staff pages", only(STAFF, REDIRECT)),
    "staff:report": Rule("staff pages", staff_scope()),
    "staff:action": post_only("staff pages", staff_scope()),
    "staff:attachment": Rule("attachments", staff_scope()),
    "exports:report_file": Rule("exports", staff_scope()),
    # -------------------------------------------------------------- Open311
    "open311:discovery": Rule("Open311", everyone(), query="?jurisdiction_id=kapuas"),
    "open311:services": Rule("Open311", everyone(), query="?jurisdiction_id=kapuas"),
    "open311:service": Rule("Open311", everyone(NOT_FOUND), query="?jurisdiction_id=kapuas"),
    "open311:requests": Rule("Open311", everyone(), query="?jurisdiction_id=kapuas"),
    "open311:request": Rule("Open311", public_in_kapuas(), query="?jurisdiction_id=kapuas"),
    "open311:token": Rule("Open311", everyone(NOT_FOUND), query="?jurisdiction_id=kapuas"),
    "open311:unknown": Rule("Open311", everyone(NOT_FOUND)),
    # -------------------------------------------------------------- API: docs, reference
    # The same documents for everyone (generated from the code, no session read): a
    # sample of personas, the schema takes half a second to build.
    "api:schema": Rule("API docs", everyone(), personas=(ANONYMOUS, "warga", "nasional")),
    "api:docs": Rule("API docs", everyone(), personas=(ANONYMOUS, "warga", "nasional")),
    "api:redoc": Rule("API docs", everyone(), personas=(ANONYMOUS, "warga", "nasional")),
    "api:unknown": Rule("API docs", everyone(NOT_FOUND)),
    "api:token": public_post("API sign-in"),
    "api:token-list": Rule("API sign-in", signed_in()),
    # Revoking (DELETE) a token: its owner only.
    "api:token-detail": api_post("API sign-in", only(frozenset({"warga"})), method="delete"),
    "api:pemda-list": Rule("reference API", everyone()),
    "api:agency-list": Rule("reference API", everyone()),
    "api:classification-list": Rule("reference API", everyone()),
    "api:category-list": Rule("reference API", everyone()),
    "api:channel-list": Rule("reference API", everyone()),
    "api:region-list": Rule("reference API", everyone()),
    # -------------------------------------------------------------- reporter API
    "api:report-submit": public_post("reporter API"),
    "api:report-mine": Rule("reporter API", signed_in()),
    "api:report-detail": Rule("reporter API", own_report(anonymous=LOGIN)),
    "api:report-complete": api_post("reporter API", own_report()),
    "api:report-clarify": api_post("reporter API", own_report()),
    "api:report-reply": api_post("reporter API", own_report()),
    "api:report-attachment": Rule("attachments", own_or_staff()),
    "api:public-report-list": Rule("public API", everyone()),
    "api:public-report-detail": Rule("public API", public_report()),
    # -------------------------------------------------------------- staff API
    "api:staff-report-list": Rule("staff API", only(STAFF)),
    "api:staff-report-detail": Rule("staff API", staff_scope()),
    **{f"api:staff-action-{a}": api_post("staff API", staff_scope()) for a in STAFF_ACTIONS},
}
# Surfaces outside the staff side: no staff names, no notes between staff.
OUTSIDE_FAMILIES = frozenset(
    {"citizen pages", "reporter API", "public API", "Open311", "attachments"}
)
ADMIN_SAMPLE = [ANONYMOUS, "warga", "kapuas.koordinator", "kapuas.pupr.staf", "nasional"]
# POST-only routes naming a report are posted on these cases: one no outsider sees and
# the one its reporter (a Kapuas staff member) filed in Majalengka.
POST_CASES = ("main", "staff_own")


def is_api(route: Route) -> bool:
    return route.pattern.startswith("api/")


# ------------------------------------------------------------------ the world


@dataclass
class Matrix:
    world: World
    sessions: dict[str, str]  # persona → session key (a verified session where needed)
    routes: dict[str, Route]


@pytest.fixture(scope="module")
def _matrix(django_db_setup: None, django_db_blocker: Any) -> Iterator[Matrix]:
    def build() -> Matrix:
        world = build_world()
        sessions = {
            persona: client_for(world.user(persona)).cookies[settings.SESSION_COOKIE_NAME].value
            for persona in PERSONAS
            if persona != ANONYMOUS
        }
        return Matrix(world, sessions, {r.name: r for r in all_routes()})

    yield from module_data(django_db_blocker, build)


@pytest.fixture
def matrix(_matrix: Matrix, db: None) -> Iterator[Matrix]:
    cache.clear()  # rate-limit counters
    yield _matrix
    cache.clear()


def write(c: Client, rule: Rule, route: Route, url: str, world: World) -> Any:
    """An empty (or the rule's valid) write: JSON to the API, a form elsewhere."""
    data = rule.body(world) if rule.body else {}
    if is_api(route):
        return getattr(c, rule.method)(url, json.dumps(data), content_type="application/json")
    return getattr(c, rule.method)(url, data)


def client(matrix: Matrix, persona: str) -> Client:
    c = Client()
    if persona != ANONYMOUS:
        c.cookies[settings.SESSION_COOKIE_NAME] = matrix.sessions[persona]
    return c


# ------------------------------------------------------------------ what a body may hold


def _account_identity(user: Any) -> list[tuple[str, re.Pattern[str]]]:
    found = [("name", re.compile(re.escape(user.full_name), re.IGNORECASE))]
    found.append(("email", re.compile(re.escape(user.email), re.IGNORECASE)))
    return found


def forbidden_texts(
    matrix: Matrix, persona: str, rule: Rule, binding: Binding
) -> list[tuple[str, re.Pattern[str]]]:
    """What must not appear in the body ``persona`` gets (label, pattern)."""
    texts: list[tuple[str, re.Pattern[str]]] = []
    # The anonim reporters whose identity is kept apart: everywhere, for everyone
    # outside the reporter, their Pemda's coordinator and the national admin.
    for key, identity in IDENTITIES.items():
        if persona not in CASES[key].may_see_identity:
            texts += [(f"{key} {kind}", p) for kind, p in identity.patterns().items()]
    # On one report's own URLs: its reporter's account, if anonim.
    case = CASES.get(binding.case or "")
    if case is not None and case.anonymous and persona not in case.may_see_identity:
        for reporter in case.reporter:
            texts += [
                (f"{case.key} reporter {kind}", p)
                for kind, p in _account_identity(matrix.world.user(reporter))
            ]
    if rule.family in OUTSIDE_FAMILIES or persona in CITIZENS_AND_ANONYMOUS:
        texts.append(("note between staff", re.compile(re.escape(INTERNAL_NOTE))))
    if rule.family in OUTSIDE_FAMILIES:
        for other in STAFF:
            if other != persona:
                name = matrix.world.user(other).full_name
                texts.append((f"staff name {other}", re.compile(re.escape(name))))
    return texts


TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript")


def body_text(response: Any) -> str | None:
    content_type = response.get("Content-Type", "")
    if not content_type.startswith(TEXT_TYPES) or getattr(response, "streaming", False):
        if getattr(response, "streaming", False) and content_type.startswith("text/csv"):
            return b"".join(response.streaming_content).decode("utf-8", "replace")
        return None
    text: str = response.content.decode("utf-8", "replace")
    if content_type.startswith("application/json"):
        # JSON escapes non-ASCII and some punctuation; compare on the decoded text.
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


# ------------------------------------------------------------------ checking an answer


def outcome_problem(route: Route, expected: str, response: Any) -> str | None:
    """None if ``response`` is the ``expected`` outcome, else what is wrong."""
    status = response.status_code
    location = response.get("Location", "")
    if status >= 500:
        return f"server error {status}"
    api = is_api(route)
    if api and status >= 400 and expected != ANY:
        try:
            body = response.json()
        except ValueError:
            return f"{status} is not the API's JSON error"
        if set(body) != {"error"} or not body["error"].get("message"):
            return f"{status} is not the API's JSON error shape: {body}"
    to_login = status == 302 and location.startswith(LOGIN_PATH)
    ok = {
        OK: status == 200,
        REDIRECT: status in (301, 302) and not to_login,
        LOGIN: (status == 401) if api else to_login,
        REFUSED: status in (403, 404),
        # Someone else's object on a form that answers with the page it came from.
        REFUSED_OR_CONFLICT: status in (403, 404, 409),
        REFUSED_BACK: status in (403, 404) or (status == 302 and not to_login),
        # Nobody signed in: the sign-in page, or refused outright.
        DENIED: status in (401, 403, 404) or to_login,
        NOT_FOUND: status == 404,
        "no_page": status in (302, 401, 403, 404, 405),
        ANY: True,
    }[expected]
    if route.name.startswith("federation_api:") and expected == LOGIN:
        ok = status in (401, 403)  # a peer's key is asked for
    if route.name == "apikeys_api:me" and expected == LOGIN:
        ok = status in (401, 403)
    if ok:
        return None
    return f"expected {expected}, got {status} {location}".strip()


def check(
    matrix: Matrix,
    route: Route,
    rule: Rule,
    binding: Binding,
    persona: str,
    expected: str,
    response: Any,
) -> list[str]:
    where = (
        f"{persona} GET {binding.url}"
        if response.request["REQUEST_METHOD"] == "GET"
        else (f"{persona} POST {binding.url}")
    )
    problems = []
    wrong = outcome_problem(route, expected, response)
    if wrong:
        problems.append(f"{where}: {wrong}")
    text = body_text(response)
    if text:
        for label, pattern in forbidden_texts(matrix, persona, rule, binding):
            if pattern.search(text):
                problems.append(f"{where}: shows {label}")
    return problems


# ------------------------------------------------------------------ a snapshot

SNAPSHOT_APPS = (
    "accounts",
    "apikeys",
    "federation",
    "inbound",
    "organisations",
    "outbox",
    "oversight",
    "reports",
    "webhooks",
)


def snapshot() -> dict[str, str]:
    """A digest of every row of the apps a POST could change, and the report events."""
    from tuntas.audit.models import AuditEvent

    state: dict[str, str] = {}
    for label in SNAPSHOT_APPS:
        for model in apps.get_app_config(label).get_models():
            rows = list(model._default_manager.order_by("pk").values_list())
            state[model._meta.label] = hashlib.sha256(repr(rows).encode()).hexdigest()
    events = AuditEvent.objects.filter(report__isnull=False).values_list("pk", flat=True)
    state["report events"] = repr(list(events))
    return state


# ------------------------------------------------------------------ the tests

ROUTE_NAMES = sorted(r.name for r in all_routes() if not r.name.startswith(ADMIN_PREFIX))
ADMIN_NAMES = sorted(r.name for r in all_routes() if r.name.startswith(ADMIN_PREFIX))


def test_every_route_is_classified() -> None:
    """A new route fails here until ROUTES says who may use it."""
    missing = [name for name in ROUTE_NAMES if name not in ROUTES]
    assert not missing, f"classify these routes in ROUTES: {missing}"
    stale = [name for name in ROUTES if name not in ROUTE_NAMES]
    assert not stale, f"ROUTES names routes that no longer exist: {stale}"
    assert ADMIN_NAMES, "the Django admin's routes were not found"


def test_the_world_is_what_the_table_says(matrix: Matrix) -> None:
    """The admin sample is representative (only the superuser has ``is_staff``) and
    the personas hold the roles the table assumes."""
    users = matrix.world.demo.users
    assert {p for p in PERSONAS if p != ANONYMOUS and users[p].is_staff} == set(SUPERUSERS)
    assert set(SIGNED_IN) == set(users) & set(SIGNED_IN)
    assert DIVISION_STAFF <= STAFF


@pytest.mark.parametrize("name", ROUTE_NAMES)
def test_route(matrix: Matrix, name: str) -> None:
    route = matrix.routes[name]
    rule = ROUTES.get(name)
    if rule is None:
        pytest.fail(f"{name} is not classified in ROUTES")
    problems: list[str] = []
    targets = bindings(route, matrix.world)
    # A POST-only route answers no GET: one of its URLs is enough to show it.
    for binding in targets[:1] if rule.post_may else targets:
        url = binding.url + rule.query
        for persona in rule.personas or PERSONAS:
            expected = rule.get(persona, binding)
            response = client(matrix, persona).get(url)
            problems += check(
                matrix,
                route,
                rule,
                Binding(url, binding.case, binding.pemda),
                persona,
                expected,
                response,
            )
    if rule.post_may is not None:
        before = snapshot()
        for binding in targets:
            if binding.case is not None and binding.case not in POST_CASES:
                continue
            url = binding.url + rule.query
            for persona in PERSONAS:
                if rule.post_may(persona, binding) == OK:
                    continue  # may: its own tests post
                refusal = rule.refusal_for(persona, binding) if rule.refusal_for else rule.refusal
                expected = DENIED if persona == ANONYMOUS else refusal
                response = write(client(matrix, persona), rule, route, url, matrix.world)
                problems += check(matrix, route, rule, binding, persona, expected, response)
        after = snapshot()
        changed = sorted(k for k in before if before[k] != after.get(k))
        if changed:
            problems.append(f"refused POSTs changed {changed}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ADMIN_NAMES)
def test_admin_route(matrix: Matrix, name: str) -> None:
    route = matrix.routes[name]
    rule = Rule("Django admin", lambda p, b: ANY if p in SUPERUSERS else "admin_login")
    problems: list[str] = []
    for binding in bindings(route, matrix.world):
        for persona in ADMIN_SAMPLE:
            response = client(matrix, persona).get(binding.url)
            status, location = response.status_code, response.get("Location", "")
            if persona in SUPERUSERS:
                if status >= 500:
                    problems.append(f"{persona} GET {binding.url}: server error {status}")
                continue
            refused = (
                (status == 302 and location.startswith("/admin/login/"))
                or (name == "admin:logout" and status == 302 and location == "/admin/")
                or (name == "admin:login" and (status == 403 or location.startswith(LOGIN_PATH)))
            )
            if not refused:
                problems.append(f"{persona} GET {binding.url}: {status} {location}")
            problems += [
                f"{persona} GET {binding.url}: shows {label}"
                for label, pattern in forbidden_texts(matrix, persona, rule, binding)
                if (text := body_text(response)) and pattern.search(text)
            ]
    assert not problems, "\n".join(problems)


def test_the_checks_see_what_they_look_for(matrix: Matrix) -> None:
    """The body checks are not vacuous: where the table lets someone see an anonim
    identity, a note between staff or staff names, the same patterns find them."""
    world = matrix.world
    rule = ROUTES["staff:report"]
    for key in IDENTITIES:
        url = f"/petugas/laporan/{world.reports[key]}/"
        body = body_text(client(matrix, "kapuas.koordinator").get(url))
        assert body is not None
        for kind, pattern in IDENTITIES[key].patterns().items():
            assert pattern.search(body), (key, kind)
        # The same body, read as someone who may not see it, is a finding.
        as_agency = forbidden_texts(matrix, "kapuas.pupr.admin", rule, Binding(url, key))
        assert any(p.search(body) for _label, p in as_agency), key
    main = f"/petugas/laporan/{world.reports['main']}/"
    body = body_text(client(matrix, "kapuas.pupr.penghubung").get(main))
    assert body is not None and INTERNAL_NOTE in body
    assert world.user("kapuas.koordinator").full_name in body
    citizen = ROUTES["citizen:report"]
    found = forbidden_texts(matrix, "warga", citizen, Binding(main, "main"))
    assert any(p.search(body) for label, p in found if label.startswith("staff name"))
    assert any(p.search(body) for label, p in found if label == "note between staff")
