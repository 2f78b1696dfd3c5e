"""Configuration: `[tool.webaudit]` in pyproject.toml or a webaudit.toml, checked strictly.

Core keys are below; each check may declare more in its OPTIONS (with defaults), and those are
accepted too. Any other key is an error, so a typo never silently does nothing.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .model import Severity
from .wcag import DEFAULT_STANDARD, STANDARDS


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Config:
    standard: str = DEFAULT_STANDARD
    policy: bool = True  # district policy items (on by default)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    severity: dict = field(default_factory=dict)  # rule id -> "error" | "warning" | "notice"
    district_domains: tuple[str, ...] = ()  # a domain covers its subdomains
    options: dict = field(default_factory=dict)  # check options (declared by checks in OPTIONS)
    # Tables for the engine's rooms ([tool.webaudit.crawl], .report, .serve): each room validates its own.
    crawl: dict = field(default_factory=dict)
    report: dict = field(default_factory=dict)
    serve: dict = field(default_factory=dict)
    source: str = ""  # where it was read from, for messages

    def get(self, name: str, default: Any = None) -> Any:
        """A check option: the configured value, else the default the check declared (or `default`)."""
        if name in self.options:
            return self.options[name]
        defaults = _option_defaults()
        return defaults[name] if name in defaults else default

    def section(self, name: str, defaults: dict) -> dict:
        """A room's table merged over its defaults; an unknown key is an error."""
        table = getattr(self, name)
        unknown = sorted(set(table) - set(defaults))
        if unknown:
            raise ConfigError(f"{self.source or 'config'}: unknown key(s) in [{name}]: {', '.join(unknown)}")
        return {**defaults, **table}

    @property
    def base_dir(self) -> Path:
        """Relative file paths in the config (e.g. a media-release list) are relative to its file."""
        return Path(self.source).resolve().parent if self.source else Path.cwd()

    def with_(self, **changes) -> "Config":
        return replace(self, **changes)

    def is_internal(self, host: str, page_host: str = "") -> bool:
        """Is `host` inside the district: the page's own host or a configured domain (or a subdomain)?"""
        host = (host or "").lower().rstrip(".")
        if page_host and host == page_host.lower():
            return True
        return any(host == d or host.endswith("." + d) for d in (x.lower().lstrip(".") for x in self.district_domains))


_CORE = {f.name for f in fields(Config)} - {"options", "source"}
_DEFAULTS: list = [None, {}]  # the registry's table of checks, and the option defaults read from it


def _option_defaults() -> dict:
    """Each check option's default, from the first check (in the registry's order) that declares it;
    worked out again only when the registry's table changes (checks ask on every page)."""
    from .registry import all_checks

    checks = all_checks()
    if _DEFAULTS[0] is not checks:
        defaults: dict = {}
        for chk in checks.values():
            for name, value in chk.options.items():
                defaults.setdefault(name, value)
        _DEFAULTS[:] = [checks, defaults]
    return _DEFAULTS[1]


def _check_value(key: str, value: Any, default: Any) -> Any:
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: expected a table, got {type(value).__name__}")
        return value
    if default is None or isinstance(value, type(default)):
        return tuple(value) if isinstance(value, list) else value
    if isinstance(default, tuple) and isinstance(value, list):
        return tuple(value)
    if isinstance(default, float) and isinstance(value, int):
        return float(value)
    raise ConfigError(f"{key}: expected {type(default).__name__}, got {type(value).__name__} ({value!r})")


def from_mapping(data: dict, source: str = "") -> Config:
    from .registry import all_checks

    declared: dict[str, Any] = {}
    for chk in all_checks().values():
        declared.update(chk.options)
    base = Config()
    core: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for key, value in data.items():
        k = key.replace("-", "_")
        if k in _CORE:
            core[k] = _check_value(k, value, getattr(base, k))
        elif k in declared:
            options[k] = _check_value(k, value, declared[k])
        else:
            raise ConfigError(f"{source or 'config'}: unknown key {key!r}")
    if core.get("standard", base.standard) not in STANDARDS:
        raise ConfigError(f"standard: {core['standard']!r} is not one of {', '.join(STANDARDS)}")
    for rule, sev in dict(core.get("severity", {})).items():
        try:
            Severity.parse(sev)
        except ValueError as e:
            raise ConfigError(f"severity.{rule}: {e}") from None
    try:
        Severity.parse(core.get("fail_on", "error"))
    except ValueError as e:
        raise ConfigError(f"fail_on: {e}") from None
    return replace(base, **core, options=options, source=source)


def load(path: str | Path | None = None, start: str | Path = ".") -> Config:
    """Read an explicit file, or the nearest webaudit.toml / pyproject.toml with [tool.webaudit]."""
    if path is not None:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"cannot read config {p}: {e}") from None
        if p.name == "pyproject.toml" or "tool" in data:
            data = data.get("tool", {}).get("webaudit", {})
        return from_mapping(data, str(p))
    here = Path(start).resolve()
    for d in (here, *here.parents):
        for name in ("webaudit.toml", "pyproject.toml"):
            f = d / name
            if f.is_file():
                try:
                    data = tomllib.loads(f.read_text(encoding="utf-8"))
                except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
                    raise ConfigError(f"cannot read config {f}: {e}") from None
                if name == "pyproject.toml":
                    if "webaudit" not in data.get("tool", {}):
                        continue
                    data = data["tool"]["webaudit"]
                return from_mapping(data, str(f))
    return Config()
