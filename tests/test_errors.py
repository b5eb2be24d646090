"""Every error message formats with its details and opens with its code."""

from __future__ import annotations

import re
import string

from eirene.errors import MESSAGES, EireneError, InputError


def test_every_message_formats_with_its_own_fields():
    for code, template in MESSAGES.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        err = EireneError(code, **{name: f"<{name}>" for name in fields})
        assert str(err).startswith(f"[{code}] ")
        for name in fields:
            assert f"<{name}>" in str(err)


def test_codes_sit_in_their_stage_ranges():
    for code in MESSAGES:
        assert re.fullmatch(r"E[0-5]\d\d", code), code


def test_input_error_keeps_document_and_details():
    err = InputError("E102", doc_id="a.txt", path="corpus/a.txt")
    assert err.code == "E102" and err.doc_id == "a.txt"
    assert "corpus/a.txt" in str(err)
