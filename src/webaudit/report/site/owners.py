"""Who owns a page: the configured URL patterns first, then the page's `<meta name="author">`.

    [tool.webaudit.report.owners]
    "https://lincoln.example.org/staff/" = { name = "Ms. Rivera", email = "rivera@example.org" }
    "https://*.example.org/athletics/*" = "Coach Lee <lee@example.org>"

A pattern with `*`, `?` or `[` is a glob over the whole URL; any other pattern is a URL prefix. When
several match, the longest pattern (the most specific) wins. A page no pattern matches belongs to
its meta author: the configured owner of that name when there is one (so that the e-mail is known),
else the name alone. A page with neither is unassigned.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import translate

from ...config import ConfigError


@dataclass(frozen=True, order=True)
class Owner:
    name: str
    email: str = ""
    source: str = "config"  # "config", "author" (the page's meta author) or "" (unassigned)


UNASSIGNED = Owner("Unassigned", "", "")
_NAME_EMAIL = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>@\s]+@[^<>\s]+)>\s*$")


def _owner(pattern: str, value) -> Owner:
    if isinstance(value, str):
        m = _NAME_EMAIL.match(value)
        name, email = (m["name"], m["email"]) if m else (value.strip(), "")
    elif isinstance(value, dict) and set(value) <= {"name", "email"} and isinstance(value.get("name"), str):
        name, email = value["name"].strip(), str(value.get("email", "")).strip()
    else:
        raise ConfigError(f'report.owners: {pattern!r} must be "Name <e-mail>" or {{ name = "...", email = "..." }}')
    if not name:
        raise ConfigError(f"report.owners: {pattern!r} has no name")
    return Owner(name, email)


class Owners:
    """Pattern -> owner rules, tried most specific first."""

    def __init__(self, table: dict):
        if not isinstance(table, dict):
            raise ConfigError("report.owners must be a table of URL pattern -> owner")
        rules = []
        for pattern, value in table.items():
            owner = _owner(pattern, value)
            if any(c in pattern for c in "*?["):
                rules.append((len(pattern), re.compile(translate(pattern)).match, owner))
            else:
                rules.append((len(pattern), _prefix(pattern), owner))
        self._rules = [(match, owner) for _, match, owner in sorted(rules, key=lambda r: -r[0])]
        self._by_name = {owner.name.casefold(): owner for _, _, owner in rules}

    def owner_of(self, url: str, author: str | None = None) -> Owner:
        for match, owner in self._rules:
            if match(url):
                return owner
        author = (author or "").strip()
        if not author:
            return UNASSIGNED
        return self._by_name.get(author.casefold()) or Owner(author, "", "author")


def _prefix(pattern: str):
    return lambda url: url.startswith(pattern)
