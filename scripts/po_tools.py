"""Small helpers for scripts/check_translations and scripts/update_translations.

    po_tools.py compare COMMITTED.po REGENERATED.po   msgids missing/extra (exit 1 if any)
    po_tools.py entries FILE.po|-                     list non-header entries (exit 1 if any)
    po_tools.py compare-mo COMMITTED.mo FRESH.mo      same catalogue? (exit 1 if not)
    po_tools.py fix-header FILE.po LANG               un-fuzzy the header, set Language

Only the standard library is used, so the checks run before the project is installed.
"""

from __future__ import annotations

import gettext
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$')


@dataclass
class Entry:
    fields: dict[str, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str, str]:
        return (
            self.fields.get("msgctxt", ""),
            self.fields.get("msgid", ""),
            self.fields.get("msgid_plural", ""),
        )

    @property
    def is_header(self) -> bool:
        return self.key == ("", "", "")


def parse(text: str) -> list[Entry]:
    """Active (non-obsolete) entries of a PO file; strings are kept escaped as written."""
    entries: list[Entry] = []
    current = Entry()
    last: str | None = None

    def flush() -> None:
        nonlocal current, last
        if "msgid" in current.fields:
            entries.append(current)
        current, last = Entry(), None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if "msgid" in current.fields:
                flush()
            current.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        if line.startswith("#"):
            continue
        match = KEYWORD.match(line)
        if match:
            name, value = match.groups()
            if name in ("msgctxt", "msgid") and "msgstr" in "".join(current.fields):
                flush()
            current.fields[name] = value
            last = name
        elif line.startswith('"') and last is not None:
            current.fields[last] += line[1:-1]
    flush()
    return entries


def read(path: str) -> list[Entry]:
    text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    return parse(text)


def show(key: tuple[str, str, str]) -> str:
    ctxt, msgid, plural = key
    text = f'"{msgid}"'
    if plural:
        text += f' / plural "{plural}"'
    if ctxt:
        text = f"[{ctxt}] {text}"
    return text


def compare(committed: str, regenerated: str) -> int:
    old = {e.key for e in read(committed) if not e.is_header}
    new = {e.key for e in read(regenerated) if not e.is_header}
    missing = sorted(new - old)
    extra = sorted(old - new)
    for key in missing:
        print(f"  missing from {committed}: {show(key)}")
    for key in extra:
        print(f"  no longer in the source (extra in {committed}): {show(key)}")
    return 1 if missing or extra else 0


def entries(path: str) -> int:
    found = [e for e in read(path) if not e.is_header]
    for e in found:
        print(f"  {show(e.key)}")
    return 1 if found else 0


def catalogue(path: str) -> dict[object, str]:
    with open(path, "rb") as handle:
        translations = gettext.GNUTranslations(handle)
    items: dict[object, str] = dict(translations._catalog)  # type: ignore[attr-defined]
    items.pop("", None)  # the header: creation dates differ between compilations
    return items


def compare_mo(committed: str, fresh: str) -> int:
    if not Path(committed).exists():
        print(f"  {committed} is missing")
        return 1
    if catalogue(committed) != catalogue(fresh):
        print(f"  {committed} does not match its .po file")
        return 1
    return 0


def fix_header(path: str, language: str) -> int:
    po = Path(path)
    text = po.read_text(encoding="utf-8")
    head, sep, rest = text.partition('msgid ""\nmsgstr ""\n')
    if not sep:
        return 0
    head = re.sub(r"^#, fuzzy\n", "", head, flags=re.MULTILINE)
    rest = re.sub(
        r'^"Language: [^"]*\\n"$', f'"Language: {language}\\\\n"', rest, count=1, flags=re.MULTILINE
    )
    po.write_text(head + sep + rest, encoding="utf-8")
    return 0


def main(argv: list[str]) -> int:
    commands = {
        "compare": (compare, 2),
        "entries": (entries, 1),
        "compare-mo": (compare_mo, 2),
        "fix-header": (fix_header, 2),
    }
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 != commands[argv[1]][1]:
        print(__doc__, file=sys.stderr)
        return 2
    function, _ = commands[argv[1]]
    return int(function(*argv[2:]))  # type: ignore[operator]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
