"""Open311 GeoReport v2 endpoints (/open311/v2/...), in XML and JSON.

Plain Django views (not DRF: the spec's own formats and error list, and they stay out of
``/api/schema/``). GET needs no key; POST needs an API key with ``open311.submit``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from tuntas.apikeys.authentication import secret_from_headers
from tuntas.apikeys.models import Scope
from tuntas.apikeys.services import authenticate_key
from tuntas.core.errors import ApplicationError, RateLimited
from tuntas.open311 import catalog, selectors
from tuntas.open311.formats import FORMATS, MIME_TYPES, XML, render, render_errors
from tuntas.open311.intake import read_token, submit_service_request
from tuntas.open311.params import Open311Error, jurisdiction, text

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# Changes when the shape of our services or definitions changes (discovery "changeset").
CHANGESET = "2026-11-24 00:00"

Open311View = Callable[..., HttpResponse]


def open311_view(*methods: str) -> Callable[[Open311View], Open311View]:
    """Check the format and method; turn refusals into the spec's error list."""

    def decorate(view: Open311View) -> Open311View:
        @wraps(view)
        def wrapper(
            request: HttpRequest, *args: object, fmt: str, **kwargs: object
        ) -> HttpResponse:
            if fmt not in FORMATS:
                unknown = _("Format tidak dikenal: gunakan .xml atau .json.")
                return render_errors(XML, 404, [unknown])
            if request.method not in methods:
                response = render_errors(
                    fmt, 405, [_("Metode HTTP ini tidak didukung di alamat ini.")]
                )
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as exc:
                return render_errors(fmt, exc.status, exc.descriptions, exc.headers)
            except RateLimited as exc:
                return render_errors(fmt, 429, [exc.message], {"Retry-After": str(exc.retry_after)})
            except ApplicationError as exc:
                return render_errors(fmt, exc.status, [exc.message])

        return wrapper

    return decorate


@open311_view("GET")
def discovery(request: HttpRequest, *, fmt: str) -> HttpResponse:
    document = {
        "changeset": CHANGESET,
        "contact": settings.TUNTAS_OPEN311_CONTACT,
        "key_service": settings.TUNTAS_OPEN311_KEY_SERVICE,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": f"{settings.TUNTAS_SITE_URL}/open311/v2",
                "changeset": CHANGESET,
                "type": "production",
                "formats": MIME_TYPES,
            }
        ],
    }
    return render(fmt, "discovery", document)


@open311_view("GET")
def service_list(request: HttpRequest, *, fmt: str) -> HttpResponse:
    pemda = jurisdiction(request.GET)
    return render(
        fmt, "services", [catalog.service_document(s) for s in catalog.services_for(pemda)]
    )


@open311_view("GET")
def service_definition(request: HttpRequest, *, fmt: str, service_code: str) -> HttpResponse:
    pemda = jurisdiction(request.GET)
    service = catalog.find_service(pemda, service_code)
    return render(fmt, "service_definition", catalog.definition_document(service))


def _api_key_secret(request: HttpRequest) -> str:
    return (
        text(request.POST, "api_key")
        or text(request.GET, "api_key")
        or secret_from_headers(request)
    )


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    secret = _api_key_secret(request)
    if not secret:
        raise Open311Error(403, _("api_key wajib dikirim untuk membuat laporan."))
    key = authenticate_key(secret, scope=Scope.OPEN311_SUBMIT, request=request)
    params = request.POST.copy()
    for name, values in request.GET.lists():  # the spec's sample URL puts some in the query
        if name not in params:
            params.setlist(name, values)
    pemda = jurisdiction(params)
    created = submit_service_request(key=key, pemda=pemda, params=params)
    answer = {
        "service_request_id": created.report.tracking_id,
        "token": created.token,
        "service_notice": _(
            "Laporan diterima dan menunggu verifikasi admin pemerintah daerah. Pelapor "
            "menerima nomor pelacakan dan kode akses lewat e-mail atau SMS."
        ),
    }
    if created.account_id:
        answer["account_id"] = created.account_id
    return render(fmt, "service_requests", [answer])


@csrf_exempt
@open311_view("GET", "POST")
def requests(request: HttpRequest, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    pemda = jurisdiction(request.GET)
    reports = selectors.search_requests(pemda, request.GET, timezone.now())
    return render(fmt, "service_requests", selectors.request_documents(reports, pemda))


@open311_view("GET")
def request_detail(request: HttpRequest, *, fmt: str, service_request_id: str) -> HttpResponse:
    pemda = jurisdiction(request.GET)
    report = selectors.find_request(pemda, service_request_id)
    return render(fmt, "service_requests", selectors.request_documents([report], pemda))


@open311_view("GET")
def token(request: HttpRequest, *, fmt: str, token: str) -> HttpResponse:
    pemda = jurisdiction(request.GET)
    tracking_id = read_token(token)
    if tracking_id is None or not selectors.token_is_known(pemda, tracking_id):
        raise Open311Error(404, _("Token tidak ditemukan."))
    return render(fmt, "service_requests", [{"service_request_id": tracking_id, "token": token}])


def unknown_format(request: HttpRequest, path: str = "") -> HttpResponse:
    return render_errors(XML, 404, [_("Alamat Open311 tidak dikenal.")])
