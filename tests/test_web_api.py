"""The JSON API on the example corpus: filters, paging, errors, tokens, uploads."""

from __future__ import annotations

import json

import pytest

from eirene.store import EventFilter, open_store
from web_support import ARTICLE, TOKEN


def test_web_api_stats_match_the_store(client, stored):
    body = client.get("/api/stats").json()
    assert body["documents"] == stored["stats"].documents == 20
    assert body["events"] == len(stored["events"])
    assert body["events_by_type"] == stored["stats"].events_by_type


def test_web_api_events_filter_by_type_and_actor(client, stored):
    body = client.get("/api/events", params={"type": "assault", "limit": 1000}).json()
    expected = [e.id for e in stored["events"] if e.event_type == "ASSAULT"]
    assert [e["event_type"] for e in body["events"]] == ["ASSAULT"] * len(expected)
    assert body["total"] == len(expected) > 0
    pak = client.get("/api/events", params={"actor": "Pakistan", "limit": 1000}).json()
    assert pak["total"] > 0
    assert all(any(a["country"] == "PAK" or a["name"] == "Pakistan" for a in e["actors"]) for e in pak["events"])


def test_web_api_events_paging_is_a_slice_of_the_whole_list(client, stored):
    whole = [e.id for e in stored["events"]]
    page = client.get("/api/events", params={"limit": 7, "offset": 14}).json()
    assert (page["total"], page["limit"], page["offset"]) == (len(whole), 7, 14)
    assert [e["id"] for e in page["events"]] == whole[14:21]
    assert len(client.get("/api/events").json()["events"]) == 50


def test_web_api_text_search_and_date_range(client, stored):
    body = client.get("/api/events", params={"q": "drone", "limit": 1000}).json()
    assert body["total"] == sum("drone" in e.text.lower() for e in stored["events"]) > 0
    window = client.get("/api/events", params={"since": "2018", "until": "2018-06", "limit": 1000}).json()
    assert window["total"] > 0
    assert all("2018-01-01" <= e["date"] <= "2018-06-30" for e in window["events"])


def test_web_api_event_by_id_is_the_stored_record(client, stored):
    event = stored["events"][3]
    assert client.get(f"/api/events/{event.id}").json() == json.loads(json.dumps(event.to_dict()))


