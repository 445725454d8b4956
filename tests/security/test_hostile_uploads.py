"""The hostile corpus against every upload endpoint, on the web and in the API.

A refused file is a 4xx (the API's error shape, or the form again with a message) and
nothing is stored: no report, no attachment, no event, no file on disk. A file that
carries identifying data is stored without any of it, under a neutral name.
(One demo per endpoint: the refused files are posted one after the other, the cleaned
ones together.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.helpers import assert_error, snapshot
from tests.security.endpoints import ENDPOINTS, Endpoint, Target
from tests.security.hostile import CLEANED, REFUSED, HostileFile, stored_bytes_are_clean
from tuntas.oversight.models import EvaluationAttachment
from tuntas.reports.models import Attachment

pytestmark = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")


def files_on_disk() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()}


def everything() -> tuple[object, ...]:
    return (snapshot(), EvaluationAttachment.objects.count(), files_on_disk())


def post(target: Target, hostiles: list[HostileFile]) -> Any:
    uploads = [
        SimpleUploadedFile(h.name, h.content(), "application/octet-stream") for h in hostiles
    ]
    data = {**target.data, target.file_field: uploads}
    if target.api:
        return target.client.post(target.url, data, format="multipart")
    return target.client.post(target.url, data)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.id for e in ENDPOINTS])
def test_every_hostile_file_is_refused_and_nothing_is_stored(demo, endpoint: Endpoint) -> None:
    target = endpoint.prepare(demo)
    before = everything()
    for hostile in REFUSED:
        response = post(target, [hostile])
        if target.api:
            error = assert_error(response, 400, "validation_error")
            assert list(error["fields"]) == [target.file_field], hostile.id
            assert hostile.name in error["fields"][target.file_field][0], hostile.id
        else:
            assert response.status_code == 400, (hostile.id, response.status_code)
            assert hostile.name in response.content.decode(), hostile.id
        assert everything() == before, hostile.id


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.id for e in ENDPOINTS])
def test_identifying_data_never_reaches_storage(demo, endpoint: Endpoint) -> None:
    target = endpoint.prepare(demo)
    before_files = files_on_disk()
    before = (Attachment.objects.count(), EvaluationAttachment.objects.count())
    response = post(target, CLEANED)
    assert response.status_code == target.success, response.content[:400]
    new_files = files_on_disk() - before_files
    assert len(new_files) == len(CLEANED)
    for path in new_files:
        assert stored_bytes_are_clean(path.read_bytes()) == [], path
    if endpoint.id == "web-evaluation":
        names = list(EvaluationAttachment.objects.values_list("original_name", flat=True))
        assert EvaluationAttachment.objects.count() == before[1] + len(CLEANED)
    else:
        names = list(
            Attachment.objects.order_by("pk")[before[0] :].values_list("original_name", flat=True)
        )
    uploaded = [h.name.rsplit(".", 1)[1] for h in CLEANED]
    assert [n.rsplit("-", 1)[1] for n in names] == [
        f"{i}.{ext}" for i, ext in enumerate(uploaded, start=1)
    ]
    assert not any("Siti" in n or "KTP" in n for n in names)
