"""POST requests: an application files a report through the citizens' intake action.

The report gets what every report gets (tracking ID, access code, clocks, audit,
notifications); the reporter is sent the tracking ID and access code by e-mail and/or
SMS. It comes in on the ``open311`` channel, entered by the API key's user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from tuntas.apikeys.models import ApiKey, Scope
from tuntas.apikeys.services import submit_report_with_key
from tuntas.core.errors import ValidationFailed
from tuntas.open311 import catalog
from tuntas.open311.params import Open311Error
from tuntas.organisations.models import Organisation
from tuntas.outbox.services import enqueue
from tuntas.reference.models import Channel, Classification, Region
from tuntas.reports.actions import ReportInput, Submitted, composed_transaction
from tuntas.reports.models import Report

CHANNEL_CODE = "open311"
CHANNEL_NAME = "Aplikasi (Open311)"
TOKEN_SALT = "tuntas.open311.token"  # noqa: S105 - a signing salt, not a secret
RECEIPT_EVENT = "open311_receipt"
MAX_DESCRIPTION = 4000
TITLE_EXCERPT = 80
# Where the intake action's field names are set in an Open311 request.
PARAMETER_OF = {
    "title": "description",
    "description": "description",
    "incident_date": f"attribute[{catalog.INCIDENT_DATE}]",
    "reporter_phone": "phone",
    "reporter_email": "email",
    "region": "address_id",
    "pemda": "jurisdiction_id",
}


@dataclass(frozen=True)
class Created:
    report: Report
    token: str
    account_id: str


def open311_channel() -> Channel:
    """The channel Open311 reports come in on (created by this app's migration)."""
    channel, _created = Channel.objects.get_or_create(
        code=CHANNEL_CODE,
        defaults={"name": CHANNEL_NAME, "is_outside_system": False, "order": 20},
    )
    return channel


def make_token(report: Report) -> str:
    return signing.dumps(report.tracking_id, salt=TOKEN_SALT)


def read_token(token: str) -> str | None:
    """The tracking ID a token stands for, or None for a token we did not make."""
    try:
        value = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) else None


def _value(params: MultiValueDict[str, str], name: str) -> str:
    return (params.get(name) or "").strip()


def _attribute(params: MultiValueDict[str, str], code: str) -> str:
    return _value(params, f"attribute[{code}]") or _value(params, f"attribute[{code}][]")


def _flag(params: MultiValueDict[str, str], code: str, errors: list[str]) -> bool:
    raw = _attribute(params, code).lower()
    if raw in ("", catalog.YES):
        return True  # privacy defaults on
    if raw == catalog.NO:
        return False
    errors.append(_("attribute[%(code)s] harus true atau false.") % {"code": code})
    return True


def _incident_date(raw: str, tz: ZoneInfo, errors: list[str]) -> date | None:
    if not raw:
        return None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        errors.append(
            _("attribute[%(code)s] harus tanggal ISO 8601, misalnya 2026-11-20.")
            % {"code": catalog.INCIDENT_DATE}
        )
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(tz)
    return parsed.date()


def _coordinate(raw: str, name: str, limit: int, errors: list[str]) -> Decimal | None:
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) > limit:
        errors.append(
            _("%(name)s harus angka antara -%(limit)s dan %(limit)s (WGS84).")
            % {"name": name, "limit": limit}
        )
        return None
    return value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


@dataclass
class _Parsed:
    data: ReportInput
    latitude: Decimal | None
    longitude: Decimal | None
    extra: dict[str, Any]


def _location(
    params: MultiValueDict[str, str], pemda: Organisation, errors: list[str]
) -> tuple[Decimal | None, Decimal | None, str, Region | None]:
    lat_raw, long_raw = _value(params, "lat"), _value(params, "long")
    address, address_id = _value(params, "address_string"), _value(params, "address_id")
    if not ((lat_raw and long_raw) or address or address_id):
        errors.append(_("Lokasi wajib diisi: lat dan long, atau address_string, atau address_id."))
    lat = long = None
    if lat_raw or long_raw:
        if not (lat_raw and long_raw):
            errors.append(_("lat dan long harus dikirim bersama."))
        else:
            lat = _coordinate(lat_raw, "lat", 90, errors)
            long = _coordinate(long_raw, "long", 180, errors)
    region = None
    if address_id:
        region = Region.objects.filter(code=address_id, pemda=pemda).first()
        if region is None:
            errors.append(
                _("address_id %(id)s bukan kode wilayah pemerintah daerah ini.")
                % {"id": address_id[:40]}
            )
    return lat, long, address[:300], region


