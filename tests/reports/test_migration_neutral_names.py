"""Migration 0004 renames files stored before it: uploaded names left no trace."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.reports.helpers import make_report
from tuntas.reports.models import Attachment

BEFORE = [("reports", "0003_report_coordinates")]
AFTER = [("reports", "0004_submission_key_neutral_attachment_names")]


@pytest.mark.django_db(transaction=True)
def test_old_attachments_get_neutral_names_numbered_per_report(demo) -> None:
    first, second = make_report(demo), make_report(demo)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("reports", "Attachment")
    now = timezone.now()
    for report, name, content_type in [
        (first, "KTP_Siti.jpg", "image/jpeg"),
        (second, "Surat Siti Rahmawati.pdf", "application/pdf"),
        (first, "rumah-pelapor.png", "image/png"),
    ]:
        old.objects.create(
            report_id=report.pk,
            kind="evidence",
            file="attachments/x",
            original_name=name,
            content_type=content_type,
            size=1,
            sha256="0" * 64,
            created_at=now,
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    names = {
        (a.report_id, a.original_name) for a in Attachment.objects.filter(file="attachments/x")
    }
    assert names == {
        (first.pk, f"{first.tracking_id}-1.jpg"),
        (first.pk, f"{first.tracking_id}-2.png"),
        (second.pk, f"{second.tracking_id}-1.pdf"),
    }
    # Leave the schema as every later test expects it: all migrations applied (a test
    # after this one on the same database would otherwise miss the newer columns).
    latest = MigrationExecutor(connection)
    latest.loader.build_graph()
    latest.migrate(latest.loader.graph.leaf_nodes())
