# SPDX-License-Identifier: EUPL-1.2
"""English is offered only as a whole: every text in the sources has a finished English translation.

``makemessages`` runs over a copy of the sources, exactly as ``make messages`` does, into a copy of the
catalogue; the test fails on any text without a translation and on any fuzzy one (makemessages marks a
changed Dutch text fuzzy, keeping the old English as a guess). GNU gettext is required, as it is for
``make install``'s compilemessages, so there is no skip when it is missing. The fix is ``make messages`` and
translating what it lists.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = Path("locale/en/LC_MESSAGES/django.po")


def _entries(po: Path, *flags: str) -> list[str]:
    """The msgids ``msgattrib`` selects with ``flags`` (the header entry left out)."""
    out = subprocess.run(
        ["msgattrib", "--no-obsolete", "--no-wrap", *flags, str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ids = [line[len('msgid "') : -1] for line in out.splitlines() if line.startswith('msgid "')]
    return [msgid for msgid in ids if msgid]


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("messages")
    shutil.copytree(ROOT / "src", copy / "src")
    (copy / CATALOGUE.parent).mkdir(parents=True)
    shutil.copy(ROOT / CATALOGUE, copy / CATALOGUE)
    here = Path.cwd()
    try:
        os.chdir(copy)
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command("makemessages", locale=["en"], verbosity=0)
    finally:
        os.chdir(here)
    return copy / CATALOGUE


def test_the_catalogue_lists_every_text_of_the_sources(refreshed):
    assert len(_entries(refreshed)) > 2000  # the copy really was scanned


def test_every_text_has_an_english_translation(refreshed):
    missing = _entries(refreshed, "--untranslated")
    assert not missing, f"{len(missing)} texts without English (run make messages): {missing[:10]}"


def test_no_translation_is_a_guess(refreshed):
    fuzzy = _entries(refreshed, "--only-fuzzy")
    assert not fuzzy, f"{len(fuzzy)} fuzzy translations (review them, then drop the flag): {fuzzy[:10]}"


def test_the_committed_catalogue_compiles_cleanly():
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(ROOT / CATALOGUE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