def _parse(
    params: MultiValueDict[str, str], pemda: Organisation, service: catalog.Service
) -> _Parsed:
    errors: list[str] = []
    tz = ZoneInfo(pemda.timezone)
    code = _attribute(params, catalog.CLASSIFICATION)
    classification = Classification.objects.filter(code=code).first() if code else None
    if classification is None:
        errors.append(
            _(
                "attribute[%(code)s] wajib diisi dengan salah satu kode klasifikasi "
                "(lihat definisi layanan)."
            )
            % {"code": catalog.CLASSIFICATION}
        )
    description = _value(params, "description")
    if len(description) > MAX_DESCRIPTION:
        errors.append(_("description paling banyak 4.000 karakter."))
    email = _value(params, "email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("email tidak valid."))
    media_url = _value(params, "media_url")
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            errors.append(_("media_url harus alamat http(s) yang valid."))
    lat, long, address, region = _location(params, pemda, errors)
    incident_date = _incident_date(_attribute(params, catalog.INCIDENT_DATE), tz, errors)
    anonymous = _flag(params, catalog.ANONYMOUS, errors)
    confidential = _flag(params, catalog.CONFIDENTIAL, errors)
    if errors:
        raise Open311Error(400, *errors)
    assert classification is not None
    if media_url:
        description = f"{description}\n\n{_('Tautan media dari aplikasi')}: {media_url}"
    excerpt = " ".join(description.split())[:TITLE_EXCERPT]
    name = " ".join(p for p in (_value(params, "first_name"), _value(params, "last_name")) if p)
    data = ReportInput(
        title=f"{service.name}: {excerpt}"[:200],
        description=description,
        classification=classification,
        channel=open311_channel(),
        pemda=pemda,
        category=service.category,
        incident_date=incident_date,
        location_text=address or (region.name if region else ""),
        region=region,
        reporter_name=name[:200],
        reporter_phone=_value(params, "phone"),
        reporter_email=email,
        is_anonymous=anonymous,
        is_confidential=confidential,
    )
    extra = {
        "open311": {
            "service_code": service.code,
            "device_id": _value(params, "device_id")[:200],
            "account_id": _value(params, "account_id")[:200],
            "media_url": media_url,
        }
    }
    return _Parsed(data, lat, long, extra)


def _as_open311_error(exc: ValidationFailed) -> Open311Error:
    descriptions = [
        f"{PARAMETER_OF.get(field, field)}: {message}"
        for field, messages in exc.errors.items()
        for message in messages
    ]
    return Open311Error(400, *(descriptions or [exc.message]))


def _queue_receipt(submitted: Submitted, now: datetime) -> None:
    """The reporter hears the tracking ID and access code, as a citizen submitting does."""
    report = submitted.report
    if not (report.reporter_email or report.reporter_phone):
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[%(id)s] Laporan Anda sudah kami terima") % {"id": report.tracking_id}
        body = _(
            "Terima kasih, laporan Anda sudah kami terima.\n"
            "Nomor pelacakan: %(id)s\n"
            "Kode akses: %(code)s\n"
            "Simpan kedua kode ini untuk melacak laporan Anda."
        ) % {"id": report.tracking_id, "code": submitted.access_code}
    enqueue(
        event=RECEIPT_EVENT,
        now=now,
        subject=subject,
        body=body,
        link=reverse("citizen:track"),
        report_id=report.pk,
        emails=[report.reporter_email] if report.reporter_email else [],
        whatsapp_numbers=[report.reporter_phone] if report.reporter_phone else [],
        sms_numbers=[report.reporter_phone] if report.reporter_phone else [],
        key=f"open311:{report.pk}:receipt",
    )


@composed_transaction()
def submit_service_request(
    *,
    key: ApiKey,
    pemda: Organisation,
    params: MultiValueDict[str, str],
    now: datetime | None = None,
) -> Created:
    """Validate an Open311 POST and file the report (all or nothing)."""
    now = now or timezone.now()
    code = _value(params, "service_code")
    if not code:
        raise Open311Error(400, _("service_code wajib diisi."))
    service = catalog.find_service(pemda, code)
    parsed = _parse(params, pemda, service)
    try:
        submitted = submit_report_with_key(
            key, parsed.data, scope=Scope.OPEN311_SUBMIT, extra=parsed.extra, now=now
        )
    except ValidationFailed as exc:
        raise _as_open311_error(exc) from exc
    report = submitted.report
    if parsed.latitude is not None and parsed.longitude is not None:
        Report.objects.filter(pk=report.pk).update(
            latitude=parsed.latitude, longitude=parsed.longitude
        )
    _queue_receipt(submitted, now)
    return Created(
        report=report,
        token=make_token(report),
        account_id=str(parsed.extra["open311"]["account_id"]),
    )
