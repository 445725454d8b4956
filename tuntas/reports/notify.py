"""Who hears about what: each change becomes outbox messages for the right people.

``PeopleNotifier`` is the ``notify`` subscriber of the after-change hook
(``tuntas.reports.hooks``): one per batch of changes, it looks audiences up once per
organisation and writes every message of the batch in one insert when the batch flushes.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.accounts.models import User
from tuntas.organisations.models import Organisation, OrganisationKind, Role
from tuntas.outbox.services import Composer
from tuntas.reports.declarations import Hearer, declaration
from tuntas.reports.hooks import ChangeBatch, ChangeContext, ReportChange
from tuntas.reports.models import Report
from tuntas.reports.transitions import ACTION_LABELS, Action
from tuntas.standards.models import Step
from tuntas.standards.resolve import answers_reach_national


def users_with_role(role: Role, organisation_ids: list[int]) -> list[User]:
    return list(
        User.objects.filter(
            memberships__role=role,
            memberships__organisation_id__in=organisation_ids,
            is_active=True,
        ).distinct()
    )


def _agency_ids(report: Report, extra: ChangeContext) -> list[int]:
    ids = list(extra.agency_ids)
    if not ids and report.lead_agency_id is not None:
        ids = [report.lead_agency_id]
    return ids


# Who hears about each action is declared with it (``Declaration.audience``).
COORDINATORS = Hearer.COORDINATORS
LIAISONS = Hearer.LIAISONS  # liaison officers and liaison admins of the agencies concerned
LIAISON_OFFICERS = Hearer.LIAISON_OFFICERS
LIAISON_ADMINS = Hearer.LIAISON_ADMINS
AGENCY_HEADS = Hearer.AGENCY_HEADS
DIVISION_STAFF = Hearer.DIVISION_STAFF
NATIONAL_ADMINS = Hearer.NATIONAL_ADMINS
DRAFT_AUTHORS = Hearer.DRAFT_AUTHORS

# Reminders and overdue notices go to whoever owes the step (``ChangeContext.step``).
S = Step
STEP_AUDIENCES: dict[Step, tuple[tuple[Hearer, ...], bool]] = {
    S.VERIFICATION: ((COORDINATORS,), False),
    S.COMPLETION: ((), True),
    S.DISPOSITION: ((COORDINATORS,), False),
    S.AGENCY_ACCEPTANCE: ((LIAISONS,), False),
    S.INTERNAL_DISPOSITION: ((AGENCY_HEADS,), False),
    S.DRAFTING: ((DIVISION_STAFF, AGENCY_HEADS), False),
    S.CLARIFICATION: ((), True),
    S.APPROVAL: ((AGENCY_HEADS, LIAISON_OFFICERS), False),
    S.PUBLICATION: ((LIAISONS,), False),
    S.FOLLOWUP: ((LIAISONS, AGENCY_HEADS), False),
    S.REPORTER_REPLY: ((), True),
}
# When an agency's step is overdue, the Pemda's coordinators are told too: they watch
# the clocks (seed 003 SOP 1).
OVERDUE_WATCHERS = (COORDINATORS,)


class Audiences:
    """Looks up audiences, remembering each answer: a sweep notifies hundreds of reports
    of the same few organisations, and should ask the database once per organisation."""

    def __init__(self) -> None:
        self._users: dict[tuple[Role, tuple[int, ...]], list[User]] = {}
        self._groups: dict[tuple[int, ...], list[str]] = {}
        self._national: list[int] | None = None

    def _role(self, role: Role, organisation_ids: list[int]) -> list[User]:
        key = (role, tuple(sorted(organisation_ids)))
        if key not in self._users:
            self._users[key] = users_with_role(role, organisation_ids) if organisation_ids else []
        return self._users[key]

    def members(self, name: str, report: Report, extra: ChangeContext) -> list[User]:
        agencies = _agency_ids(report, extra)
        if name == COORDINATORS:
            pemda = [report.pemda_id] if report.pemda_id is not None else []
            return self._role(Role.COORDINATOR, pemda)
        if name == LIAISONS:
            return self._role(Role.LIAISON_OFFICER, agencies) + self._role(
                Role.LIAISON_ADMIN, agencies
            )
        if name == LIAISON_OFFICERS:
            return self._role(Role.LIAISON_OFFICER, agencies)
        if name == LIAISON_ADMINS:
            return self._role(Role.LIAISON_ADMIN, agencies)
        if name == AGENCY_HEADS:
            return self._role(Role.AGENCY_HEAD, agencies)
        if name == DIVISION_STAFF:
            division = extra.division_id
            return self._role(Role.DIVISION_STAFF, [division]) if division else []
        if name == NATIONAL_ADMINS:
            return self._role(Role.NATIONAL_ADMIN, self._national_ids())
        if name == DRAFT_AUTHORS:
            return list(extra.authors)
        raise ValueError(name)

    def _national_ids(self) -> list[int]:
        if self._national is None:
            national = Organisation.objects.filter(kind=OrganisationKind.NATIONAL)
            self._national = list(national.values_list("pk", flat=True))
        return self._national

    def whatsapp_groups(self, agency_ids: list[int]) -> list[str]:
        """Seed 004: liaison officers are told through a WhatsApp group: the agency's own,
        else the nearest one configured above it (the Pemda's group serves all its
        agencies). Each group once, in the agencies' order."""
        key = tuple(sorted(agency_ids))
        if key not in self._groups:
            found: list[str] = []
            for agency in Organisation.objects.filter(pk__in=key).select_related(
                "parent__parent__parent"
            ):
                group = next((o.whatsapp_group for o in agency.ancestors() if o.whatsapp_group), "")
                if group and group not in found:
                    found.append(group)
            self._groups[key] = found
        return self._groups[key]


