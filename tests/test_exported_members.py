"""The public surface of `import eirene` is deliberate: adding or removing a name is a decision."""

from __future__ import annotations

import eirene


def test_public_names():
    assert eirene.__all__ == [
        "ActorRef", "Coder", "CodingConfig", "DocFailure", "DocResult", "Document", "Event", "Location",
        "__version__", "code", "open", "open_store",
    ]
    for name in eirene.__all__:
        assert getattr(eirene, name) is not None
