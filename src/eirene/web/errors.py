"""Errors the web app answers with: one JSON shape, `{"error": {"code", "message"}}`.

Why one shape: API clients (and the schema-driven fuzz test) read the E-code and the
message the same way for every 4xx, and pages show the same message in HTML.
"""

from __future__ import annotations

from eirene.errors import EireneError


class WebError(EireneError):
    """An error with the HTTP status it answers with (E5xx codes, or a store/actor code)."""

    def __init__(self, status: int, code: str, **details: object) -> None:
        self.status = status
        super().__init__(code, **details)


def status_for(err: EireneError) -> int:
    """The HTTP status for an eirene error raised while answering a request.

    A bad filter or option (E406, E521, E522) is the caller's (400); an actor name that
    does not resolve (E520) is 404; a scenario's bad inputs, setting or option (E540-E547)
    are the caller's (400) and an unknown stored run (E550) is 404; everything else is
    the server's (500).
    """
    if isinstance(err, WebError):
        return err.status
    if err.code in ("E540", "E541", "E542", "E543", "E544", "E545", "E546", "E547", "E551"):
        return 400
    if err.code == "E550":
        return 404
    if err.code == "E520" or err.code.startswith("E2"):
        return 404  # a name the actor system or the knowledge base does not know
    if err.code in ("E406", "E521", "E522", "E416") or err.code.startswith("E1"):
        return 400
    if err.code == "E413":
        return 404  # no such event or correction
    if err.code == "E414":
        return 409  # the correction was undone already
    if err.code == "E415":
        return 501
    if err.code == "E461":
        return 503  # a query ran past the time limit: try again, or narrow the request
    return 500


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}
