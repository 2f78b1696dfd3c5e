"""Starting the real service (`webaudit serve`, uvicorn) on a free loopback port, for the service tests."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

TOKEN = "test-token-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return json.dumps(v)  # strings and lists of strings read the same in TOML


class Server:
    """`webaudit serve` in a subprocess with a [serve] table; its log goes to a file."""

    def __init__(self, folder: Path, serve: dict | None = None, env: dict | None = None, workers: int = 2):
        folder.mkdir(parents=True, exist_ok=True)
        self.config = folder / "webaudit.toml"
        lines = ["[serve]"] + [f"{k} = {toml_value(v)}" for k, v in (serve or {}).items()]
        self.config.write_text("\n".join(lines) + "\n")
        self.log = folder / "serve.log"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environ = {k: v for k, v in os.environ.items() if k != "WEBAUDIT_TOKEN"}
        environ.update(env or {})
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "webaudit", "serve", "--config", str(self.config), "--port", str(self.port),
                 "--workers", str(workers)], stdout=log, stderr=subprocess.STDOUT, env=environ, cwd=folder)
        self._wait_until_up()

    def _wait_until_up(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"webaudit serve exited with {self.proc.returncode}:\n{self.log_text()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"webaudit serve did not come up:\n{self.log_text()}")

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def page(images_without_alt: int = 0, title: str = "Staff directory", extra: str = "") -> str:
    imgs = "".join(f'<img src="/img/staff-{i}.jpg">\n' for i in range(images_without_alt))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>\n'
            f'<body><main><h1>{title}</h1>\n<p>Our teachers and staff.</p>\n{imgs}{extra}</main></body></html>\n')


GOOD_PAGE = page(0, extra='<img src="/img/logo.png" alt="Lincoln Elementary">\n')
