"""The registry table: every built-in check follows the contract, so `webaudit rules` and
`webaudit explain` answer for each one, and a newcomer finds any check from its id."""
from __future__ import annotations

from pathlib import Path

import pytest

from webaudit.registry import Check, all_checks, load_problems, select
from webaudit.wcag import STANDARDS

CHECKS = sorted(all_checks().values(), key=lambda c: c.id)
ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("## What it does", "## Why it matters", "## Example", "## Use instead", "## References")


def test_every_built_in_check_loads():
    assert load_problems() == ()
    assert len(CHECKS) >= 40


@pytest.mark.parametrize("chk", CHECKS, ids=[c.id for c in CHECKS])
def test_check_contract(chk: Check):
    assert chk.module == "webaudit.checks." + chk.id.replace("-", "_")
    assert (ROOT / "checks" / (chk.id.replace("-", "_") + ".py")).is_file()
    for section in SECTIONS:
        assert section in chk.doc, f"{chk.id}: docstring lacks {section!r}"
    assert chk.title and chk.help.strip()
    assert chk.wcag or chk.policy
    if chk.wcag:
        assert chk.level in ("A", "AA")


def test_standard_selection():
    everything = list(all_checks().values())
    a20 = {c.id for c in select(everything, standard=STANDARDS["wcag20a"], policy=False)}
    aa21 = {c.id for c in select(everything, standard=STANDARDS["wcag21aa"], policy=False)}
    assert "img-alt" in a20 and a20 <= aa21
    policy_only = {c.id for c in everything if not c.wcag}
    assert policy_only and not policy_only & aa21  # policy-only items need the policy switch
    with_policy = {c.id for c in select(everything, standard=STANDARDS["wcag21aa"], policy=True)}
    assert policy_only <= with_policy
    picked = {c.id for c in select(everything, standard=STANDARDS["wcag20a"], select=["heading-"], ignore=["heading-o"])}
    assert picked == {c.id for c in everything if c.id.startswith("heading-") and c.id != "heading-order"}
