"""The HTTP service: a Starlette app, served by uvicorn.

    POST /v1/check     a document in, the JSON findings document out
    GET  /v1/rules     every registered check
    GET  /healthz      up, and how many checker processes run
    GET  /openapi.json the OpenAPI 3.1 document

/v1 needs `Authorization: Bearer <token>` when a token is configured. Checking runs in a pool of
processes (one per core), so the event loop only parses requests and forwards answers.
"""
from __future__ import annotations

import asyncio
import contextlib
import copy
import hashlib
import hmac
import logging
import time

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..config import Config
from ..registry import all_checks
from . import inputs, job, openapi
from .fetch import Fetched, Fetcher, FetchFailed, Refused
from .inputs import DEFAULT_URL, JSON_TYPE, PDF_TYPE, ApiError
from .pool import JobFailed, Pool, WorkerLost
from .settings import Settings

log = logging.getLogger("webaudit.service")
DRAIN_SECONDS = 5.0  # at most this long reading an unwanted body, so the client gets our error answer
JSON_HTML = "text/html; charset=utf-8"


class Service:
    """What the handlers share: settings, the checker pool, the fetcher (if fetching is on)."""

    def __init__(self, settings: Settings, pool: Pool, fetcher: Fetcher | None):
        self.settings, self.pool, self.fetcher = settings, pool, fetcher
        self.pending = 0  # requests in /v1/check right now
        self._token = _digest(settings.token) if settings.token else None

    def authorize(self, request: Request) -> None:
        """Nothing, or a 401. The token is compared by digest in constant time and never logged."""
        if self._token is None:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise ApiError(401, "unauthorized", "this service needs an Authorization: Bearer <token> header",
                           {"WWW-Authenticate": 'Bearer realm="webaudit"'})
        if not hmac.compare_digest(_digest(given.strip()), self._token):
            raise ApiError(401, "unauthorized", "the bearer token is not valid",
                           {"WWW-Authenticate": 'Bearer realm="webaudit", error="invalid_token"'})


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).digest()


def _service(request: Request) -> Service:
    return request.app.state.service


# -- handlers ---------------------------------------------------------------------------------------
async def check(request: Request) -> Response:
    svc = _service(request)
    limits = svc.settings
    body = inputs.Body(request)
    started = time.perf_counter()
    counted = False
    try:
        svc.authorize(request)
        if svc.pending >= limits.max_pending:
            raise ApiError(503, "busy", "the service is busy; retry shortly", {"Retry-After": "1"})
        svc.pending += 1
        counted = True
        async with asyncio.timeout(limits.timeout):
            work = await _job(request, body, svc)
            asked = time.perf_counter()
            async with svc.pool.worker() as checker:
                queued = time.perf_counter() - asked
                outcome: job.Outcome = await checker.call(work)
    except TimeoutError:
        if not body.finished:
            raise ApiError(408, "timeout", f"the body did not arrive within {limits.timeout:g} s") from None
        raise ApiError(504, "timeout", f"checking took longer than {limits.timeout:g} s") from None
    except ApiError:
        await body.discard(2 * limits.max_bytes, DRAIN_SECONDS)
        raise
    except WorkerLost:
        raise ApiError(500, "checker-crashed",
                       "the checker process died on this document; it has been replaced") from None
    except JobFailed as e:
        raise ApiError(500, "check-failed", f"checking failed: {e}") from None
    finally:
        if counted:
            svc.pending -= 1
    if outcome.error:
        raise ApiError(400, "unreadable", f"the document cannot be checked: {outcome.error}")
    done = time.perf_counter()
    timing = (f"total;dur={(done - started) * 1e3:.2f}, queue;dur={queued * 1e3:.2f}, "
              f"check;dur={outcome.seconds * 1e3:.2f}")
    return Response(outcome.document, media_type="application/json",
                    headers={"Webaudit-Verdict": "fail" if outcome.failing else "pass", "Server-Timing": timing})