def audience_names(action: Action, extra: ChangeContext) -> tuple[tuple[str, ...], bool]:
    """The staff audiences of ``action``, and whether the reporter is told too."""
    if action in (Action.REMIND, Action.MARK_OVERDUE):
        if extra.step is None:
            raise ValueError(f"{action} needs the step it is about")
        step = extra.step
        names, tell_reporter = STEP_AUDIENCES.get(step, ((), False))
        if action == Action.MARK_OVERDUE and step not in (S.VERIFICATION, S.DISPOSITION):
            names = (*names, *OVERDUE_WATCHERS)
        return names, tell_reporter
    audience = declaration(action).audience
    return audience.staff, audience.reporter


class PeopleNotifier:
    """The ``notify`` subscriber: the messages of one batch of changes, written at flush."""

    def __init__(self, batch: ChangeBatch):
        self.composer = Composer(batch.now)
        self.audiences = Audiences()

    def changed(self, change: ReportChange) -> None:
        notify(change, composer=self.composer, audiences=self.audiences)

    def flush(self) -> None:
        self.composer.save()


def notify(change: ReportChange, *, composer: Composer, audiences: Audiences) -> None:
    """Add the messages of ``change`` for the staff concerned and the reporter to
    ``composer``. Only ``change.reporter_reason`` (empty for staff-internal notes)
    reaches the reporter."""
    report, action, actor, extra = change.report, change.action, change.actor, change.context
    names, tell_reporter = audience_names(action, extra)
    if action == Action.PUBLISH_FOLLOWUP and answers_reach_national(report.pemda):
        # The Pemda's standard says the national admin hears of the answer too (seed 002
        # step 6: "Admin Kabupaten Majalengka & Pusat menerima notifikasi").
        names = (*names, NATIONAL_ADMINS)
    staff = {u.pk: u for name in names for u in audiences.members(name, report, extra)}
    if actor is not None:
        staff.pop(actor.pk, None)
    if report.reporter_id is not None:
        # A staff member who filed this report as a citizen hears of it as its reporter
        # only, never through the staff notice (issue 11: own report = citizen view).
        staff.pop(report.reporter_id, None)
    label = _message_label(action, extra)
    subject = _("[%(id)s] %(label)s") % {"id": report.tracking_id, "label": label}
    headline = _('Laporan %(id)s "%(title)s": %(label)s.') % {
        "id": report.tracking_id,
        "title": report.title,
        "label": label,
    }
    reason, reporter_reason = change.reason, change.reporter_reason
    body = f"{headline}\n{_('Keterangan')}: {reason}" if reason else headline
    reporter_body = (
        f"{headline}\n{_('Keterangan')}: {reporter_reason}" if reporter_reason else headline
    )
    key = change.key
    groups = (
        audiences.whatsapp_groups(_agency_ids(report, extra))
        if LIAISONS in names or LIAISON_OFFICERS in names
        else []
    )
    if staff or groups:
        composer.add(
            event=str(action),
            subject=subject,
            body=body,
            link=f"/petugas/laporan/{report.tracking_id}/",
            report_id=report.pk,
            users=staff.values(),
            whatsapp_groups=groups,
            key=f"{key}:staff",
        )
    if tell_reporter:
        if action in REPORTER_LABELS:
            citizen = str(REPORTER_LABELS[action])
            subject = _("[%(id)s] %(label)s") % {"id": report.tracking_id, "label": citizen}
            headline = _('Laporan %(id)s "%(title)s": %(label)s.') % {
                "id": report.tracking_id,
                "title": report.title,
                "label": citizen,
            }
            reporter_body = (
                f"{headline}\n{_('Keterangan')}: {reporter_reason}" if reporter_reason else headline
            )
        _tell_reporter(composer, report, action, actor, subject, reporter_body, key)


