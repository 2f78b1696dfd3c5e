"""The HTTP service, end to end: the real `webaudit serve` on a free 127.0.0.1 port, called over HTTP."""
from __future__ import annotations

import asyncio
import io
import json
import random
import socket
import subprocess
import sys
import time

import httpx
import jsonschema
import pytest

from servicekit import GOOD_PAGE, TOKEN, Server, page
from webaudit import __version__
from webaudit.config import ConfigError, from_mapping
from webaudit.registry import all_checks
from webaudit.report.json import FIELDS
from webaudit.service import Settings

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

PAGE_URL = "https://school.example.org/staff/"
HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("default"))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """A token, a 1 MB body limit, a 1 s time bound, and room for only two requests at once."""
    s = Server(tmp_path_factory.mktemp("limited"), {"max_bytes": 1_000_000, "timeout": 1.0, "max_pending": 2},
               env={"WEBAUDIT_TOKEN": TOKEN}, workers=1)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def hurried(tmp_path_factory):
    """A 0.3 s time bound: long enough for a small page, far too short for a 3 MB one."""
    s = Server(tmp_path_factory.mktemp("hurried"), {"timeout": 0.3}, workers=1)
    yield s
    s.stop()


def post(server, body, headers=HTML, params=None, **kw):
    return httpx.post(server.url + "/v1/check", content=body, headers=headers, params=params, timeout=20, **kw)


def assert_error(r, status, code):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["error"] == code, body
    assert body["message"], body


# -- documents in, the findings schema out -----------------------------------------------------------
def test_good_page_passes(server):
    r = post(server, GOOD_PAGE, params={"url": PAGE_URL})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert list(doc) == ["webaudit", "findings", "summary"]
    assert doc["webaudit"] == __version__
    assert doc["summary"]["errors"] == 0, doc["findings"]
    assert doc["summary"]["targets"] == 1
    assert r.headers["webaudit-verdict"] == "pass"
    timing = dict(part.strip().split(";dur=") for part in r.headers["server-timing"].split(","))
    assert set(timing) == {"total", "queue", "check"}
    assert float(timing["total"]) >= float(timing["check"]) > 0


def test_bad_page_gives_each_finding_in_the_schema(server):
    r = post(server, page(images_without_alt=3), params={"url": PAGE_URL})
    assert r.status_code == 200, r.text
    doc = r.json()
    img = [f for f in doc["findings"] if f["rule"] == "img-alt"]
    assert [f["snippet"] for f in img] == [f'<img src="/img/staff-{i}.jpg">' for i in range(3)]
    assert all(tuple(f) == FIELDS for f in doc["findings"])
    assert all(f["url"] == PAGE_URL and f["line"] and f["severity"] == "error" for f in img)
    assert doc["summary"]["by_rule"]["img-alt"] == 3
    assert r.headers["webaudit-verdict"] == "fail"


def test_the_answer_is_the_cli_json_document(server):
    body = page(images_without_alt=2)
    r = post(server, body, params={"url": PAGE_URL})
    cli = subprocess.run([sys.executable, "-m", "webaudit", "check", "--format", "json", "--base-url", PAGE_URL,
                          "--config", str(server.config), "-"], input=body.encode(), capture_output=True, timeout=30)
    assert cli.returncode == 1, cli.stderr
    assert r.json() == json.loads(cli.stdout)


def test_json_body_gives_the_same_findings_as_html(server):
    as_html = post(server, page(images_without_alt=2), params={"url": PAGE_URL}).json()
    as_json = post(server, json.dumps({"html": page(images_without_alt=2), "url": PAGE_URL}),
                   headers={"Content-Type": "application/json"}).json()
    assert as_json == as_html


def test_charset_of_an_html_body_is_honoured(server):
    latin1 = page(title="Caf\u00e9 menu").replace('charset="utf-8"', 'charset="iso-8859-1"').encode("latin-1")
    r = post(server, latin1 + b'<img src="caf\xe9.png">', headers={"Content-Type": "text/html"})
    assert r.status_code == 200, r.text
    assert any("caf\u00e9.png" in f["snippet"] for f in r.json()["findings"])


