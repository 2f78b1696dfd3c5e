"""One table-driven test over every check x its fixtures: each fixture pins exactly which elements
a check flags (data-expect markers), so a missing and an unexpected finding both fail."""
from __future__ import annotations

from pathlib import Path

import pytest

from webaudit.registry import all_checks
from webaudit.testing import assert_fixture, fixture_cases

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASES = fixture_cases(FIXTURES)


@pytest.mark.parametrize("rule,path", CASES, ids=[f"{r}/{p.name}" for r, p in CASES])
def test_fixture(rule, path):
    assert_fixture(rule, path)


def test_every_html_check_has_failing_and_passing_fixtures():
    missing = []
    for cid, chk in all_checks().items():
        if "html" not in chk.applies_to:
            continue
        names = [p.name for p in (FIXTURES / cid).glob("*.htm*")]
        if not any(n.startswith("fail-") for n in names) or not any(n.startswith("pass-") for n in names):
            missing.append(cid)
    assert not missing, f"checks without fail-* and pass-* fixtures: {missing}"


def test_fail_fixtures_do_expect_something():
    for rule, path in CASES:
        if path.name.startswith("fail-"):
            assert f'data-expect="' in path.read_text() or "webaudit-expect" in path.read_text(), path
