"""Open311 services: the report categories a Pemda handles, and their definition.

A service is a leaf category routed in the Pemda (``CategoryRoute``): its code is the
category id, its group the parent topic. ``lainnya`` (other) takes reports whose
category the reporter does not know; the coordinator routes them by hand.

Every service has the same attributes (so ``metadata`` is true): the classification
(required), the incident date, and the *anonim* and *rahasia* flags (both on unless
the application says otherwise: the safe side).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tuntas.open311.params import Open311Error
from tuntas.organisations.models import Organisation
from tuntas.reference.models import Category, CategoryRoute, Classification

OTHER_CODE = "lainnya"
# Ours is "realtime": the tracking ID (service_request_id) is returned at once, though the
# report then waits for verification. A token is returned as well (docs/open311.md).
SERVICE_TYPE = "realtime"

CLASSIFICATION = "classification"
INCIDENT_DATE = "incident_date"
ANONYMOUS = "anonymous"
CONFIDENTIAL = "confidential"
YES, NO = "true", "false"


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    description: str
    group: str | None
    keywords: str
    category: Category | None


def _other() -> Service:
    return Service(
        code=OTHER_CODE,
        name=_("Lainnya / tidak tahu kategorinya"),
        description=_("Admin pemerintah daerah menentukan perangkat daerah yang berwenang."),
        group=None,
        keywords=_("lainnya, umum"),
        category=None,
    )


def _service(route: CategoryRoute) -> Service:
    category, agency = route.category, route.agency
    group = category.parent.name if category.parent else None
    keywords = [k for k in (group, category.name, agency.short_name or agency.name) if k]
    return Service(
        code=str(category.pk),
        name=category.name,
        description=_("Ditangani oleh %(agency)s.") % {"agency": agency.name},
        group=group,
        keywords=", ".join(keywords),
        category=category,
    )


def services_for(pemda: Organisation) -> list[Service]:
    routes = (
        CategoryRoute.objects.filter(pemda=pemda, category__is_active=True)
        .exclude(category__children__is_active=True)  # leaves only
        .select_related("category", "category__parent", "agency")
        .order_by("category__parent__name", "category__name")
        .distinct()
    )
    return [*(_service(r) for r in routes), _other()]


def find_service(pemda: Organisation, code: str) -> Service:
    for service in services_for(pemda):
        if service.code == code:
            return service
    raise Open311Error(
        404,
        _("service_code %(code)s tidak ditemukan di pemerintah daerah ini.") % {"code": code[:40]},
    )


def service_document(service: Service) -> dict[str, Any]:
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description,
        "metadata": True,
        "type": SERVICE_TYPE,
        "keywords": service.keywords,
        "group": service.group,
    }


def _yes_no() -> list[dict[str, str]]:
    return [{"key": YES, "name": _("Ya")}, {"key": NO, "name": _("Tidak")}]


def attributes() -> list[dict[str, Any]]:
    classifications = Classification.objects.order_by("order", "name")
    return [
        {
            "variable": True,
            "code": CLASSIFICATION,
            "datatype": "singlevaluelist",
            "required": True,
            "datatype_description": _("Pilih salah satu kode klasifikasi."),
            "order": 1,
            "description": _(
                "Jenis laporan: pengaduan, aspirasi atau permintaan informasi. "
                "Menentukan batas waktu tindak lanjut."
            ),
            "values": [{"key": c.code, "name": c.name} for c in classifications],
        },
        {
            "variable": True,
            "code": INCIDENT_DATE,
            "datatype": "datetime",
            "required": False,
            "datatype_description": _(
                "Tanggal ISO 8601, misalnya 2026-11-20 atau 2026-11-20T08:00:00+07:00."
            ),
            "order": 2,
            "description": _("Kapan kejadian yang dilaporkan terjadi (tidak boleh di masa depan)."),
        },
        {
            "variable": True,
            "code": ANONYMOUS,
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": _("Bawaan: true (identitas pelapor disembunyikan)."),
            "order": 3,
            "description": _(
                "Anonim: identitas pelapor disembunyikan dari perangkat daerah dan publik."
            ),
            "values": _yes_no(),
        },
        {
            "variable": True,
            "code": CONFIDENTIAL,
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": _("Bawaan: true (laporan tidak ditampilkan ke publik)."),
            "order": 4,
            "description": _("Rahasia: isi laporan tidak ditampilkan di daftar laporan publik."),
            "values": _yes_no(),
        },
    ]


def definition_document(service: Service) -> dict[str, Any]:
    return {"service_code": service.code, "attributes": attributes()}
