"""Fetching a URL on a caller's behalf, without becoming a way into the district's network (SSRF).

Only when the service is configured to (`fetch = true`), only http and https, only the configured
domains (if any), and never to a private, loopback, link-local or otherwise non-public address unless
that network is explicitly allowed (`allow_networks`). The check happens where the connection is made:
the host is resolved, every address it resolves to must pass, and the connection goes to an address
that passed (TLS still verifies the host name). Every redirect hop is a new request through the same
gate, so a public page cannot redirect the service into the private network.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urljoin, urlsplit

import httpcore

from ..load import USER_AGENT

MAX_REDIRECTS = 5
CONNECT_TIMEOUT, READ_TIMEOUT = 5.0, 20.0
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(Exception):
    """The URL or an address it resolves to is not one this service may fetch."""


class FetchFailed(Exception):
    """The fetch was allowed but did not give a document (no such host, HTTP error, too big...)."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str


def is_public(ip: IPAddress) -> bool:
    """A globally routable unicast address, also for the IPv4 address an IPv6 one may carry."""
    for inner in _embedded_v4(ip):
        if not is_public(inner):
            return False
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                                 or ip.is_reserved or ip.is_unspecified or getattr(ip, "is_site_local", False))


def _embedded_v4(ip: IPAddress) -> list[ipaddress.IPv4Address]:
    if ip.version == 4:
        return []
    found = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
    return [a for a in found if a is not None]  # (NAT64, 64:ff9b::/96, is in a reserved range: never public)


def address_allowed(ip: IPAddress, allowed: Iterable[IPNetwork] = ()) -> bool:
    return is_public(ip) or any(ip in net for net in allowed if net.version == ip.version)


def check_addresses(host: str, addresses: Iterable[str], allowed: Iterable[IPNetwork] = ()) -> list[str]:
    """The addresses, if every one may be fetched; else Refused naming the first that may not."""
    allowed = tuple(allowed)
    out = []
    for a in addresses:
        ip = ipaddress.ip_address(a.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
        if not address_allowed(ip, allowed):
            shown = host if host == str(ip) else f"{host} ({ip})"
            raise Refused(f"{shown} is a private, loopback or link-local address")
        out.append(str(ip))
    return out


def check_url(url: str, domains: Iterable[str] = ()) -> None:
    """Refused unless `url` is an http(s) URL to a host this service may fetch."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"only http and https URLs are fetched, not {parts.scheme or 'a relative URL'!r}")
    if parts.username is not None or parts.password is not None:
        raise Refused("URLs with a user name or password are not fetched")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise Refused("the URL has no host")
    domains = tuple(domains)
    if domains and not any(host == d or host.endswith("." + d) for d in domains):
        raise Refused(f"{host} is not one of the domains this service fetches ({', '.join(domains)})")
    try:
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError as e:
        raise Refused(f"bad port: {e}") from None


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to addresses that pass `check_addresses`."""

    def __init__(self, allowed: Iterable[IPNetwork] = ()):
        self._allowed = tuple(allowed)
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror:
            raise FetchFailed(f"host name {host} not found") from None
        addresses = check_addresses(host, dict.fromkeys(info[4][0] for info in infos), self._allowed)
        error: Exception = FetchFailed(f"{host} has no address")
        for address in addresses:
            try:
                return await self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        raise error

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise Refused("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class Fetcher:
    """One connection pool for the service's lifetime; `fetch(url)` gets one document."""

    def __init__(self, max_bytes: int, domains: Iterable[str] = (), allowed: Iterable[IPNetwork] = ()):
        self.max_bytes = max_bytes
        self.domains = tuple(domains)
        self._pool = httpcore.AsyncConnectionPool(network_backend=GuardedBackend(allowed), max_connections=32,
                                                  retries=0)

    async def close(self) -> None:
        await self._pool.aclose()

    async def fetch(self, url: str) -> Fetched:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, self.domains)
            try:
                status, location, content_type, body = await self._get(url)
            except httpcore.TimeoutException:
                raise FetchFailed(f"{url} did not answer in time") from None
            except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as e:
                raise FetchFailed(f"cannot fetch {url}: {type(e).__name__} {e}".strip()) from None
            if status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            if status >= 400:
                raise FetchFailed(f"{url} answered HTTP {status}")
            return Fetched(url, body, content_type)
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")

    async def _get(self, url: str) -> tuple[int, str, str, bytes]:
        headers = [(b"User-Agent", USER_AGENT.encode()), (b"Accept", b"text/html, application/pdf;q=0.9")]
        timeout = {"connect": CONNECT_TIMEOUT, "read": READ_TIMEOUT, "write": READ_TIMEOUT, "pool": CONNECT_TIMEOUT}
        async with self._pool.stream("GET", url, headers=headers, extensions={"timeout": timeout}) as response:
            head = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in response.headers}
            if response.status in (301, 302, 303, 307, 308) or response.status >= 400:
                return response.status, head.get("location", ""), "", b""
            declared = head.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchFailed(f"{url} is {int(declared)} bytes, over the {self.max_bytes} byte limit")
            chunks, size = [], 0
            async for chunk in response.aiter_stream():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchFailed(f"{url} is over the {self.max_bytes} byte limit")
                chunks.append(chunk)
            return response.status, "", head.get("content-type", ""), b"".join(chunks)
