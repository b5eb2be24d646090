"""Uploads as safe as files: every hostile body sent to POST /api/documents gets a 4xx
with an E-code (or, when it holds a readable record, a 201 that lists the rest as
failures), never a 500 or a dropped connection.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from web_support import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
GOOD_TEXT = "Kabul, 2 June 2019: Afghan and Pakistani officials met to discuss the border crossing."

#: body -> (status, E-code of the answer)
HOSTILE_BODIES: dict[str, tuple[bytes, int, str]] = {
    "deep nesting": (b"[" * 10_000 + b"]" * 10_000, 400, "E140"),
    "deep inside a record": (('{"text": "x", "a": ' + "[" * 5000 + "]" * 5000 + "}").encode(), 400, "E140"),
    "lone surrogate": (b'{"text": "half \\ud800 a pair"}', 400, "E142"),
    "NUL in the text": (b'{"text": "a \\u0000 b"}', 400, "E142"),
    "5000-digit date": (('{"text": "x", "date": ' + "9" * 5000 + "}").encode(), 400, "E141"),
    "5000-digit id": (('{"id": ' + "9" * 5000 + ', "text": "x"}').encode(), 400, "E141"),
    "huge float": (b'{"text": "x", "n": 1e99999}', 400, "E141"),
    "not UTF-8": (b'{"text": "\xff\xfe"}', 400, "E507"),
    "empty": (b"   ", 400, "E507"),
    "empty array": (b"[]", 400, "E507"),
    "a bare string": (b'"just words"', 400, "E507"),
    "not JSON": (b"{text: no quotes}", 400, "E507"),
    "records without text": (b'[{"id": "a"}, {"id": "b", "text": ""}]', 400, "E507"),
    "JSON Lines all hostile": (b'{"id": ' + b"9" * 5000 + b', "text": "x"}\n{"text": "\\u0000"}\n', 400, "E507"),
    "an object as the id": (b'{"id": {"x": 1}, "text": "Pakistan met China."}', 400, "E507"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
def test_hostile_upload_bodies_answer_4xx_with_their_code(writer, name: str) -> None:
    body, status, code = HOSTILE_BODIES[name]
    before = writer.get("/api/stats").json()
    answer = writer.post("/api/documents", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["code"] == code
    message = answer.json()["error"]["message"]
    assert message and ("the request body, line" in message or code == "E507")
    assert "<stdin>" not in message
    after = writer.get("/api/stats").json()
    assert (after["documents"], after["events"]) == (before["documents"], before["events"])


@pytest.mark.slow
def test_hostile_lines_fail_alone_beside_a_good_one(writer) -> None:
    lines = [
        json.dumps({"id": "hostile-good", "text": GOOD_TEXT, "date": "not a date at all"}),
        '{"id": ' + "9" * 5000 + ', "text": "x"}',
        '{"id": "nul", "text": "a \\u0000 b"}',
        "[" * 3000 + "]" * 3000,
        json.dumps({"id": "long-date", "text": GOOD_TEXT + " Again.", "date": "9" * 5000}),
    ]
    answer = writer.post("/api/documents", content="\n".join(lines).encode(),
                         headers={**AUTH, "Content-Type": "application/x-ndjson"})
    assert answer.status_code == 201, answer.text
    result = answer.json()
    assert sorted(d["id"] for d in result["documents"]) == ["hostile-good", "long-date"]
    assert sorted(f["code"] for f in result["failures"]) == ["E140", "E141", "E142"]
    assert all(f["source"] == "the request body" and "<stdin>" not in f["message"] for f in result["failures"])
    page = writer.get("/api/documents/hostile-good").json()
    assert page["date_source"] != "record" and page["date"] == "2019-06-02"  # the dateline, not the bad field


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(body=st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
       content_type=st.sampled_from(["application/json", "application/x-ndjson", "text/plain"]))
def test_arbitrary_upload_bodies_never_fail_the_server(writer, body: bytes, content_type: str) -> None:
    answer = writer.post("/api/documents", content=body, headers={**AUTH, "Content-Type": content_type})
    assert answer.status_code in (201, 400, 413, 415, 422), answer.text
    if answer.status_code != 201:
        assert answer.json()["error"]["code"].startswith("E")
