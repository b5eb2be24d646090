"""The HTML pages over the example corpus: they render, keep their filters in the URL,
highlight the evidence, escape what they show, and the upload form codes an article."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from eirene.web.app import create_app
from eirene.web.highlight import Span, paragraph_around, pieces
from web_support import ARTICLE, TOKEN


def test_web_pages_overview_lists_every_document(client, events):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.text.count('href="/documents/') == 20
    assert 'src="/static/vendor/plotly.min.js"' in page.text
    js = client.get("/static/vendor/plotly.min.js")
    assert js.status_code == 200 and "plotly" in js.text[:2000].lower()


def test_web_pages_events_filters_stay_in_the_url(client, events):
    page = client.get("/events", params={"type": "ASSAULT", "since": "2016"})
    expected = [e for e in events if e.event_type == "ASSAULT" and (e.date or "") >= "2016-01-01"]
    assert f"{len(expected)} found" in page.text
    assert page.text.count('<td class="sentence">') == len(expected)
    assert "<option selected>ASSAULT</option>" in page.text
    assert 'value="2016"' in page.text
    assert "/api/events?limit=50&amp;type=ASSAULT&amp;since=2016" in page.text


def test_web_pages_events_paging_links_keep_filters(client, events):
    page = client.get("/events", params={"q": "the"})
    total = sum("the" in e.text.lower() for e in events)
    assert total > 50
    assert 'rel="next" href="/events?page=2&amp;q=the"' in page.text
    second = client.get("/events", params={"q": "the", "page": 2})
    assert second.text.count('<td class="sentence">') == min(50, total - 50)


def test_web_pages_event_highlights_actor_recipient_trigger(client, events):
    event = next(e for e in events if e.recipients and e.trigger_start is not None and e.actors[0].start is not None)
    page = client.get(f"/events/{event.id}").text
    assert f'<mark class="trigger">{html.escape(event.trigger, quote=True)}</mark>' in page
    assert re.search(r'<mark class="actor[^"]*">' + re.escape(html.escape(event.actors[0].text)), page)
    assert f'href="/documents/{event.doc_id}#e-{event.id}"' in page
    assert event.method in page and event.factuality in page


def test_web_pages_document_marks_each_event(client, events):
    doc_id = events[0].doc_id
    page = client.get(f"/documents/{doc_id}").text
    ids = {e.id for e in events if e.doc_id == doc_id}
    linked = set(re.findall(r'<a class="evlink" href="/events/([0-9a-f]+)">', page))
    assert linked and linked <= ids


def test_web_pages_unknown_items_are_404_pages(client):
    page = client.get("/events/nope")
    assert page.status_code == 404 and "E501" in page.text and page.headers["content-type"].startswith("text/html")
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/events", params={"since": "yesterday"}).status_code == 400


def test_web_pages_highlight_pieces_cover_the_text_once():
    text = "Pakistani troops shelled Afghan posts."
    got = pieces(text, [Span(0, 16, "actor"), Span(17, 24, "trigger"), Span(10, 24, "event", "e1")])
    assert "".join(p.text for p in got) == text
    assert [p.labels for p in got if p.text == "shelled"] == [("trigger", "event")]
    assert [p.text for p in got if "actor" in p.labels] == ["Pakistani", "troops"]
    assert paragraph_around("a\nbc d\ne", 3, 4) == (2, 6)


def test_web_pages_upload_form_codes_and_escapes(example_copy, coder):
    app = create_app(example_copy, token=TOKEN, coder_factory=lambda: coder)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        refused = client.post("/upload", data={"token": "wrong", "text": ARTICLE["text"]})
        assert refused.status_code == 403 and "E505" in refused.text
        title = "<script>alert('x')</script> corridor"
        done = client.post("/upload", data={"token": TOKEN, "text": ARTICLE["text"], "title": title,
                                            "date": "2017-05-14", "id": "form-article"})
        assert done.status_code == 201, done.text
        assert 'href="/documents/form-article"' in done.text
        page = client.get("/documents/form-article").text
        assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
        uploaded = client.post("/upload", data={"token": TOKEN},
                               files={"file": ("../../etc/note.txt", ARTICLE["text"].encode(), "text/plain")})
        assert uploaded.status_code == 201
        assert client.get("/api/documents/note.txt").json()["events"]


def test_web_pages_actor_dyad_network_claims_render(client):
    actor = client.get("/actors/Pakistan", follow_redirects=True)
    assert actor.status_code == 200 and actor.url.path == "/actors/PAK"
    assert 'href="/dyads/PAK/' in actor.text
    dyad = client.get("/dyads/USA/PAK", params={"freq": "Y"})
    assert dyad.status_code == 200 and "dyad-data" in dyad.text
    network = client.get("/network", params={"since": "2016", "until": "2018"})
    assert network.status_code == 200 and 'id="network-data"' in network.text
    assert client.get("/claims").status_code == 200


def test_web_pages_every_actor_link_of_every_event_resolves(client, events):
    links: set[str] = set()
    for event in events:
        links |= set(re.findall(r'href="(/actors/[^"]+)"', client.get(f"/events/{event.id}").text))
    assert len(links) > 10
    broken = [link for link in sorted(links) if client.get(link, follow_redirects=True).status_code != 200]
    assert broken == []
