"""The service's settings: the `[tool.webaudit.serve]` table over its defaults, checked strictly.

The bearer token comes from the environment (WEBAUDIT_TOKEN) or the table's `token`; the environment
wins. It is never printed: `Settings` leaves it out of its repr.
"""
from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field

from ..config import Config, ConfigError
from ..executor import cores

TOKEN_ENV = "WEBAUDIT_TOKEN"
MIN_TOKEN = 16  # characters; `python -c "import secrets; print(secrets.token_urlsafe(32))"` makes one

DEFAULTS: dict = {
    "host": "127.0.0.1",
    "port": 8765,
    "token": "",
    "workers": 0,  # checker processes; 0 = one per core
    "max_bytes": 10 * 2**20,  # request body (and fetched document) size limit
    "timeout": 30.0,  # seconds a request may take, body upload included
    "max_pending": 64,  # requests in the service at once; more get 503
    "max_connections": 512,  # open connections; more get 503 (uvicorn's limit_concurrency)
    "access_log": True,
    "fetch": False,  # check {"url": ...} by fetching it on the caller's behalf
    "fetch_domains": [],  # if set, fetch only these domains (and their subdomains)
    "allow_networks": [],  # CIDRs fetching may reach although private, e.g. "10.20.0.0/16"
}


@dataclass(frozen=True)
class Settings:
    host: str = DEFAULTS["host"]
    port: int = DEFAULTS["port"]
    token: str = field(default="", repr=False)
    workers: int = 1
    max_bytes: int = DEFAULTS["max_bytes"]
    timeout: float = DEFAULTS["timeout"]
    max_pending: int = DEFAULTS["max_pending"]
    max_connections: int = DEFAULTS["max_connections"]
    access_log: bool = True
    fetch: bool = False
    fetch_domains: tuple[str, ...] = ()
    allow_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def from_config(cls, config: Config, environ: dict | None = None, **overrides) -> "Settings":
        """The `serve` table, then `overrides` (command-line options; None means not given)."""
        table = config.section("serve", DEFAULTS)
        table.update({k: v for k, v in overrides.items() if v is not None})
        where = f"{config.source or 'config'}: [serve]"
        for key, default in DEFAULTS.items():
            _expect_type(where, key, table[key], default)
        for key in ("max_bytes", "max_pending", "max_connections", "timeout"):
            if table[key] <= 0:
                raise ConfigError(f"{where} {key} must be positive, got {table[key]}")
        for key in ("port", "workers"):  # port 0: any free port; workers 0: one per core
            if table[key] < 0:
                raise ConfigError(f"{where} {key} must be 0 or more, got {table[key]}")
        if table["port"] > 65535:
            raise ConfigError(f"{where} port must be at most 65535, got {table['port']}")
        token = (environ if environ is not None else os.environ).get(TOKEN_ENV) or table["token"]
        _check_token(where, token, table["host"])
        return cls(
            host=table["host"],
            port=table["port"],
            token=token,
            workers=table["workers"] or cores(),
            max_bytes=table["max_bytes"],
            timeout=float(table["timeout"]),
            max_pending=table["max_pending"],
            max_connections=table["max_connections"],
            access_log=table["access_log"],
            fetch=table["fetch"],
            fetch_domains=tuple(d.lower().strip(".") for d in table["fetch_domains"]),
            allow_networks=_networks(where, table["allow_networks"]),
        )


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def _expect_type(where: str, key: str, value, default) -> None:
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, list):
        ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
    else:
        ok = isinstance(value, type(default))
    if not ok:
        want = "a list of strings" if isinstance(default, list) else type(default).__name__
        raise ConfigError(f"{where} {key} must be {want}, got {value!r}")


def _check_token(where: str, token: str, host: str) -> None:
    if not token:
        if not is_loopback(host):
            raise ConfigError(
                f"serving on {host} (not loopback) needs a bearer token: set {TOKEN_ENV} or token in [serve]")
        return
    if len(token) < MIN_TOKEN or not token.isascii() or not token.isprintable() or " " in token:
        raise ConfigError(f"the bearer token ({TOKEN_ENV} or {where} token) must be at least {MIN_TOKEN} "
                          "printable ASCII characters without spaces")


def _networks(where: str, values) -> tuple:
    try:
        return tuple(ipaddress.ip_network(v, strict=False) for v in values)
    except ValueError as e:
        raise ConfigError(f"{where} allow_networks: {e}") from None
