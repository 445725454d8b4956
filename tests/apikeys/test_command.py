"""``manage.py create_api_key`` prints only the secret on stdout."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tuntas.apikeys.models import ApiKey
from tuntas.apikeys.services import authenticate_key


def test_it_prints_only_the_secret(demo):
    out, err = StringIO(), StringIO()
    call_command(
        "create_api_key",
        "--organisation",
        "majalengka",
        "--name",
        "Tuntas Provinsi Jawa Barat",
        "--scope",
        "federation",
        "--scope",
        "reports.read",
        stdout=out,
        stderr=err,
    )
    secret = out.getvalue().strip()
    assert "\n" not in secret
    key = authenticate_key(secret, scope="federation")
    assert key.organisation == demo.orgs["majalengka"]
    assert key.created_by is None
    assert key.prefix in err.getvalue()


def test_an_unknown_organisation_is_an_error(demo):
    with pytest.raises(CommandError):
        call_command(
            "create_api_key",
            "--organisation",
            "nowhere",
            "--name",
            "X",
            "--scope",
            "federation",
            stdout=StringIO(),
        )
    assert not ApiKey.objects.exists()
