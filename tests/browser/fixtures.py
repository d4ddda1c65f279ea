# SPDX-License-Identifier: EUPL-1.2
"""Helpers for the browser tests: the axe-core accessibility check, logging in, screenshots.

``check_accessibility`` injects axe-core from node_modules into the page and fails on any WCAG 2.1 A or AA
violation, listing each rule with the elements it found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def check_accessibility(page) -> None:
    """Run axe-core on the current page and fail with a readable list of every WCAG 2.1 A/AA violation."""
    assert AXE.exists(), f"{AXE} ontbreekt: run `make install` (npm installs axe-core)"
    # Evaluated through the DevTools protocol: the page's Content-Security-Policy (no inline scripts)
    # would refuse axe-core as a <script> tag, and rightly so.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = result["violations"]
    if violations:
        lines = [f"axe-core: {len(violations)} toegankelijkheidsproblemen op {page.url}"]
        for violation in violations:
            lines.append(
                f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
            )
            for node in violation["nodes"][:5]:
                lines.append(f"    {json.dumps(node['target'])}: {_summary(node)}")
        pytest.fail("\n".join(lines), pytrace=False)


def screenshot(page, name: str) -> None:
    """Keep a full-page picture for people reviewing the UI (var/ is not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _summary(node: dict) -> str:
    """axe's "Fix any/all of the following" text on one line."""
    lines = [line.strip() for line in node.get("failureSummary", "").splitlines() if line.strip()]
    return " | ".join(lines)[:400]


def log_in(page, base_url: str, username: str, password: str) -> None:
    """Log in through the real login form, as a person would, and wait for the page after it."""
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
