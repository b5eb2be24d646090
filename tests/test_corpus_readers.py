"""read_inputs: formats, ids, encodings and one DocFailure per bad item (batch goes on)."""

from __future__ import annotations

import gzip
import io
import json
import os
import time
from pathlib import Path

import pytest

from eirene.corpus import ReadOptions, read_inputs
from eirene.errors import EireneError
from eirene.records import DocFailure, Document

GOOD = "Islamabad hosted the envoys on Monday. Both sides pledged to meet again.\n"


def split(items) -> tuple[list[Document], list[DocFailure]]:
    items = list(items)
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, DocFailure)]
    assert len(docs) + len(failures) == len(items)
    return docs, failures


def only_failure(failures: list[DocFailure], code: str) -> DocFailure:
    matching = [f for f in failures if f.code == code]
    assert len(matching) == 1, failures
    assert matching[0].message.startswith(f"[{code}] ")
    return matching[0]


# --- plain text, ids, paths --------------------------------------------------------
def test_text_file_named_alone_keeps_its_name_title_and_normalised_text(tmp_path: Path) -> None:
    path = tmp_path / "envoys.txt"
    path.write_bytes(b"\xef\xbb\xbfEnvoys meet\r\n\r\nThe talks resumed.\rA second line.\r\n")
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert doc.id == "envoys.txt"
    assert doc.path == str(path)
    assert doc.title == "Envoys meet"
    assert doc.text == "Envoys meet\n\nThe talks resumed.\nA second line.\n"


def test_long_first_line_is_not_a_title_and_markdown_heading_is(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("word " * 60 + "\nbody\n")
    (tmp_path / "note.md").write_text("## Border talks\n\nText follows.\n")
    docs, failures = split(read_inputs([tmp_path / "long.txt", tmp_path / "note.md"]))
    assert not failures
    assert [d.title for d in docs] == [None, "Border talks"]
    assert docs[1].text.startswith("## Border talks")  # the stored text is untouched


def test_directory_ids_are_relative_posix_paths_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "2018" / "nov").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b.txt").write_text(GOOD)
    (root / "a.txt").write_text(GOOD)
    (root / "2018" / "nov" / "moscow.md").write_text(GOOD)
    (root / "2018" / "kabul.txt").write_text(GOOD)
    (root / ".hidden.txt").write_text(GOOD)
    (root / ".git" / "notes.txt").write_text(GOOD)
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\nxxxx")
    (root / "readme").write_text(GOOD)
    docs, failures = split(read_inputs([root]))
    # files of other types are listed as skipped (E144), hidden ones are not mentioned
    assert [(f.code, os.path.basename(f.source)) for f in failures] == [("E144", "readme"), ("E144", "*.png")]
    assert [d.id for d in docs] == ["2018/kabul.txt", "2018/nov/moscow.md", "a.txt", "b.txt"]
    assert docs[0].path == os.path.join(str(root), "2018", "kabul.txt")


def test_directory_of_ten_thousand_files_streams_quickly(tmp_path: Path) -> None:
    for i in range(10_000):
        (tmp_path / f"item{i:05d}.txt").write_text(f"Item {i}\nThe delegation arrived on Tuesday.\n")
    started = time.perf_counter()
    items = read_inputs([tmp_path])
    first = next(items)
    assert isinstance(first, Document) and first.id == "item00000.txt"
    assert 1 + sum(1 for _ in items) == 10_000
    assert time.perf_counter() - started < 15


def test_symlinked_folder_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "x.txt").write_text(GOOD)
    os.symlink(tmp_path, tmp_path / "inner" / "loop")
    docs, failures = split(read_inputs([tmp_path]))
    assert [d.id for d in docs] == ["inner/x.txt"]
    skipped = only_failure(failures, "E144")  # listed, not walked again
    assert "loop" in skipped.source and "already read" in skipped.message


