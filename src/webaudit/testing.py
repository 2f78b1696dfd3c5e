"""The fixture harness, public so that a district writing its own check tests it the way we test ours.

A fixture is an HTML page. Every element a check must flag carries `data-expect="rule-id"` (several ids
space-separated). `assert_fixture(check, path)` runs that one check on the page and compares the set of
flagged elements with the set of marked ones: a missing finding and an unexpected one both fail, with
the element's line in the message. Pages named `pass-*` must carry no markers and get no findings.

    from webaudit.testing import assert_fixture
    assert_fixture("my_district.checks.staff_email", "fixtures/staff-email/fail-plain.html")

Page-level findings (no element, e.g. "the page has no title") are matched with
`<meta name="webaudit-expect" content="page-title">` in the fixture's head.

A fixture that needs a web address or configuration says so in its head (used when the caller
passes no `url` / `config`):

    <meta name="webaudit-url" content="https://lincoln.k12.example.org/news.html">
    <meta name="webaudit-config" content='{"district_domains": ["k12.example.org"]}'>

Relative file paths in that configuration (a `media_release` list) resolve against the fixture's folder.
"""
from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

from .config import Config, from_mapping
from .load import file_url
from .model import Finding
from .parse import make_resource
from .registry import Check, all_checks, from_module
from .run import check_resource

PAGE = "(page)"


def _check(check: Check | ModuleType | str) -> Check:
    if isinstance(check, Check):
        return check
    if isinstance(check, str) and check in all_checks():
        return all_checks()[check]
    return from_module(check)


def run_check(check, source: str | bytes | Path, *, url: str | None = None,
              config: Config | dict | None = None) -> tuple[list[Finding], object]:
    """Run one check on a page (a path, or HTML text/bytes); returns (findings, resource)."""
    chk = _check(check)
    explicit_url = url is not None
    if isinstance(source, Path) or (isinstance(source, str) and not source.lstrip().startswith("<") and Path(source).exists()):
        path = Path(source)
        body, url = path.read_bytes(), url or file_url(path)
    else:
        path = None
        body = source.encode("utf-8") if isinstance(source, str) else source
        url = url or "https://school.example.org/page.html"
    resource = make_resource(url, body)
    page_url, page_config = _fixture_settings(resource)
    if page_url and not explicit_url:
        resource = make_resource(page_url, body)
    if config is None and page_config is not None:
        # relative file paths in it (a media-release list) resolve against the fixture's folder
        config = from_mapping(page_config, str(path) if path else "")
    if isinstance(config, dict):
        config = from_mapping(config)
    return check_resource(resource, [chk], config or Config()), resource


def _fixture_settings(resource) -> tuple[str | None, dict | None]:
    """The <meta name="webaudit-url"> and <meta name="webaudit-config"> (JSON) of a fixture, if any."""
    if resource.tree is None:
        return None, None
    url = resource.tree.xpath("string(//meta[@name='webaudit-url']/@content)") or None
    raw = resource.tree.xpath("string(//meta[@name='webaudit-config']/@content)")
    return url, (json.loads(raw) if raw else None)


def expected(resource, rule: str) -> dict[str, int]:
    """selector -> line of every element marked data-expect with `rule` (and PAGE for page-level marks)."""
    out: dict[str, int] = {}
    if resource.tree is None:
        return out
    for el in resource.tree.xpath("//*[@data-expect]"):
        if rule in el.get("data-expect").split():
            out[resource.selector(el)] = resource.position(el)[0] or 0
    for meta in resource.tree.xpath("//meta[@name='webaudit-expect']"):
        if rule in (meta.get("content") or "").split():
            out[PAGE] = 0
    return out


def assert_fixture(check, source, *, url: str | None = None, config: Config | dict | None = None) -> list[Finding]:
    """Fail unless the check flags exactly the marked elements (see the module doc). Returns the findings."""
    chk = _check(check)
    findings, resource = run_check(chk, source, url=url, config=config)
    want = expected(resource, chk.id)
    got: dict[str, Finding] = {}
    for f in findings:
        if f.rule != chk.id:
            raise AssertionError(f"{source}: finding from another rule {f.rule}: {f.message}")
        got.setdefault(f.selector or PAGE, f)
    name = Path(source).name if isinstance(source, (str, Path)) and len(str(source)) < 300 else "<html>"
    if name.startswith("pass-") and want:
        raise AssertionError(f"{name}: a pass-* fixture must not carry data-expect markers")
    problems = []
    for sel in sorted(set(got) - set(want)):
        f = got[sel]
        problems.append(f"  unexpected {chk.id} at line {f.line}: {sel}\n    {f.message}\n    {f.snippet}")
    for sel in sorted(set(want) - set(got)):
        problems.append(f"  missing {chk.id} at line {want[sel]}: {sel} (marked data-expect but not flagged)")
    if problems:
        raise AssertionError(f"{name}:\n" + "\n".join(problems))
    return findings


def fixture_cases(root: str | Path, checks: dict[str, Check] | None = None) -> list[tuple[str, Path]]:
    """(check id, fixture path) for every fixtures/<check-id>/*.html under `root` (for pytest.parametrize)."""
    checks = checks if checks is not None else all_checks()
    cases = []
    for d in sorted(Path(root).iterdir()):
        if d.is_dir() and d.name in checks:
            cases.extend((d.name, f) for f in sorted(d.glob("*.htm*")))
    return cases
