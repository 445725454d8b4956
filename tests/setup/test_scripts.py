"""The two-command setup, CI and translation scripts: present, executable, valid bash."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = [
    "scripts/run",
    "scripts/test",
    "scripts/check_translations",
    "scripts/update_translations",
    "scripts/update_lock",
    ".ci/run",
]


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_is_valid_bash(script):
    path = ROOT / script
    assert path.read_text().startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in path.read_text()
    if script != ".ci/run":  # CI is started with `bash .ci/run`
        assert os.access(path, os.X_OK)
    bash = shutil.which("bash")
    assert bash is not None
    subprocess.run([bash, "-n", str(path)], check=True)  # noqa: S603


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```", 2)[1]
    commands = [line.strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["./scripts/run", "./scripts/test"]


def test_lock_file_pins_every_dependency_but_not_the_project():
    lines = [
        line
        for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert all("==" in line for line in lines)
    names = {line.split("==")[0].lower() for line in lines}
    assert "tuntas" not in names
    assert {"django", "celery", "pytest", "pytest-xdist", "mypy", "ruff"} <= names


def po_tools() -> ModuleType:
    spec = importlib.util.spec_from_file_location("po_tools", ROOT / "scripts" / "po_tools.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["po_tools"] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


PO = """\
#, fuzzy
msgid ""
msgstr ""
"Language: en\\n"

msgid "Laporan"
msgstr "Report"

#, fuzzy, python-format
msgid ""
"Laporan %(id)s "
"diterima"
msgstr "Report %(id)s received"

msgctxt "status"
msgid "Selesai"
msgid_plural "Selesai semua"
msgstr[0] ""
msgstr[1] ""

#~ msgid "Lama"
#~ msgstr "Old"
"""


def test_po_parser_reads_entries_flags_contexts_and_skips_obsolete_ones():
    entries = po_tools().parse(PO)
    keys = [e.key for e in entries]
    assert keys == [
        ("", "", ""),
        ("", "Laporan", ""),
        ("", "Laporan %(id)s diterima", ""),
        ("status", "Selesai", "Selesai semua"),
    ]
    assert "fuzzy" in entries[2].flags
    assert "fuzzy" not in entries[1].flags


def test_msgid_comparison_reports_missing_and_extra_entries(tmp_path, capsys):
    tools = po_tools()
    committed = tmp_path / "committed.po"
    fresh = tmp_path / "fresh.po"
    committed.write_text(PO)
    fresh.write_text(PO.replace('msgid "Laporan"\n', 'msgid "Laporan baru"\n'))
    assert tools.compare(str(committed), str(committed)) == 0
    assert tools.compare(str(committed), str(fresh)) == 1
    out = capsys.readouterr().out
    assert "missing from" in out and '"Laporan baru"' in out
    assert "extra in" in out


def test_fix_header_clears_the_header_fuzzy_flag_only(tmp_path):
    tools = po_tools()
    po = tmp_path / "django.po"
    po.write_text(PO.replace("Language: en", "Language: "))
    tools.fix_header(str(po), "en")
    entries = tools.parse(po.read_text())
    assert "fuzzy" not in entries[0].flags
    assert "fuzzy" in entries[2].flags
    assert '"Language: en\\n"' in po.read_text()


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
def test_compiled_catalogues_are_compared_by_content(tmp_path):
    tools = po_tools()
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Laporan"\nmsgstr "Report"\n'
    )
    subprocess.run(["msgfmt", "-o", str(tmp_path / "a.mo"), str(po)], check=True)  # noqa: S603,S607
    subprocess.run(["msgfmt", "-o", str(tmp_path / "b.mo"), str(po)], check=True)  # noqa: S603,S607
    assert tools.compare_mo(str(tmp_path / "a.mo"), str(tmp_path / "b.mo")) == 0
    po.write_text(po.read_text().replace('"Report"', '"Complaint"'))
    subprocess.run(["msgfmt", "-o", str(tmp_path / "b.mo"), str(po)], check=True)  # noqa: S603,S607
    assert tools.compare_mo(str(tmp_path / "a.mo"), str(tmp_path / "b.mo")) == 1
