"""Which erasure requests a staff member may carry out now."""

from __future__ import annotations

from dataclasses import dataclass

from tuntas.accounts.models import User
from tuntas.privacy.erasure import may_confirm, subject_of
from tuntas.privacy.models import ErasureRequest, ErasureState

MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class ConfirmableRow:
    request: ErasureRequest
    tracking_ids: tuple[str, ...]
    pemdas: tuple[str, ...]
    is_account: bool


def _row(request: ErasureRequest) -> ConfirmableRow:
    reports = subject_of(request).reports()
    return ConfirmableRow(
        request=request,
        tracking_ids=tuple(r.tracking_id for r in reports),
        pemdas=tuple(sorted({str(r.pemda) for r in reports if r.pemda is not None})),
        is_account=request.user_id is not None,
    )


def confirmable_requests(staff: User) -> list[ConfirmableRow]:
    pending = ErasureRequest.objects.filter(state=ErasureState.PENDING).select_related(
        "user", "report", "report__pemda"
    )
    return [_row(r) for r in pending.order_by("due_at", "id") if may_confirm(staff, r)]


def parse_request_id(raw: str) -> int | None:
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_ID:
        return None
    return int(text)


def find_confirmable(staff: User, raw_id: str) -> ErasureRequest | None:
    """A pending request ``staff`` may carry out; None for anything else (a 404)."""
    pk = parse_request_id(raw_id)
    if pk is None:
        return None
    request = ErasureRequest.objects.filter(pk=pk, state=ErasureState.PENDING).first()
    if request is None or not may_confirm(staff, request):
        return None
    return request