# --- bad inputs: each gives its code and the batch goes on -------------------------
@pytest.mark.parametrize("payload, reason", [
    (b"%PDF-1.7\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"GIF89a\x01\x00", "GIF"),
    (b"\x7fELF\x02\x01\x01", "ELF"),
    (gzip.compress(b"compressed news"), "gzip"),
    (b"plain start then \x00\x00 nul bytes", "NUL"),
])
def test_binary_file_is_e103_and_good_files_still_read(tmp_path: Path, payload: bytes, reason: str) -> None:
    (tmp_path / "bad.txt").write_bytes(payload)
    (tmp_path / "good.txt").write_text(GOOD)
    docs, failures = split(read_inputs([tmp_path]))
    failure = only_failure(failures, "E103")
    assert "bad.txt" in failure.message and reason in failure.message
    assert [d.id for d in docs] == ["good.txt"]


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_blank_file_is_e102(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "blank.md").write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD)
    docs, failures = split(read_inputs([tmp_path]))
    assert "blank.md" in only_failure(failures, "E102").message
    assert [d.id for d in docs] == ["good.txt"]


def test_undecodable_bytes_are_e104(tmp_path: Path) -> None:
    (tmp_path / "garbled.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)
    (tmp_path / "good.txt").write_text(GOOD)
    docs, failures = split(read_inputs([tmp_path]))
    failure = only_failure(failures, "E104")
    assert "garbled.txt" in failure.message and "UTF-8" in failure.message
    assert [d.id for d in docs] == ["good.txt"]


def test_malformed_jsonl_line_is_e105_with_its_line_and_other_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "a", "text": "First story."}\n'
                    '{"id": "b", "text": "Second story."\n'
                    "\n"
                    '{"id": "c", "text": "Third story."}\n')
    docs, failures = split(read_inputs([path]))
    failure = only_failure(failures, "E105")
    assert failure.line == 2 and "batch.jsonl, line 2" in failure.message
    assert [d.id for d in docs] == ["a", "c"]


@pytest.mark.parametrize("record", ['{"id": "r2"}', '{"id": "r2", "text": "  "}', '{"id": "r2", "text": null}'])
def test_record_without_text_is_e106(tmp_path: Path, record: str) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text('{"id": "r1", "text": "A story."}\n' + record + "\n")
    docs, failures = split(read_inputs([path]))
    failure = only_failure(failures, "E106")
    assert failure.doc_id == "r2" and failure.line == 2
    assert "records.jsonl, record at line 2" in failure.message and "'text'" in failure.message
    assert [d.id for d in docs] == ["r1"]


def test_fifty_megabyte_file_is_e107_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # sparse: reading it would also trip E103
    (tmp_path / "good.txt").write_text(GOOD)
    docs, failures = split(read_inputs([big, tmp_path / "good.txt"], ReadOptions(max_mb=20)))
    failure = only_failure(failures, "E107")
    assert "huge.txt is 50.0 MB" in failure.message and "20 MB" in failure.message
    assert [d.id for d in docs] == ["good.txt"]


def test_oversized_jsonl_record_is_e107_and_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "x" * 5000}) + "\n" + json.dumps({"id": "ok", "text": "Fine."}) + "\n")
    docs, failures = split(read_inputs([path], ReadOptions(max_mb=0.001)))
    failure = only_failure(failures, "E107")
    assert failure.line == 1 and "mixed.jsonl, line 1" in failure.message
    assert [d.id for d in docs] == ["ok"]