def _tell_reporter(
    composer: Composer,
    report: Report,
    action: Action,
    actor: User | None,
    subject: str,
    body: str,
    key: str,
) -> None:
    users = [report.reporter] if report.reporter is not None else []
    users = [u for u in users if actor is None or u.pk != actor.pk]
    anonymous_contact = report.reporter is None
    emails = [report.reporter_email] if anonymous_contact and report.reporter_email else []
    phones = [report.reporter_phone] if anonymous_contact and report.reporter_phone else []
    if users or emails or phones:
        composer.add(
            event=str(action),
            subject=subject,
            body=body,
            link=f"/laporan/{report.tracking_id}/",
            report_id=report.pk,
            users=users,
            emails=emails,
            whatsapp_numbers=phones,
            sms_numbers=phones,
            key=f"{key}:reporter",
        )


# What the reporter is told, in words for a citizen rather than the staff's command verbs
# (issue 12). Actions not listed keep their declared label.
REPORTER_LABELS = {
    Action.SUBMIT: gettext_lazy("Laporan Anda telah kami terima"),
    Action.VERIFY: gettext_lazy("Laporan Anda telah diperiksa dan diteruskan untuk ditangani"),
    Action.HOLD: gettext_lazy("Laporan Anda perlu dilengkapi"),
    Action.NOT_IN_AUTHORITY: gettext_lazy("Laporan Anda bukan wewenang instansi ini"),
    Action.DISPOSE: gettext_lazy("Laporan Anda telah diteruskan ke instansi yang berwenang"),
    Action.ACCEPT: gettext_lazy("Instansi telah menerima laporan Anda"),
    Action.TRANSFER: gettext_lazy("Laporan Anda dialihkan ke instansi lain"),
    Action.REQUEST_CLARIFICATION: gettext_lazy("Instansi meminta penjelasan dari Anda"),
    Action.PUBLISH_FOLLOWUP: gettext_lazy("Instansi telah menjawab laporan Anda"),
    Action.CLOSE: gettext_lazy("Laporan Anda telah selesai"),
    Action.REOPEN: gettext_lazy("Laporan Anda dibuka kembali"),
    Action.FORWARD_OMBUDSMAN: gettext_lazy("Laporan Anda diteruskan ke Ombudsman RI"),
    Action.ARCHIVE: gettext_lazy("Laporan Anda telah diarsipkan"),
}


def _message_label(action: Action, extra: ChangeContext) -> str:
    label = str(ACTION_LABELS[action])
    if extra.step is not None and action in (Action.REMIND, Action.MARK_OVERDUE):
        step_label = str(extra.step.label)
        due = extra.due_label
        label = f"{label}: {step_label}" + (f" ({due})" if due else "")
    return label
