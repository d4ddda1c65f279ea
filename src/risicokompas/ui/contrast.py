# SPDX-License-Identifier: EUPL-1.2
"""WCAG 2.x contrast ratios for the Risicokompas theme (web/static/risicokompas/theme.css).

The theme's palette is a set of ``--rk-color-*`` custom properties in hex; the Utrecht tokens point at
them with ``var()``. ``THEME_PAIRS`` lists every foreground/background pair the pages combine, with the
minimum WCAG AA asks: 4.5 for text, 3.0 for borders, focus rings and other non-text parts (1.4.11).
Run ``python -m risicokompas.ui.contrast`` for the table; tests/test_theme.py keeps it at AA.
"""

from __future__ import annotations

import re
from pathlib import Path

THEME_CSS = Path(__file__).resolve().parents[1] / "web" / "static" / "risicokompas" / "theme.css"

TEXT = 4.5
NON_TEXT = 3.0

# (foreground token, background token, minimum ratio, where the pair is seen)
THEME_PAIRS: list[tuple[str, str, float, str]] = [
    ("--rk-color-text", "--rk-color-background", TEXT, "body text"),
    ("--rk-color-text", "--rk-color-background-subtle", TEXT, "table header, read-only field"),
    ("--rk-color-text", "--rk-color-background-muted", TEXT, "pressed button"),
    ("--rk-color-text-muted", "--rk-color-background", TEXT, "description, small text"),
    ("--rk-color-text-muted", "--rk-color-background-subtle", TEXT, "description on a panel"),
    ("--rk-color-link", "--rk-color-background", TEXT, "link"),
    ("--rk-color-link", "--rk-color-background-subtle", TEXT, "link in a table header or panel"),
    ("--rk-color-link", "--rk-color-primary-subtle", TEXT, "link on a hovered row or button"),
    ("--rk-color-link-hover", "--rk-color-primary-subtle", TEXT, "hovered subtle button"),
    ("--rk-color-link-visited", "--rk-color-background", TEXT, "visited link"),
    ("--rk-color-on-primary", "--rk-color-primary", TEXT, "primary button"),
    ("--rk-color-on-primary", "--rk-color-primary-hover", TEXT, "primary button, hover"),
    ("--rk-color-on-primary", "--rk-color-primary-active", TEXT, "primary button, pressed"),
    ("--rk-color-primary", "--rk-color-background", TEXT, "secondary button"),
    ("--rk-color-primary-hover", "--rk-color-primary-subtle", TEXT, "secondary button, hover"),
    ("--rk-color-primary-active", "--rk-color-background-muted", TEXT, "secondary button, pressed"),
    ("--rk-color-text", "--rk-color-focus-background", TEXT, "focused link or button"),
    ("--rk-color-disabled", "--rk-color-disabled-background", TEXT, "disabled button"),
    ("--rk-color-disabled", "--rk-color-background", TEXT, "disabled text"),
    ("--rk-color-error", "--rk-color-background", TEXT, "error message"),
    ("--rk-color-text", "--rk-color-error-background", TEXT, "error alert"),
    ("--rk-color-text", "--rk-color-warning-background", TEXT, "warning alert"),
    ("--rk-color-warning", "--rk-color-warning-background", TEXT, "warning badge"),
    ("--rk-color-text", "--rk-color-ok-background", TEXT, "ok alert"),
    ("--rk-color-ok", "--rk-color-background", TEXT, "done status"),
    ("--rk-color-text", "--rk-color-info-background", TEXT, "info alert"),
    ("--rk-color-border", "--rk-color-background", NON_TEXT, "text box, select, checkbox border"),
    ("--rk-color-error", "--rk-color-background", NON_TEXT, "invalid field border"),
    ("--rk-color-focus", "--rk-color-background", NON_TEXT, "focus outline"),
    ("--rk-color-focus", "--rk-color-focus-background", NON_TEXT, "focus outline on yellow"),
    ("--rk-color-info", "--rk-color-info-background", NON_TEXT, "info alert bar"),
    ("--rk-color-ok", "--rk-color-ok-background", NON_TEXT, "ok alert bar"),
    ("--rk-color-warning-border", "--rk-color-warning-background", NON_TEXT, "warning alert bar"),
    ("--rk-color-error", "--rk-color-error-background", NON_TEXT, "error alert bar"),
]

_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_DECLARATION = re.compile(r"(--[a-z0-9-]+)\s*:\s*([^;]+);")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """``#1c2b39`` or ``#fff`` as (r, g, b) in 0..255."""
    match = _HEX.match(colour.strip())
    if not match:
        raise ValueError(f"geen hexadecimale kleur: {colour!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), lighter over darker: 1.0 up to 21.0."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def theme_tokens(css: str) -> dict[str, str]:
    """Every custom property the theme declares, comments left out, with ``var()`` references resolved."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    raw = {name: value.strip() for name, value in _DECLARATION.findall(css)}

    def resolve(value: str, seen: frozenset[str]) -> str:
        match = re.fullmatch(r"var\((--[a-z0-9-]+)\)", value)
        if not match:
            return value
        name = match.group(1)
        if name in seen or name not in raw:
            raise ValueError(f"onbekende of kringverwijzing: {name}")
        return resolve(raw[name], seen | {name})

    return {name: resolve(value, frozenset({name})) for name, value in raw.items()}


def check_pairs(
    tokens: dict[str, str], pairs: list[tuple[str, str, float, str]] | None = None
) -> list[tuple[str, str, float, float, str]]:
    """(foreground, background, ratio, minimum, where) for each pair, in the order given."""
    return [
        (fg, bg, contrast_ratio(tokens[fg], tokens[bg]), minimum, where)
        for fg, bg, minimum, where in (THEME_PAIRS if pairs is None else pairs)
    ]


def main() -> int:
    tokens = theme_tokens(THEME_CSS.read_text(encoding="utf-8"))
    failures = 0
    for fg, bg, ratio, minimum, where in check_pairs(tokens):
        ok = ratio >= minimum
        failures += not ok
        print(f"{'ok  ' if ok else 'FOUT'} {ratio:5.2f} >= {minimum:3.1f}  {fg} op {bg}  ({where})")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
