"""The service's OpenAPI 3.1 document, written by hand as data (served at GET /openapi.json).

The Finding schema lists exactly report/json.py's FIELDS; a test holds the two together.
"""
from __future__ import annotations

from ..report.json import FIELDS
from ..wcag import STANDARDS
from .inputs import DEFAULT_URL, MAX_URL

_STR = {"type": "string"}
_INT = {"type": "integer", "minimum": 0}

FINDING_PROPERTIES = {
    "rule": {**_STR, "description": "Rule id, e.g. img-alt (GET /v1/rules lists them)."},
    "wcag": {"type": "array", "items": _STR, "description": "WCAG success criteria, e.g. [\"1.1.1\"]."},
    "level": {"type": "string", "enum": ["A", "AA", ""], "description": "\"\" for district-policy items."},
    "severity": {"type": "string", "enum": ["error", "warning", "notice"],
                 "description": "error: a definite failure; warning: a person must confirm; notice."},
    "url": {**_STR, "description": "The document's address (the url given, or about:blank)."},
    "line": {"type": ["integer", "null"]},
    "column": {"type": ["integer", "null"]},
    "selector": {**_STR, "description": "A CSS path to paste into the browser's devtools."},
    "snippet": {**_STR, "description": "The element's start tag, truncated."},
    "message": {**_STR, "description": "What is wrong, with which element."},
    "help": {**_STR, "description": "How to fix it."},
}


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _query(name: str, description: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema or _STR}


SCHEMAS = {
    "Finding": {"type": "object", "required": list(FIELDS), "additionalProperties": False,
                "properties": FINDING_PROPERTIES},
    "Summary": {"type": "object", "required": ["targets", "errors", "warnings", "notices", "by_rule"],
                "properties": {"targets": _INT, "errors": _INT, "warnings": _INT, "notices": _INT,
                               "by_rule": {"type": "object", "additionalProperties": _INT}}},
    "CheckResult": {
        "type": "object", "required": ["webaudit", "findings", "summary"], "additionalProperties": False,
        "description": "The same document as `webaudit check --format json`.",
        "properties": {"webaudit": {**_STR, "description": "webaudit's version."},
                       "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                       "summary": {"$ref": "#/components/schemas/Summary"}}},
    "CheckRequest": {
        "type": "object", "additionalProperties": False,
        "properties": {"html": {**_STR, "description": "The page's HTML."},
                       "url": {**_STR, "format": "uri", "maxLength": MAX_URL,
                               "description": "Where the page will be published. Without html: the page "
                                              "to fetch and check (only if the service is configured to)."}},
        "anyOf": [{"required": ["html"]}, {"required": ["url"]}]},
    "Rule": {"type": "object",
             "required": ["id", "title", "wcag", "level", "policy", "applies_to", "severity", "version"],
             "properties": {"id": _STR, "title": _STR, "wcag": {"type": "array", "items": _STR}, "level": _STR,
                            "policy": {"type": ["string", "null"]},
                            "applies_to": {"type": "array", "items": _STR},
                            "severity": {"type": "string", "enum": ["error", "warning", "notice"]},
                            "version": _STR}},
    "Rules": {"type": "object", "required": ["webaudit", "rules"],
              "properties": {"webaudit": _STR,
                             "rules": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}},
    "Health": {"type": "object", "required": ["status", "webaudit", "workers"],
               "properties": {"status": {"type": "string", "enum": ["ok", "unavailable"]}, "webaudit": _STR,
                              "workers": _INT}},
    "Error": {"type": "object", "required": ["error", "message"],
              "properties": {"error": {**_STR, "description": "A short code, e.g. too-large, bad-json."},
                             "message": {**_STR, "description": "What went wrong, for a person."}}},
}

CHECK = {
    "summary": "Check one document before it is published",
    "description": (
        "Send the page's HTML (text/html), a PDF (application/pdf), or JSON {\"html\", \"url\"}. "
        "The answer is the JSON findings document; the Webaudit-Verdict header says `fail` when a finding "
        "is at or above fail_on. Server-Timing gives the time spent in milliseconds: total (from the "
        "request's arrival), queue (waiting for a free checker process) and check (parsing and checking)."),
    "operationId": "check",
    "parameters": [
        _query("url", f"Where the page will be published (for relative links); default {DEFAULT_URL}. "
                      "For JSON bodies, give it in the body.", {**_STR, "format": "uri", "maxLength": MAX_URL}),
        _query("select", "Only these rule ids (prefix match, comma-separated)."),
        _query("ignore", "Skip these rule ids (prefix match, comma-separated), besides the configured ones."),
        _query("fail_on", "Lowest severity that makes the verdict `fail` (default: the configured fail_on).",
               {"type": "string", "enum": ["error", "warning", "notice"]}),
        _query("standard", "WCAG version and level (default: the configured one).",
               {"type": "string", "enum": sorted(STANDARDS)}),
    ],
    "requestBody": {"required": True, "content": {
        "text/html": {"schema": _STR},
        "application/xhtml+xml": {"schema": _STR},
        "application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}},
        "application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}},
    }},
    "responses": {
        "200": {"description": "The document was checked.",
                "headers": {"Webaudit-Verdict": {"schema": {"type": "string", "enum": ["pass", "fail"]}},
                            "Server-Timing": {"schema": _STR}},
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckResult"}}}},
        "400": _error("Malformed request: bad JSON, bad parameter, empty body, or a body that is not the "
                      "declared kind of document."),
        "401": _error("Missing or wrong bearer token."),
        "403": _error("URL fetching is off, or the URL is refused (a private, loopback or link-local address)."),
        "408": _error("The body did not arrive within the time limit."),
        "413": _error("The body is over the size limit."),
        "415": _error("Content-Type is not text/html, application/xhtml+xml, application/pdf or application/json."),
        "502": _error("The URL to check could not be fetched (no such host, an HTTP error, over the size limit)."),
        "503": _error("The service is busy; retry after the Retry-After seconds."),
        "504": _error("Checking took longer than the time limit."),
    },
    "security": [{"bearer": []}],
}

def _json(description: str, schema: str | None = None) -> dict:
    ref = {"$ref": f"#/components/schemas/{schema}"} if schema else {"type": "object"}
    return {"description": description, "content": {"application/json": {"schema": ref}}}


RULES = {"summary": "Every registered check (select= can pick any of them)", "operationId": "rules",
         "security": [{"bearer": []}],
         "responses": {"200": _json("The checks.", "Rules"), "401": _error("Missing or wrong bearer token.")}}
HEALTH = {"summary": "Is the service up", "operationId": "health", "security": [],
          "responses": {"200": _json("Up, with its checker processes.", "Health"),
                        "503": _json("No checker process is running.", "Health")}}
OPENAPI = {"summary": "This document", "operationId": "openapi", "security": [],
           "responses": {"200": _json("OpenAPI 3.1")}}

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {"title": "webaudit", "version": "",  # filled with webaudit's version when served
             "description": "Accessibility (WCAG 2.x AA) and district web-policy checks before a page is "
                            "published. Endpoints under /v1 need `Authorization: Bearer <token>` when the "
                            "service has a token (always, when it listens beyond loopback)."},
    "paths": {"/v1/check": {"post": CHECK}, "/v1/rules": {"get": RULES}, "/healthz": {"get": HEALTH},
              "/openapi.json": {"get": OPENAPI}},
    "components": {"schemas": SCHEMAS,
                   "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                  "description": "WEBAUDIT_TOKEN or [tool.webaudit.serve] token"}}},
}


def document(version: str) -> dict:
    return {**DOCUMENT, "info": {**DOCUMENT["info"], "version": version}}
