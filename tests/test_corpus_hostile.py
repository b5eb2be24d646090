"""Every input gets an answer: a stored document or an E-coded error, never a traceback
or a hang.

Hostile files are generated here (nothing is kept on disk): numbers of thousands of
digits, nesting 10,000 deep, lone surrogates, NULs, FIFOs, devices, link loops,
binary files in folders; then hypothesis throws arbitrary bytes at every reader and
at stdin. Bounded: a FIFO is opened without blocking, so a test that hung would be
a bug; the fuzz runs a fixed number of examples.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eirene.coding_run import ingest_inputs
from eirene.corpus import ReadOptions, read_inputs
from eirene.corpus.safejson import MAX_DEPTH, JsonRefused, parse_bounded
from eirene.records import DocFailure, Document
from eirene.store import open_store

ROOT = Path(__file__).resolve().parent.parent
GOOD = "Kabul, 3 May 2019: Afghan officials met Pakistani envoys to discuss the border.\n"
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and symbolic links are POSIX features")

#: name -> (file content, the code it must end in)
HOSTILE_RECORDS: dict[str, tuple[str, str]] = {
    "huge-int-id.jsonl": ('{"id": %s, "text": "x"}\n' % ("9" * 5000), "E141"),
    "huge-int.json": ('{"id": "a", "text": "x", "n": -%s}' % ("1" * 5000), "E141"),
    "huge-float.jsonl": ('{"id": "f", "text": "x", "n": 1e999999}\n', "E141"),
    "nan.jsonl": ('{"id": "n", "text": "x", "n": NaN}\n', "E141"),
    "deep-list.jsonl": ("[" * 10_000 + "]" * 10_000 + "\n", "E140"),
    "deep-object.json": ('{"a":' * 10_000 + "1" + "}" * 10_000, "E140"),
    "deep-in-field.jsonl": ('{"id": "d", "text": "x", "extra": ' + "[" * 5000 + "]" * 5000 + "}\n", "E140"),
    "surrogate.jsonl": ('{"id": "s", "text": "half \\ud800 of a pair"}\n', "E142"),
    "surrogate-key.json": ('{"id": "s", "text": "x", "\\udfff": 1}', "E142"),
    "nul.jsonl": ('{"id": "z", "text": "a \\u0000 b"}\n', "E142"),
    "nul-title.jsonl": ('{"id": "z", "text": "fine", "title": "a\\u0000"}\n', "E142"),
    "long-id.jsonl": (json.dumps({"id": "i" * 5000, "text": "x"}) + "\n", "E145"),
    "long-title.jsonl": (json.dumps({"id": "lt", "text": "x", "title": "t" * 300_000}) + "\n", "E145"),
    "long-url.json": (json.dumps({"id": "lu", "text": "x", "url": "https://example.org/" + "u" * 20_000}), "E145"),
    "object-id.jsonl": ('{"id": {"x": 1}, "text": "x"}\n', "E109"),  # once stored as the id "{'x': 1}"
    "list-title.json": ('{"id": "t", "text": "x", "title": ["a", "b"]}', "E109"),
}


def items_of(inputs, stdin=None) -> list[Document | DocFailure]:
    found = list(read_inputs(inputs, ReadOptions(max_mb=1), stdin=stdin))
    for item in found:
        assert isinstance(item, (Document, DocFailure)), item
        if isinstance(item, DocFailure):
            assert item.message.startswith(f"[{item.code}] "), item
        else:
            item.text.encode("utf-8")  # storable: no lone surrogate
            assert "\x00" not in item.text
    return found


@pytest.mark.parametrize("name", sorted(HOSTILE_RECORDS))
def test_hostile_record_files_end_in_their_code_with_file_and_line(tmp_path: Path, name: str) -> None:
    content, code = HOSTILE_RECORDS[name]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [failure] = items_of([path])
    assert isinstance(failure, DocFailure) and failure.code == code, failure
    assert str(path) in failure.message and "line 1" in failure.message or "record 1" in failure.message
    assert failure.line == 1


def test_hostile_lines_fail_alone_and_good_lines_are_read(tmp_path: Path) -> None:
    lines = [content for name, (content, _) in sorted(HOSTILE_RECORDS.items()) if name.endswith(".jsonl")]
    good = json.dumps({"id": "good", "text": GOOD}) + "\n"
    path = tmp_path / "mixed.jsonl"
    path.write_text(good + "".join(lines) + good.replace('"good"', '"good2"'), encoding="utf-8")
    found = items_of([path])
    assert [i.id for i in found if isinstance(i, Document)] == ["good", "good2"]
    failures = [i for i in found if isinstance(i, DocFailure)]
    assert [f.line for f in failures] == list(range(2, 2 + len(lines)))


def test_the_same_hostile_lines_on_stdin_end_in_codes(tmp_path: Path) -> None:
    lines = "".join(content for name, (content, _) in sorted(HOSTILE_RECORDS.items()) if name.endswith(".jsonl"))
    raw = (lines + '{"id": "ok", "text": "fine"}\n').encode("utf-8") + b'{"id": "bad", "text": "\xff\xfe"}\n'
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")  # has .buffer, like sys.stdin
    found = items_of(["-"], stdin=stdin)
    hostile = [code for name, (_, code) in sorted(HOSTILE_RECORDS.items()) if name.endswith(".jsonl")]
    assert [i.code for i in found[:len(hostile)]] == hostile
    assert found[len(hostile)].id == "ok"  # the badly encoded last line is decoded or refused alone
    assert all(isinstance(i, Document) or "<stdin>" in i.message for i in found)


@POSIX
def test_fifo_named_txt_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    [named] = items_of([fifo])
    assert named.code == "E143" and "FIFO" in named.message
    (tmp_path / "good.txt").write_text(GOOD)
    found = items_of([tmp_path])
    assert [(i.code if isinstance(i, DocFailure) else i.id) for i in found] == ["good.txt", "E144"]
    assert "FIFO" in found[1].message


@POSIX
def test_devices_are_refused(tmp_path: Path) -> None:
    for device in ("/dev/zero", "/dev/null", "/dev/urandom"):
        if os.path.exists(device):
            [failure] = items_of([device])
            assert failure.code == "E143" and "device" in failure.message


@POSIX
def test_symlink_loops_and_binary_files_in_a_folder_are_listed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    os.symlink("loop.txt", tmp_path / "loop.txt")  # a link to itself, named like an article
    os.symlink("ring", tmp_path / "ring")
    os.symlink(".", tmp_path / "here")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    found = items_of([tmp_path])
    by_name = {os.path.basename(i.source): i for i in found if isinstance(i, DocFailure)}
    assert [i.id for i in found if isinstance(i, Document)] == ["a.txt"]
    assert by_name["loop.txt"].code == "E101" and "loop" in by_name["loop.txt"].message
    assert by_name["ring"].code == "E144" and "loop" in by_name["ring"].message
    assert by_name["here"].code == "E144" and "already read" in by_name["here"].message
    assert by_name["*.jpg"].code == "E144" and "1 file(s) of unsupported type '.jpg' (photo.jpg)" in by_name["*.jpg"].message
    [loop] = items_of([tmp_path / "ring"])
    assert loop.code == "E101" and "loop" in loop.message


def test_a_csv_row_of_countless_cells_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("id,text\na,Kabul talks resumed.\n" + "x," * 600_000 + "y\n")  # 1.2 MB line
    found = items_of([path])  # max_mb=1
    assert [i.id if isinstance(i, Document) else i.code for i in found] == ["a", "E107"]
    assert found[1].line == 3


def test_a_nul_deep_in_a_text_file_is_e142_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "late-nul.txt"
    path.write_bytes((GOOD * 300).encode() + b"one more line\nbroken \x00 here\n")
    [failure] = items_of([path])
    assert failure.code in ("E103", "E142")
    if failure.code == "E142":
        assert failure.line == 302


def test_skipped_files_are_stored_as_errors_and_counted(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD)
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
    with open_store(tmp_path / "db.duckdb") as store:
        summary = ingest_inputs([corpus], store)
        rows = store.errors(summary.run_id)
    assert summary.new == 1 and not summary.failures
    assert [f.code for f in summary.skipped] == ["E144"] and summary.skipped_files == 1
    assert [row["code"] for row in rows] == ["E144"] and "notes.docx" in rows[0]["message"]


@POSIX
def test_cli_ingest_of_a_folder_with_a_fifo_ends_and_lists_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD)
    os.mkfifo(corpus / "stuck.txt")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    db = tmp_path / "db.duckdb"
    done = subprocess.run([sys.executable, "-m", "eirene.cli", "ingest", str(corpus), str(corpus / "stuck.txt"),
                           "--db", str(db), "-q"], env=env, capture_output=True, text=True, timeout=120)
    assert "E143" in done.stderr and "Traceback" not in done.stderr
    listed = subprocess.run([sys.executable, "-m", "eirene.cli", "errors", "--db", str(db), "--format", "csv"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert "skipped,E144" in listed.stdout and "stuck.txt" in listed.stdout


def test_thousands_of_unread_files_make_one_row_per_type(tmp_path: Path) -> None:
    for n in range(2000):
        (tmp_path / f"{n:04d}.jpg").write_bytes(b"x")
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.pdf").write_bytes(b"%PDF")
    found = items_of([tmp_path])
    skips = [(os.path.basename(i.source), i.count) for i in found if isinstance(i, DocFailure)]
    assert skips == [("*.jpg", 2000), ("*.pdf", 1)]


# -- the bounded parser, and arbitrary bytes through every reader ---------------------


def test_parse_bounded_accepts_ordinary_records_and_refuses_the_rest() -> None:
    assert parse_bounded('{"id": 12, "text": "\\u00e9t\\u00e9", "n": 1.5}') == {"id": 12, "text": "été", "n": 1.5}
    assert parse_bounded("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(JsonRefused) as deep:
        parse_bounded("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert deep.value.code == "E140"
    assert parse_bounded('["[[[[[[", "{{{{"]') == ["[[[[[[", "{{{{"]  # brackets in strings do not count
    with pytest.raises(JsonRefused) as broken:
        parse_bounded('{"id": ')
    assert broken.value.code == "syntax"


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".jsonl", ".json", ".csv", ".txt", ".md", ".html"]))
def test_arbitrary_bytes_in_any_reader_end_in_a_document_or_a_code(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    assert items_of([path])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(st.dictionaries(st.sampled_from(["id", "text", "title", "date", "url", "x"]), JSONISH,
                                        max_size=6) | JSONISH, max_size=5),
       spice=st.sampled_from(["", "\\ud800", "\\u0000", "9" * 500, "[" * 100]))
def test_arbitrary_records_on_stdin_and_in_files(tmp_path: Path, records: list, spice: str) -> None:
    lines = [json.dumps(record) for record in records]
    if spice and lines:
        lines[0] = lines[0][:-1] + ("," if lines[0][-1] in "}]" else "") + spice if lines[0][-1] in "}]" else spice
    text = "\n".join(lines) + "\n"
    stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8", "surrogatepass")), encoding="utf-8")
    items_of(["-"], stdin=stdin)
    path = tmp_path / "records.json"
    path.write_text("[" + ",".join(lines) + "]", encoding="utf-8", errors="surrogatepass")
    items_of([path])