def make_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_body(server):
    r = post(server, make_pdf(), headers={"Content-Type": "application/pdf"},
             params={"url": "https://school.example.org/handbook.pdf"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["summary"]["targets"] == 1
    assert all(f["url"] == "https://school.example.org/handbook.pdf" for f in doc["findings"])
    assert not any(f["rule"] == "unreadable" for f in doc["findings"])


@pytest.mark.parametrize("ctype,body,code", [
    ("text/html", make_pdf, "wrong-content"),  # a PDF declared as HTML
    ("application/pdf", GOOD_PAGE, "wrong-content"),  # HTML declared as a PDF
    ("text/html", bytes(range(256)) * 16, "wrong-content"),  # binary junk
    ("text/html", b"", "empty-body"),
    ("text/html", b"  \n ", "empty-body"),
])
def test_body_that_is_not_the_declared_document(server, ctype, body, code):
    assert_error(post(server, body() if callable(body) else body, headers={"Content-Type": ctype}), 400, code)


@pytest.mark.parametrize("ctype", [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                   "image/png", "application/octet-stream", "text/html-ish"])
def test_wrong_content_types(server, ctype):
    headers = {"Content-Type": ctype} if ctype else {}
    r = httpx.post(server.url + "/v1/check", content=GOOD_PAGE.encode(), headers=headers, timeout=20)
    assert_error(r, 415, "unsupported-media-type")


@pytest.mark.parametrize("body,code", [
    ('{"html": "<p>unterminated', "bad-json"),
    ("[1, 2]", "bad-json"),
    ('"just a string"', "bad-json"),
    ('{"html": "<p>x</p>", "select": "img-alt"}', "bad-json"),  # options go in the query string
    ('{"html": 42}', "bad-json"),
    ("{}", "bad-json"),
    ('{"html": "<p>x</p>", "url": "/relative/path"}', "bad-url"),
    ('{"html": "<p>x</p>", "url": "javascript:alert(1)"}', "bad-url"),
    ('{"html": "<p>x</p>", "url": 7}', "bad-url"),
    ('{"html": ""}', "empty-body"),
    ("[" * 100_000 + "]" * 100_000, "bad-json"),  # deeper than the JSON parser recurses
    (b'{"html": "\xff\xfe"}', "bad-json"),  # not UTF-8
])
def test_malformed_json_is_a_clear_400(server, body, code):
    assert_error(post(server, body, headers={"Content-Type": "application/json"}), 400, code)


def test_lone_surrogate_in_json_html_is_checked_not_crashed(server):
    r = post(server, '{"html": "<title>x\\ud800</title><img src=a.png>"}', headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    assert any(f["rule"] == "img-alt" for f in r.json()["findings"])


@pytest.mark.parametrize("params,code", [
    ({"selcet": "img-alt"}, "bad-parameter"),  # a typo is an error, not silently ignored
    ({"select": "no-such-rule"}, "bad-parameter"),
    ({"ignore": "nope"}, "bad-parameter"),
    ({"fail_on": "sometimes"}, "bad-parameter"),
    ({"standard": "wcag99"}, "bad-parameter"),
    ({"url": "ftp://school.example.org/x"}, "bad-url"),
    ({"url": "https://school.example.org:99999/"}, "bad-url"),
])
def test_bad_query_parameters(server, params, code):
    assert_error(post(server, GOOD_PAGE, params=params), 400, code)


def test_select_ignore_and_fail_on(server):
    body = page(images_without_alt=1, title="")  # an img-alt error, and an empty <title>/<h1>
    every = {f["rule"] for f in post(server, body).json()["findings"]}
    assert "img-alt" in every and len(every) > 1
    only = post(server, body, params={"select": "img-alt"}).json()
    assert {f["rule"] for f in only["findings"]} == {"img-alt"}
    ignored = post(server, body, params={"ignore": "img"}).json()
    assert "img-alt" not in {f["rule"] for f in ignored["findings"]}
    good = post(server, GOOD_PAGE + "<!-- -->", params={"select": "img-alt", "fail_on": "notice"})
    assert good.headers["webaudit-verdict"] == "pass"
    assert post(server, body, params={"select": "img-alt", "fail_on": "error"}).headers["webaudit-verdict"] == "fail"


def test_query_url_with_a_json_body_is_refused(server):
    r = post(server, json.dumps({"html": GOOD_PAGE}), headers={"Content-Type": "application/json"},
             params={"url": PAGE_URL})
    assert_error(r, 400, "bad-parameter")


def test_fetching_is_off_unless_configured(server):
    r = post(server, json.dumps({"url": server.url + "/healthz"}), headers={"Content-Type": "application/json"})
    assert_error(r, 403, "fetch-disabled")


# -- size and time limits ------------------------------------------------------------------------------
def raw_request(port: int, head: str, body: bytes = b"", wait: float = 10) -> bytes:
    """Send a hand-made request and read the whole answer (the server closes or answers in full)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(head.encode() + b"\r\n\r\n" + body)
        out = b""
        while b"\r\n\r\n" not in out or len(out.split(b"\r\n\r\n", 1)[1]) < _length(out):
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
        return out


def _length(answer: bytes) -> int:
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 1 << 30


def test_huge_body_is_refused_with_413(server):
    r = post(server, b"<p>" + b"x" * (10 * 2**20), params={"url": PAGE_URL})
    assert_error(r, 413, "too-large")


def test_declared_huge_body_is_refused_without_reading_it(server):
    answer = raw_request(server.port, "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\n"
                                      "Content-Length: 1000000000000")
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b'"too-large"' in answer


def test_limit_comes_from_config(limited):
    auth = {**HTML, "Authorization": f"Bearer {TOKEN}"}
    assert post(limited, b"<p>" + b"x" * 900_000, headers=auth).status_code == 200
    assert_error(post(limited, b"<p>" + b"x" * 1_100_000, headers=auth), 413, "too-large")


def test_slow_body_times_out_and_a_full_service_says_busy(limited):
    head = (f"POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n"
            "Content-Type: text/html\r\nContent-Length: 1000\r\n\r\n<p>only a start")
    slow = [socket.create_connection(("127.0.0.1", limited.port), timeout=10) for _ in range(2)]
    try:
        for s in slow:  # two requests that never finish sending fill the two places
            s.sendall(head.encode())
        time.sleep(0.2)
        busy = post(limited, GOOD_PAGE, headers={**HTML, "Authorization": f"Bearer {TOKEN}"})
        assert_error(busy, 503, "busy")
        assert busy.headers["retry-after"] == "1"
        for s in slow:  # the time bound (1 s) ends them with a 408
            answer = s.recv(65536)
            assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    finally:
        for s in slow:
            s.close()
    ok = post(limited, GOOD_PAGE, headers={**HTML, "Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200, ok.text


def test_overrunning_check_is_stopped_and_its_worker_replaced(hurried):
    big = page(extra='<p>Our <a href="/news/x.html">school news</a> and <b>more</b> text.</p>\n' * 40_000)
    started = time.monotonic()
    assert_error(post(hurried, big), 504, "timeout")
    assert time.monotonic() - started < 3  # answered at the bound, not when the check would have ended
    deadline = time.monotonic() + 10
    while httpx.get(hurried.url + "/healthz").json()["workers"] < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert httpx.get(hurried.url + "/healthz").json()["workers"] == 1
    for n in range(4):  # the replacement answers, each time with its own page's findings
        r = post(hurried, page(images_without_alt=n), params={"select": "img-alt"})
        assert r.status_code == 200, r.text
        assert r.json()["summary"]["errors"] == n


# -- bearer token ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("authorization", [None, "", "Bearer", f"Basic {TOKEN}", "Bearer wrong-token-0123456789",
                                           f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", "Bearer \u00e9\u00e9"])
def test_bad_tokens_are_refused(limited, authorization):
    headers = {"Content-Type": "text/html"}
    if authorization is not None:
        headers["Authorization"] = authorization
    headers = {k: v.encode() for k, v in headers.items()}
    r = post(limited, GOOD_PAGE.encode(), headers=headers)
    assert_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert httpx.get(limited.url + "/v1/rules", headers=headers).status_code == 401


def test_right_token_is_accepted_and_never_logged(limited):
    r = post(limited, GOOD_PAGE, headers={**HTML, "Authorization": f"bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert httpx.get(limited.url + "/v1/rules", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert httpx.get(limited.url + "/healthz").status_code == 200  # health and the document stay open
    assert httpx.get(limited.url + "/openapi.json").status_code == 200
    log = limited.log_text()
    assert "POST /v1/check" in log  # the access log is on, and still holds no token
    assert TOKEN not in log and TOKEN[:12] not in log


def test_settings_need_a_token_beyond_loopback():
    cfg = from_mapping({"serve": {"host": "0.0.0.0"}})
    with pytest.raises(ConfigError, match="needs a bearer token"):
        Settings.from_config(cfg, environ={})
    with pytest.raises(ConfigError, match="at least 16"):
        Settings.from_config(cfg, environ={"WEBAUDIT_TOKEN": "short"})
    s = Settings.from_config(cfg, environ={"WEBAUDIT_TOKEN": TOKEN})
    assert s.token == TOKEN and TOKEN not in repr(s)
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert Settings.from_config(cfg, environ={}, host=host).token == ""
    for host in ("10.1.2.3", "school.example.org", "::"):
        with pytest.raises(ConfigError):
            Settings.from_config(cfg, environ={}, host=host)


def test_settings_env_token_wins_and_types_are_checked():
    cfg = from_mapping({"serve": {"token": "from-config-0123456789"}})
    assert Settings.from_config(cfg, environ={"WEBAUDIT_TOKEN": TOKEN}).token == TOKEN
    assert Settings.from_config(cfg, environ={}).token == "from-config-0123456789"
    for table, message in [({"port": "80"}, "port must be int"), ({"timeout": 0}, "timeout must be positive"),
                           ({"fetch": "yes"}, "fetch must be bool"),
                           ({"allow_networks": ["10.0.0.0/33"]}, "allow_networks"),
                           ({"max_bytes": -1}, "max_bytes must be positive"), ({"bogus": 1}, "unknown key")]:
        with pytest.raises(ConfigError, match=message):
            Settings.from_config(from_mapping({"serve": table}), environ={})


def test_serve_refuses_a_public_bind_without_a_token(tmp_path):
    env = {k: v for k, v in __import__("os").environ.items() if k != "WEBAUDIT_TOKEN"}
    r = subprocess.run([sys.executable, "-m", "webaudit", "serve", "--host", "0.0.0.0", "--port", "1"],
                       capture_output=True, text=True, timeout=30, env=env, cwd=tmp_path)
    assert r.returncode == 2
    assert "needs a bearer token" in r.stderr


# -- the other routes ------------------------------------------------------------------------------------
def test_rules_lists_every_registered_check(server):
    r = httpx.get(server.url + "/v1/rules")
    assert r.status_code == 200
    rules = r.json()["rules"]
    assert [x["id"] for x in rules] == list(all_checks())
    assert {"id", "title", "wcag", "level", "policy", "applies_to", "severity", "version"} <= set(rules[0])


def test_health(server):
    r = httpx.get(server.url + "/healthz")
    assert r.json() == {"status": "ok", "webaudit": __version__, "workers": 2}


@pytest.mark.parametrize("method,path,status,code", [
    ("GET", "/nope", 404, "not-found"), ("GET", "/v1/check", 405, "method-not-allowed"),
    ("DELETE", "/v1/rules", 405, "method-not-allowed")])
def test_unknown_routes_answer_json(server, method, path, status, code):
    assert_error(httpx.request(method, server.url + path), status, code)


def _validator(doc: dict, schema: str):
    return jsonschema.Draft202012Validator({"$ref": f"#/components/schemas/{schema}", "components": doc["components"]})


def test_openapi_document_describes_the_service(server):
    doc = httpx.get(server.url + "/openapi.json").json()
    assert doc["openapi"] == "3.1.0" and doc["info"]["version"] == __version__
    assert set(doc["paths"]) == {"/v1/check", "/v1/rules", "/healthz", "/openapi.json"}
    assert tuple(doc["components"]["schemas"]["Finding"]["properties"]) == FIELDS
    for name, schema in doc["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)
    checked = post(server, page(images_without_alt=2), params={"url": PAGE_URL}).json()
    _validator(doc, "CheckResult").validate(checked)
    _validator(doc, "Rules").validate(httpx.get(server.url + "/v1/rules").json())
    _validator(doc, "Health").validate(httpx.get(server.url + "/healthz").json())
    _validator(doc, "Error").validate(post(server, b"", headers=HTML).json())
    with pytest.raises(jsonschema.ValidationError):  # the schema does reject a wrong document
        _validator(doc, "CheckResult").validate({**checked, "findings": [{"rule": "img-alt"}]})


# -- concurrency and robustness --------------------------------------------------------------------------
def test_concurrent_requests_each_get_their_own_answer(server):
    async def one(client, n):
        r = await client.post("/v1/check", content=page(images_without_alt=n), headers=HTML,
                              params={"url": f"https://school.example.org/p{n}/", "select": "img-alt"})
        return n, r

    async def main():
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
            return await asyncio.gather(*(one(client, n) for n in range(24)))

    for n, r in asyncio.run(main()):
        assert r.status_code == 200, r.text
        doc = r.json()
        assert doc["summary"]["errors"] == n
        assert {f["url"] for f in doc["findings"]} <= {f"https://school.example.org/p{n}/"}


HOSTILE = [
    ("text/html", b"<div>" * 200_000 + b"deep"),
    ("text/html", b"<html>\x00\x00<body>\x00<img src=\x00></body>"),
    ("text/html", b"<p>\xff\xfe\xfd invalid utf-8 \xc3\x28</p>"),
    ("text/html; charset=no-such-charset", b"<p>hello</p><img src=a.png>"),
    ("text/html; charset=utf-16", b"<p>odd length\x00"),
    ("text/html", b"\xef\xbb\xbf<?xml version='1.0' encoding='ebcdic'?><html></html>"),
    ("text/html", b"<img " + b"a" * 500_000 + b"=1>"),
    ("text/html", b"<!--" + b"webaudit-ignore-page img-alt " * 10_000),
    ("application/pdf", b"%PDF-1.7\n" + b"garbage " * 1000),
    ("application/pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>"),
    ("application/xhtml+xml", b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>&undefined;</html>"),
]


@pytest.mark.parametrize("ctype,body", HOSTILE, ids=range(len(HOSTILE)))
def test_nothing_a_caller_sends_crashes_the_service(server, ctype, body):
    r = post(server, body, headers={"Content-Type": ctype}, params={"url": PAGE_URL})
    assert r.status_code in (200, 400), r.text
    assert "error" in r.json() or "findings" in r.json()
    assert httpx.get(server.url + "/healthz").json()["workers"] == 2
    assert post(server, GOOD_PAGE).status_code == 200


def test_random_bodies_never_get_a_500(server):
    rnd = random.Random(9)
    for i in range(20):
        body = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 3000)))
        ctype = rnd.choice(["text/html", "application/json", "application/pdf", "application/xhtml+xml"])
        r = post(server, (b"<p>" if i % 2 else b"") + body, headers={"Content-Type": ctype})
        assert r.status_code in (200, 400), (ctype, r.text)
    assert httpx.get(server.url + "/healthz").json()["workers"] == 2
