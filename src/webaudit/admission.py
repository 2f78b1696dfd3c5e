"""What the crawl does with a URL it meets: crawl it, only ask whether it answers, or leave it.

In order: outside the scope (not a start host or district domain) a URL is only link-checked;
inside, --include/--exclude, robots.txt, --max-depth, --max-pages and the trap bounds may keep it
out; a file of a kind no check reads (.docx, .zip) is only link-checked. Each URL is decided once,
and each one kept out is counted once under its reason, for the end summary.

robots.txt is read when a host is first met; its Crawl-delay (or Request-rate) becomes that host's
gate: one request at a time, that many seconds apart.
"""
from __future__ import annotations

from collections import Counter

from .politeness import HostGate, Settings
from .robots import HostRules, Robots
from .urls import Scope, TrapGuard, host_of, origin

CRAWL, CHECK, SKIP = "crawl", "check", "skip"

# why a URL was kept out of the crawl, as the summary says it
REASONS = {
    "robots": "kept out by robots.txt",
    "pattern": "excluded by --include/--exclude",
    "depth": "past --max-depth",
    "limit": "past --max-pages",
    "trap": "bounded as crawl traps",
}


class Admission:
    def __init__(self, scope: Scope, robots: Robots, traps: TrapGuard, gate: HostGate, settings: Settings,
                 link_check: bool):
        self.scope = scope
        self.robots = robots
        self.traps = traps
        self.gate = gate
        self.settings = settings
        self.link_check = link_check  # ask the LinkChecker about what is not crawled
        self.skipped: Counter[str] = Counter()  # reason (a REASONS key) -> URLs
        self.notes: list[str] = []  # what the summary should mention once (a capped Crawl-delay, ...)
        self._decided: dict[str, str] = {}  # URL -> CHECK or SKIP (crawled URLs are the frontier's)
        self._hosts: set[str] = set()  # origins whose robots.txt has been applied

    def decide(self, url: str, kind: str | None, depth: int, admitted: int) -> str:
        """CRAWL, CHECK or SKIP for a normalised URL not in the frontier; `admitted`: URLs queued so far."""
        if url in self._decided:
            return self._decided[url]
        reason = None
        if self.link_checkable(url, kind):
            decision = CHECK
        elif not self.scope.is_internal(url):
            decision = SKIP
        elif self.scope.excluded_by(url):
            decision, reason = SKIP, "pattern"
        elif not self.rules(origin(url)).allows(url, self.settings.user_agent):
            decision, reason = SKIP, "robots"
        elif depth > self.settings.max_depth:
            decision, reason = SKIP, "depth"
        elif admitted >= self.settings.max_pages:
            decision, reason = SKIP, "limit"
        elif self.traps.admit(url):
            decision, reason = SKIP, "trap"
        else:
            return CRAWL
        if reason:
            self.skipped[reason] += 1
        self._decided[url] = decision
        return decision

    def link_checkable(self, url: str, kind: str | None) -> bool:
        """Asked by the LinkChecker, never crawled: external links, internal links to kinds of file no
        check reads, and anything on an internal host that cannot be reached at all."""
        if not self.link_check:
            return False
        if not self.scope.is_internal(url):
            return True
        if self.scope.excluded_by(url):
            return False
        rules = self.rules(origin(url))
        if rules.unreachable:
            return True
        return kind is None and rules.allows(url, self.settings.user_agent)

    def rules(self, org: str) -> HostRules:
        """The robots.txt rules of `scheme://host[:port]`, applied to the host's gate the first time."""
        rules = self.robots.rules(org)
        if org not in self._hosts:
            self._hosts.add(org)
            delay = rules.crawl_delay(self.settings.user_agent)
            if delay:
                if delay > self.settings.max_crawl_delay:
                    self.notes.append(f"{org}/robots.txt asks for a Crawl-delay of {delay:g} s; "
                                      f"using {self.settings.max_crawl_delay:g} s (crawl.max_crawl_delay)")
                    delay = self.settings.max_crawl_delay
                self.gate.configure(host_of(org + "/"), 1, max(delay, self.settings.delay))
            if rules.closed and not rules.unreachable:
                self.notes.append(rules.reason)
        return rules
