"""axe-core finds no serious or critical accessibility problem on the main pages, for the
citizen and for each kind of staff member, in Indonesian and once in English."""

from __future__ import annotations

import pytest

from tests.e2e.browser import (
    PAGE_GROUPS,
    Site,
    axe_violations,
    load_sample_reports,
    main_pages,
    open_spec,
    unfold_actions,
    walk_pages,
)

# Pages checked with rows on them, not only their empty state.
SHOWN = {
    "failed-messages": "x@rusak",
    "incoming-messages": "Saka Lagun",
    "my-reports": "Trotoar rusak",
    "inbox-division": "Jalan berlubang",
}


@pytest.mark.parametrize("group", PAGE_GROUPS)
def test_the_pages_have_no_serious_accessibility_problem(site: Site, group: str) -> None:
    problems: list[str] = []
    seen = 0
    for spec, page in walk_pages(site, group):
        seen += 1
        shown = SHOWN.get(spec.name)
        if shown and shown not in page.locator("main").inner_text():
            problems.append(f"{spec.name} ({page.url}): {shown!r} not shown")
        if not page.locator("main h1").count():
            problems.append(f"{spec.name} ({page.url}): no heading in main")
        problems += [f"{spec.name} ({page.url}): {line}" for line in axe_violations(page)]
    assert seen >= 4
    assert not problems, "\n".join(problems)


def test_the_pages_in_english_have_no_serious_accessibility_problem(site: Site) -> None:
    specs = {spec.name: spec for spec in main_pages(load_sample_reports())}
    page = open_spec(site, specs["staff-report-coordinator"])
    with page.expect_navigation():
        page.locator("button[name=language][value=en]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    problems: list[str] = []
    for name in ("staff-report-coordinator", "inbox-coordinator", "home", "tracked-report"):
        spec = specs[name]
        if name == "tracked-report":
            assert spec.prepare is not None
            spec.prepare(page)
        else:
            page.goto(spec.path)
        if name.startswith("staff-report"):
            unfold_actions(page)
        assert page.locator("html").get_attribute("lang") == "en", name
        problems += [f"{name} in English: {line}" for line in axe_violations(page)]
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_real_problem(site: Site) -> None:
    """The axe check is live: an unlabelled field and an image without text are found."""
    page = site.page()
    page.goto("/")
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
            '<input type="text" name="x"><img src="/static/x.png">')"""
    )
    problems = " ".join(axe_violations(page))
    assert "label" in problems
    assert "image-alt" in problems
