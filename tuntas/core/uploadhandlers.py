"""An upload handler that keeps a huge file from filling the disk.

Django writes an uploaded file to a temporary file as it arrives, however large it is;
``check_upload`` refuses it only afterwards. ``UploadSizeCap`` runs first
(``FILE_UPLOAD_HANDLERS``) and stops handing a file's data on to the handlers that
store it once ``TUNTAS_MAX_UPLOAD_BYTES`` have passed: what is kept is still larger than
the limit, so the form refuses the file by name ("terlalu besar"), and at most about the
limit plus one chunk is ever written per file.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class UploadSizeCap(FileUploadHandler):
    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start > settings.TUNTAS_MAX_UPLOAD_BYTES:
            return None  # dropped: the file is already over the limit
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile[bytes] | None:
        return None  # the next handler makes the file
