"""The analyst web app and JSON API (`eirene serve`).

    >>> from eirene.web.app import create_app
    >>> app = create_app("eirene.duckdb")          # read-only: no token configured
    >>> app = create_app("eirene.duckdb", token="s3cret")   # uploads allowed with that token

Pages and API read the store and the actor system (eirene.analysis); uploads code
documents with the same run machinery as `eirene code` (eirene.coding_run).
"""
