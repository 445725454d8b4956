"""Access codes are kept as an HMAC with a server key: fast, rotatable, old hashes still work."""

from __future__ import annotations

from unittest import mock

from django.contrib.auth.hashers import make_password
from django.test import override_settings

from tests.reports.helpers import report_input
from tuntas.reports import access_codes, actions
from tuntas.reports.access_codes import hash_access_code, verify_access_code
from tuntas.reports.models import Report
from tuntas.reports.selectors import report_by_access_code

OLD_KEY = "o" * 40
NEW_KEY = "n" * 40


def submitted(demo):
    data = report_input(demo, reporter_name="Ani", reporter_phone="0812 3456 7890")
    return actions.submit_report(data, actor=actions.Actor.reporter(None))


def test_a_submission_stores_an_hmac_not_a_password_hash(demo):
    with mock.patch("django.contrib.auth.hashers.make_password") as slow:
        result = submitted(demo)
    slow.assert_not_called()
    stored = result.report.access_code_hash
    assert stored.startswith("hmac-sha256$")
    assert result.access_code not in stored
    assert report_by_access_code(result.report.tracking_id, result.access_code) == result.report
    assert report_by_access_code(result.report.tracking_id, "AAAAAAAA") is None


def test_codes_of_reports_from_before_still_open_them(demo):
    result = submitted(demo)
    Report.objects.filter(pk=result.report.pk).update(
        access_code_hash=make_password(result.access_code)
    )
    assert report_by_access_code(result.report.tracking_id, result.access_code) is not None
    assert report_by_access_code(result.report.tracking_id, "AAAAAAAA") is None
    # Left as it was: checking a code writes nothing.
    assert not Report.objects.get(pk=result.report.pk).access_code_hash.startswith("hmac")


def test_an_unknown_id_costs_no_password_hash(demo):
    with mock.patch("tuntas.reports.access_codes.check_password") as slow:
        assert report_by_access_code("LPR-0000-NOPE00", "AAAAAAAA") is None
    slow.assert_not_called()


def test_keys_rotate_newest_first():
    with override_settings(TUNTAS_ACCESS_CODE_KEYS=[OLD_KEY]):
        old = hash_access_code("ABCD2345")
    with override_settings(TUNTAS_ACCESS_CODE_KEYS=[NEW_KEY, OLD_KEY]):
        assert verify_access_code("ABCD2345", old)
        new = hash_access_code("ABCD2345")
        assert new != old and verify_access_code("ABCD2345", new)
    with override_settings(TUNTAS_ACCESS_CODE_KEYS=[NEW_KEY]):
        assert not verify_access_code("ABCD2345", old)  # its key was retired


def test_the_derived_key_follows_the_secret_keys_fallbacks(settings):
    stored = hash_access_code("ABCD2345")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "z" * 40
    assert verify_access_code("ABCD2345", stored)
    assert hash_access_code("ABCD2345") != stored


def test_tampered_or_empty_hashes_never_match():
    stored = hash_access_code("ABCD2345")
    assert not verify_access_code("ABCD2345", stored[:-1] + ("0" if stored[-1] != "0" else "1"))
    assert not verify_access_code("ABCD2345", "hmac-sha256$deadbeef$" + "0" * 64)
    assert not verify_access_code("ABCD2345", "hmac-sha256$")
    assert not verify_access_code("", "")
    assert access_codes.PREFIX == "hmac-sha256"