def test_unreadable_paths_are_e101(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    (tmp_path / "good.txt").write_text(GOOD)
    missing = tmp_path / "nowhere" / "absent.txt"
    docs, failures = split(read_inputs([missing, tmp_path]))
    assert [f.code for f in failures] == ["E101", "E101"]
    assert "absent.txt" in failures[0].message and "no such file" in failures[0].message
    assert "dangling.txt" in failures[1].message and "broken symbolic link" in failures[1].message
    assert [d.id for d in docs] == ["good.txt"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_is_e101(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        [failure] = list(read_inputs([locked]))
    finally:
        locked.chmod(0o644)
    assert failure.code == "E101" and "permission denied" in failure.message


def test_unsupported_suffix_is_e108_only_when_named(tmp_path: Path) -> None:
    (tmp_path / "slides.pptx").write_text("not read")
    (tmp_path / "good.txt").write_text(GOOD)
    docs, failures = split(read_inputs([tmp_path]))
    assert [d.id for d in docs] == ["good.txt"]
    assert ".pptx" in only_failure(failures, "E144").message  # in a folder: skipped, listed
    docs, failures = split(read_inputs([tmp_path / "slides.pptx", tmp_path / "good.txt"]))
    failure = only_failure(failures, "E108")
    assert "slides.pptx" in failure.message and ".pptx" in failure.message
    assert [d.id for d in docs] == ["good.txt"]


def test_folder_without_readable_files_is_e111(tmp_path: Path) -> None:
    (tmp_path / "only.docx").write_text("x")
    skipped, failure = list(read_inputs([tmp_path]))
    assert skipped.code == "E144" and "only.docx" in skipped.message
    assert failure.code == "E111" and str(tmp_path) in failure.message


def test_bad_options_raise_e113() -> None:
    with pytest.raises(EireneError, match="E113"):
        ReadOptions(max_mb=0)
    with pytest.raises(EireneError, match="default_date"):
        ReadOptions(default_date="someday")


# --- record formats ----------------------------------------------------------------
def test_stdin_jsonl_with_fallback_ids(tmp_path: Path) -> None:
    stream = io.StringIO('{"id": "s1", "text": "One."}\n{"text": "Two.", "date": "2017-06-14"}\nnot json\n')
    docs, failures = split(read_inputs(["-"], stdin=stream))
    assert [d.id for d in docs] == ["s1", "stdin#2"]
    assert docs[1].date == "2017-06-14" and docs[1].date_source == "record" and docs[1].path == "-"
    failure = only_failure(failures, "E105")
    assert failure.line == 3 and "<stdin>, line 3" in failure.message


def test_csv_with_custom_field_names(tmp_path: Path) -> None:
    path = tmp_path / "wire.csv"
    path.write_text('story_id,headline,body,published,link\n'
                    'w-1,Envoys meet,"Talks opened.\nA second paragraph.",2018-11,https://example.org/1\n'
                    ',No id,Body two.,5 March 2017,\n'
                    'w-3,No body,,2017,\n', encoding="utf-8")
    options = ReadOptions(id_field="story_id", text_field="body", title_field="headline",
                          date_field="published", url_field="link")
    docs, failures = split(read_inputs([path], options))
    assert [d.id for d in docs] == ["w-1", "wire.csv#4"]  # the second record starts on line 4
    assert docs[0].text == "Talks opened.\nA second paragraph."
    assert (docs[0].title, docs[0].url) == ("Envoys meet", "https://example.org/1")
    assert (docs[0].date, docs[0].date_precision) == ("2018-11-01", "month")
    assert (docs[1].date, docs[1].date_precision) == ("2017-03-05", "day")
    failure = only_failure(failures, "E106")
    assert failure.doc_id == "w-3" and "wire.csv, record at line 5" in failure.message


def test_csv_without_the_text_column_says_which_columns_exist(tmp_path: Path) -> None:
    path = tmp_path / "cols.csv"
    path.write_text("id,content\n1,hello\n")
    [failure] = list(read_inputs([path]))
    assert failure.code == "E109" and "'text'" in failure.message and "id, content" in failure.message


def test_json_list_and_single_record(tmp_path: Path) -> None:
    (tmp_path / "many.json").write_text(json.dumps([{"id": "m1", "text": "One."}, {"text": "Two."}, 7]))
    (tmp_path / "one.json").write_text(json.dumps({"text": "Alone.", "title": "Solo", "date": "2016"}))
    (tmp_path / "broken.json").write_text('[{"text": "x"},\n{"text": }]')
    docs, failures = split(read_inputs([tmp_path]))
    assert [d.id for d in docs] == ["m1", "many.json#2", "one.json"]
    assert (docs[2].title, docs[2].date, docs[2].date_precision) == ("Solo", "2016-01-01", "year")
    assert {f.code for f in failures} == {"E109", "E112"}
    assert only_failure(failures, "E112").line == 2
    assert "many.json, record 3" in only_failure(failures, "E109").message


# --- html and encodings ------------------------------------------------------------
ARTICLE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Ministers agree grain corridor | Harbour Gazette</title>
<meta property="og:title" content="Ministers agree grain corridor">
</head><body>
<nav><ul><li><a href="/">Front page</a></li><li><a href="/markets">Markets desk</a></li></ul></nav>
<div class="promo">Subscribe to our morning briefing</div>
<article><h1>Ministers agree grain corridor</h1>
<p>ODESA, 14 March 2019 — Transport ministers from three Black Sea states agreed on Thursday to keep a
shipping lane open for grain cargoes through the spring, according to a joint statement.</p>
<p>The statement said naval patrols would escort convoys and that inspections would take place at a
single port to shorten waiting times for the vessels queued offshore.</p>
<p>Shipping companies welcomed the arrangement but asked for insurance guarantees before sending more
ships, a trade association spokesperson said in a telephone interview.</p>
</article>
<footer><p>Copyright Harbour Gazette. All rights reserved.</p><a href="/privacy">Privacy notice</a></footer>
</body></html>"""


def test_html_keeps_only_the_article_text(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(ARTICLE_HTML)
    (tmp_path / "empty.htm").write_text("<html><head><title>Nothing</title></head><body><script>var a=1;</script></body></html>")
    docs, failures = split(read_inputs([tmp_path]))
    [doc] = docs
    assert doc.title == "Ministers agree grain corridor"
    assert "shipping lane open for grain cargoes" in doc.text
    assert "insurance guarantees" in doc.text
    for boilerplate in ("Front page", "Markets desk", "Subscribe", "Privacy notice", "All rights reserved"):
        assert boilerplate not in doc.text
    assert (doc.date, doc.date_source) == ("2019-03-14", "dateline")
    assert "empty.htm" in only_failure(failures, "E110").message


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    text = ("The minister\u2019s visit \u2013 called \u201ccordial\u201d by aides \u2013 ended in Ankara.\n"
            "Reporters waited at the caf\u00e9 opposite the embassy for the communiqu\u00e9.\n")
    (tmp_path / "legacy.txt").write_bytes(text.encode("cp1252"))
    [doc] = list(read_inputs([tmp_path / "legacy.txt"]))
    assert isinstance(doc, Document)
    assert doc.text == text


def test_jsonl_line_in_legacy_encoding_is_decoded_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes('{"id": "u", "text": "caf\u00e9 talks"}\n'.encode("utf-8")
                     + '{"id": "w", "text": "\u201ccordial\u201d caf\u00e9 talks at the embassy"}\n'.encode("cp1252"))
    docs, failures = split(read_inputs([path]))
    assert not failures
    assert docs[1].text == "\u201ccordial\u201d caf\u00e9 talks at the embassy"


# --- dates on documents ------------------------------------------------------------
def test_record_date_wins_over_the_text_and_bad_record_date_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "dated.jsonl"
    rows = [
        {"id": "a", "text": "KABUL, May 22, 2016 — Officials spoke.", "date": "2016-05-24"},
        {"id": "b", "text": "KABUL, May 22, 2016 — Officials spoke.", "date": "sometime"},
        {"id": "c", "text": "Officials spoke.", "date": "Nov 05, 2018 01:10:00 IST"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    a, b, c = list(read_inputs([path]))
    assert (a.date, a.date_source, a.date_precision) == ("2016-05-24", "record", "day")
    assert (b.date, b.date_source) == ("2016-05-22", "dateline")
    assert "sometime" in b.date_note
    assert (c.date, c.date_source) == ("2018-11-05", "record")


def test_default_date_used_only_when_nothing_is_found(tmp_path: Path) -> None:
    (tmp_path / "undated.txt").write_text("Officials spoke on Tuesday.\n")
    (tmp_path / "dated.txt").write_text("Moscow, 9 November 2018: Officials spoke.\n")
    dated, undated = list(read_inputs([tmp_path], ReadOptions(default_date="2019-02")))
    assert (undated.date, undated.date_precision, undated.date_source) == ("2019-02-01", "month", "option")
    assert (dated.date, dated.date_source) == ("2018-11-09", "dateline")


def test_csv_in_windows_1252_and_binary_record_files(tmp_path: Path) -> None:
    (tmp_path / "legacy.csv").write_bytes(
        "id,text\nk1,\u201cCordial\u201d talks at the caf\u00e9 \u2013 aides said the communiqu\u00e9 was agreed.\n"
        .encode("cp1252"))
    (tmp_path / "packed.jsonl").write_bytes(gzip.compress(b'{"text": "x"}\n'))
    (tmp_path / "packed.csv").write_bytes(b"PK\x03\x04rest-of-zip")
    docs, failures = split(read_inputs([tmp_path]))
    assert [d.text for d in docs] == ["\u201cCordial\u201d talks at the caf\u00e9 \u2013 aides said the communiqu\u00e9 was agreed."]
    assert sorted((f.code, Path(f.source).name) for f in failures) == [("E103", "packed.csv"), ("E103", "packed.jsonl")]


def test_jsonl_byte_order_mark_and_crlf_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "b1", "text": "Line one.\\r\\nLine two."}\r\n')
    [doc] = list(read_inputs([path]))
    assert isinstance(doc, Document) and doc.text == "Line one.\nLine two."
