"""Schema-driven fuzzing of the web API: every operation in /openapi.json, with inputs
schemathesis derives from the spec, against the real app over the example corpus.

What it guards: no input a client can send makes the server fail (5xx), every answer
matches the status codes, content types, headers and JSON schemas the spec declares,
and the write endpoint refuses a request without a valid token (401/403) and changes
nothing. Bounded: 25 generated examples per operation (about 20 s in all).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings

from eirene.store import open_store
from eirene.web.app import create_app

EXAMPLES_PER_OPERATION = 25


def load_spec() -> schemathesis.BaseSchema:
    """The app's OpenAPI spec, read through the app itself (ASGI, no socket).

    Read at collection (the spec does not depend on the data), from an app over an
    empty database; the requests go to the app over the corpus. Why not
    schemathesis.pytest.from_fixture: its lazy loader sets a pytest node attribute
    that pytest 9 no longer has.
    """
    with tempfile.TemporaryDirectory(prefix="eirene-fuzz-spec-") as scratch:
        open_store(Path(scratch) / "empty.duckdb").close()
        app = create_app(Path(scratch) / "empty.duckdb", allowed_host_names=("testserver",))
        try:
            return schemathesis.openapi.from_asgi("/openapi.json", app)
        finally:
            app.state.eirene.close()


schema = load_spec()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,  # no timing in tests: benchmarks/web.py measures latency
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case, web_app: FastAPI) -> None:  # type: ignore[no-untyped-def]
    response = case.call(app=web_app)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: server error {response.status_code}"
    if case.operation.method.upper() != "GET" and case.method.upper() == case.operation.method.upper():
        # no token is ever sent, so a write must be refused, never accepted
        assert response.status_code in (401, 403, 413, 415, 422), f"{case.method} {case.path} answered {response.status_code}"
    # every built-in check but two that judge beyond the spec: positive_data_acceptance
    # (the spec types since/until as plain strings, so "2016-13" is schema-valid yet
    # rightly refused with 400 E502) and unsupported_method (Starlette's 405 for a path
    # with GET and POST routes lists only one route's methods in Allow)
    case.validate_response(response, excluded_checks=[
        schemathesis.checks.positive_data_acceptance, schemathesis.checks.unsupported_method,
    ])


def test_fuzzing_wrote_nothing(web_app: FastAPI, example_store: str) -> None:
    """Runs after the fuzz test in this module: the app's copy still holds exactly the corpus."""
    with TestClient(web_app, base_url="http://127.0.0.1") as client:
        served = client.get("/api/stats").json()
    with open_store(example_store, read_only=True) as original:
        assert (served["documents"], served["events"]) == (len(original.documents()), original.count_events())
        assert served["events"] > 0


@pytest.mark.parametrize("content_type", ["application/json", "application/x-ndjson"])
@pytest.mark.parametrize(("headers", "status"), [({}, 401), ({"Authorization": "Bearer wrong"}, 403)], ids=["no token", "wrong token"])
def test_uploads_without_the_token_are_refused(web_app: FastAPI, content_type: str, headers: dict[str, str], status: int) -> None:
    """The JSONL body the fuzzer cannot generate (no serializer for application/x-ndjson), by hand."""
    body = '{"id": "fuzz-upload.txt", "text": "Kabul and Islamabad agreed to reopen the crossing."}\n'
    with TestClient(web_app, base_url="http://127.0.0.1") as client:
        answer = client.post("/api/documents", content=body, headers={"Content-Type": content_type, **headers})
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["code"].startswith("E5")