def test_web_api_documents_and_one_document(client, stored):
    listing = client.get("/api/documents", params={"limit": 100}).json()
    assert listing["total"] == 20 and [d["id"] for d in listing["documents"]] == [d["id"] for d in stored["documents"]]
    doc_id = stored["documents"][0]["id"]
    detail = client.get(f"/api/documents/{doc_id}").json()
    assert detail["id"] == doc_id and detail["text"]
    assert {e["doc_id"] for e in detail["events"]} == {doc_id}
    assert len(detail["events"]) == stored["documents"][0]["events"]


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/events/no-such-event", 404, "E501"),
        ("/api/documents/no-such-doc.txt", 404, "E501"),
        ("/api/events?since=2016-13", 400, "E502"),
        ("/api/events?type=BOMBING", 400, "E406"),
        ("/api/events?limit=5000", 422, "E502"),
        ("/api/events?quad=abc", 422, "E502"),
        ("/api/nowhere", 404, "E508"),
    ],
)
def test_web_api_bad_requests_answer_a_json_error(client, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and len(error["message"]) > 20


def test_web_api_openapi_documents_the_error_shape(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/documents", "/api/network", "/api/claims",
                 "/api/dyads/{a}/{b}", "/api/actors", "/api/actors/{key}", "/api/stats"):
        assert path in spec["paths"], path
    responses = spec["paths"]["/api/events"]["get"]["responses"]
    assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    post = spec["paths"]["/api/documents"]["post"]["responses"]
    assert {"201", "401", "403", "413"} <= set(post)


def test_web_api_read_only_server_refuses_writes(client, stored):
    assert client.post("/api/documents", json=ARTICLE).status_code == 403
    response = client.post("/api/documents", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "E503"
    assert client.get("/api/stats").json()["documents"] == 20


def test_web_api_token_is_required_and_checked(writer):
    missing = writer.post("/api/documents", json=ARTICLE)
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "E504"
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = writer.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer not-it"})
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "E505"
    too_big = writer.post("/api/documents", content=b"x" * 30_000, headers={"Authorization": f"Bearer {TOKEN}"})
    assert too_big.status_code == 413 and too_big.json()["error"]["code"] == "E506"
    assert writer.get("/api/stats").json()["documents"] == 20


def test_web_api_uploaded_article_appears_in_the_event_list(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = writer.post("/api/documents", json=ARTICLE, headers=auth)
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["documents"][0] == {"id": ARTICLE["id"], "state": "new", "events": result["events"]}
    assert result["events"] >= 1
    listed = writer.get("/api/events", params={"doc": ARTICLE["id"]}).json()
    assert listed["total"] == result["events"]
    assert any(e["event_type"] == "ASSAULT" and e["actors"][0]["country"] == "PAK" for e in listed["events"])
    assert writer.get("/api/stats").json()["documents"] == 21
    again = writer.post("/api/documents", json=ARTICLE, headers=auth).json()
    assert again["documents"][0]["state"] == "same"


def test_web_api_jsonl_upload_reports_bad_lines(writer):
    body = "\n".join([
        json.dumps({"id": "web-jsonl-1", "text": "Russia accused the United States of arming rebels in Syria.",
                    "date": "2018-03-02"}),
        "{not json",
    ])
    response = writer.post("/api/documents", content=body.encode(), headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"})
    assert response.status_code == 201, response.text
    result = response.json()
    assert [d["id"] for d in result["documents"]] == ["web-jsonl-1"]
    assert [f["code"] for f in result["failures"]] == ["E105"]


def test_web_api_upload_without_text_is_refused(writer):
    response = writer.post("/api/documents", json={"id": "x", "title": "no text"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "E507" and "E106" in response.json()["error"]["message"]


def test_web_api_network_and_dyad(client):
    network = client.get("/api/network").json()
    keys = {n["key"] for n in network["nodes"]}
    assert {"PAK", "USA"} <= keys
    edge = network["edges"][0]
    assert edge["source"] in keys and edge["target"] in keys and edge["sign"] in (-1, 0, 1)
    dyad = client.get("/api/dyads/USA/Pakistan", params={"freq": "Y"}).json()
    assert dyad["a"]["key"] == "USA" and dyad["b"]["key"] == "PAK"
    assert sum(p["events"] for p in dyad["periods"]) > 0
    assert all(p["cooperation"] - p["conflict"] == p["balance"] for p in dyad["periods"])
    window = client.get("/api/network", params={"since": "2021", "until": "2021"}).json()
    assert sum(e["events"] for e in window["edges"]) < sum(e["events"] for e in network["edges"])


def test_web_api_actors_claims_and_unknown_names(client):
    found = client.get("/api/actors", params={"q": "pak"}).json()
    assert "PAK" in [a["key"] for a in found["actors"]]
    profile = client.get("/api/actors/Pakistan").json()
    assert profile["node"]["key"] == "PAK" and profile["events_as_actor"] > 0
    claims = client.get("/api/claims").json()
    assert claims["total"] > 0 and all(c["text"] for c in claims["claims"])
    missing = client.get("/api/actors/Atlantis-Federation")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E520"
    same = client.get("/api/dyads/Pakistan/PAK")
    assert same.status_code == 400 and same.json()["error"]["code"] == "E522"


def test_web_api_counts_agree_with_store_filters(client, example_store):
    with open_store(example_store, read_only=True) as store:
        expected = store.count_events(EventFilter(factuality="alleged"))
    assert client.get("/api/events", params={"factuality": "alleged"}).json()["total"] == expected
