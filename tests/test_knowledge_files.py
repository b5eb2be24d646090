"""The one YAML loader of knowledge files: line numbers, the scalar rule, coded errors.

Every file here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eirene.actors.grammar import Grammar
from eirene.errors import AnalysisError, KnowledgeBaseError
from eirene.knowledge_files import LineList, LineMap, load_knowledge_file

DATA = Path(__file__).resolve().parent.parent / "src" / "eirene" / "data"


def write(tmp_path: Path, text: str, name: str = "k.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_knowledge_files_keep_the_line_of_every_value(tmp_path):
    path = write(tmp_path, """\
version: 1
# a comment
rules:
  - id: first
    words: [alpha, beta]
  - id: second
    words:
      - gamma
      - delta
""")
    data = load_knowledge_file(path, code="E310")
    assert isinstance(data, LineMap) and data.line == 1
    assert data.lines == {"version": 1, "rules": 4}
    rules = data["rules"]
    assert isinstance(rules, LineList) and rules.lines == [4, 6]
    assert [rule.line for rule in rules] == [4, 6]
    assert rules[1].lines["words"] == 8 and rules[1]["words"].lines == [8, 9]
    assert rules[0]["words"] == ["alpha", "beta"]


@pytest.mark.parametrize(("written", "read"), [
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False),
    ("yes", "yes"), ("no", "no"), ("NO", "NO"), ("on", "on"), ("off", "off"), ("Off", "Off"), ("y", "y"),
    ("null", None), ("~", None), ("", None),
    ("4", 4), ("-7.5", -7.5), ('"03"', "03"),
    ("2016-05-21", "2016-05-21"), ("2016-05", "2016-05"),
])
def test_knowledge_files_read_only_true_and_false_as_booleans(tmp_path, written, read):
    data = load_knowledge_file(write(tmp_path, f"value: {written}\nlisted: [{written or 'null'}]\n"), code="E310")
    assert data["value"] == read and type(data["value"]) is type(read)
    assert data["listed"] == [read]


def test_knowledge_files_read_as_text_keep_every_scalar_as_written(tmp_path):
    path = write(tmp_path, "version: 1\ncountry: NO\nstart: 2014\nflag: true\nend: 2016-05-21\nsector: null\n")
    data = load_knowledge_file(path, code="E211", as_text=True)
    assert data == {"version": "1", "country": "NO", "start": "2014", "flag": "true", "end": "2016-05-21",
                    "sector": None}


def test_invalid_yaml_raises_the_callers_code_naming_file_and_line(tmp_path):
    path = write(tmp_path, "version: 1\nverbs:\n  - id: a\n    lemmas: [hit\n  - id: b\n")
    with pytest.raises(KnowledgeBaseError) as err:
        load_knowledge_file(path, code="E310")
    assert err.value.code == "E310"
    assert str(path) in str(err.value) and "invalid YAML at line" in str(err.value)
    assert err.value.details["line"] >= 4


def test_unreadable_files_raise_with_line_zero(tmp_path):
    with pytest.raises(AnalysisError) as err:
        load_knowledge_file(tmp_path / "absent.yaml", code="E529", error=AnalysisError)
    assert err.value.code == "E529" and err.value.details["line"] == 0
    assert "absent.yaml" in str(err.value)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: Bogot\xe1\n".encode("latin-1"))
    with pytest.raises(KnowledgeBaseError, match="not UTF-8"):
        load_knowledge_file(latin, code="E340")


def test_a_list_or_mapping_as_key_is_an_error_at_its_line(tmp_path):
    path = write(tmp_path, "words:\n  ? [a, b]\n  : c\n")
    with pytest.raises(KnowledgeBaseError) as err:
        load_knowledge_file(path, code="E230")
    assert err.value.details["line"] == 2


def test_empty_files_read_as_none(tmp_path):
    assert load_knowledge_file(write(tmp_path, "# nothing yet\n"), code="E310") is None


def test_the_resolver_grammar_reads_off_and_no_as_words():
    # english.yaml lists them unquoted; the plain YAML 1.1 reader took them for False.
    grammar = Grammar.load()
    assert "off" in grammar.locative_preps and "off" in grammar.static_locative_preps
    assert "no" in grammar.non_referring_determiners
    assert "false" not in grammar.locative_preps | grammar.non_referring_determiners


def test_every_boolean_in_a_shipped_knowledge_file_is_written_true_or_false():
    files = sorted(DATA.rglob("*.yaml")) + [DATA.parent / "export" / "labels.yaml"]
    assert len(files) > 20

    def boolean_lines(node):
        """The line of every boolean value below `node`."""
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, item in items:
            if isinstance(item, bool):
                yield node.lines[key]
            else:
                yield from boolean_lines(item)

    found = 0
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        for line in boolean_lines(load_knowledge_file(path, code="E310")):
            found += 1
            words = set(lines[line - 1].replace(",", " ").replace("]", " ").replace(":", " ").split())
            assert words & {"true", "false"}, f"{path.name}:{line}: {lines[line - 1]}"
    assert found > 100  # the lexicon's flags (complement: true, object_is_recipient: false ...)