async def _job(request: Request, body: inputs.Body, svc: Service) -> job.Job:
    params = inputs.params(request)
    ctype = inputs.media_type(request)
    data = await body.read(svc.settings.max_bytes)
    if not data.strip():
        raise ApiError(400, "empty-body", 'the body is empty: send the page\'s HTML, a PDF, or JSON {"html": ...}')
    options = {"select": params.select, "ignore": params.ignore, "standard": params.standard,
               "fail_on": params.fail_on}
    if ctype != JSON_TYPE:
        url, header = params.url or DEFAULT_URL, request.headers["content-type"]
        inputs.expect_kind(data, header, url, ("pdf",) if ctype == PDF_TYPE else ("html",))
        return job.Job(data, url, header, **options)
    if params.url:
        raise ApiError(400, "bad-parameter", "with a JSON body, give url in the body, not the query string")
    doc = inputs.json_document(data)
    if "html" in doc:
        html, url = doc["html"].encode("utf-8", "replace"), doc.get("url") or DEFAULT_URL
        if not html.strip():
            raise ApiError(400, "empty-body", '"html" is empty')
        inputs.expect_kind(html, JSON_HTML, url, ("html",))
        return job.Job(html, url, JSON_HTML, **options)
    got = await _fetch(svc, doc["url"])
    inputs.expect_kind(got.body, got.content_type, got.url, ("html", "pdf"))
    return job.Job(got.body, got.url, got.content_type, **options)


async def _fetch(svc: Service, url: str) -> Fetched:
    if svc.fetcher is None:
        raise ApiError(403, "fetch-disabled", 'this service does not fetch URLs; send the page itself as {"html": ...}')
    try:
        return await svc.fetcher.fetch(url)
    except Refused as e:
        raise ApiError(403, "url-refused", f"refused to fetch {url}: {e}") from None
    except FetchFailed as e:
        raise ApiError(502, "fetch-failed", str(e)) from None


async def rules(request: Request) -> Response:
    _service(request).authorize(request)
    return JSONResponse({"webaudit": __version__, "rules": [c.to_dict() for c in all_checks().values()]})


async def health(request: Request) -> Response:
    workers = _service(request).pool.alive
    return JSONResponse({"status": "ok" if workers else "unavailable", "webaudit": __version__, "workers": workers},
                        200 if workers else 503)


async def openapi_json(request: Request) -> Response:
    return JSONResponse(openapi.document(__version__))


# -- errors: always a JSON body ---------------------------------------------------------------------
async def _api_error(request: Request, exc: ApiError) -> Response:
    return JSONResponse(exc.to_dict(), exc.status, headers=exc.headers)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
    return JSONResponse({"error": code, "message": str(exc.detail)}, exc.status_code, headers=exc.headers)


async def _internal_error(request: Request, exc: Exception) -> Response:
    return JSONResponse({"error": "internal", "message": "internal error; the service's log has the details"}, 500)


# -- the app and the server -------------------------------------------------------------------------
ROUTES = [
    Route("/v1/check", check, methods=["POST"]),
    Route("/v1/rules", rules, methods=["GET"]),
    Route("/healthz", health, methods=["GET"]),
    Route("/openapi.json", openapi_json, methods=["GET"]),
]


def create_app(settings: Settings, config: Config) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        # the fork server imports the engine and every check once; each worker starts from that
        preload = [job.__name__, *sorted({c.module for c in all_checks().values()})]
        pool = Pool(settings.workers, job.run, job.init, (config,), preload=preload)
        await pool.start()
        fetcher = None
        if settings.fetch:
            fetcher = Fetcher(settings.max_bytes, settings.fetch_domains, settings.allow_networks)
        app.state.service = Service(settings, pool, fetcher)
        log.info("webaudit %s: %d checker processes; bearer token %s; URL fetching %s", __version__,
                 settings.workers, "required" if settings.token else "not required", _fetching(settings))
        try:
            yield
        finally:
            await pool.close()
            if fetcher is not None:
                await fetcher.close()

    return Starlette(routes=ROUTES, lifespan=lifespan, exception_handlers={
        ApiError: _api_error, HTTPException: _http_error, Exception: _internal_error})


def _fetching(settings: Settings) -> str:
    if not settings.fetch:
        return "off"
    where = f"domains {', '.join(settings.fetch_domains)}" if settings.fetch_domains else "public hosts"
    extra = f", and networks {', '.join(map(str, settings.allow_networks))}" if settings.allow_networks else ""
    return f"on ({where}{extra})"


def serve(settings: Settings, config: Config) -> None:
    """Run the service until interrupted (uvicorn, one event loop, a pool of checker processes)."""
    import uvicorn

    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["loggers"]["webaudit"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    uvicorn.run(create_app(settings, config), host=settings.host, port=settings.port, log_config=log_config,
                access_log=settings.access_log, server_header=False, proxy_headers=False,
                limit_concurrency=settings.max_connections, timeout_keep_alive=5, lifespan="on")
