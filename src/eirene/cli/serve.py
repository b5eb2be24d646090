"""`eirene serve`: the analyst web app and JSON API over one database."""

from __future__ import annotations

import click

from eirene.cli.options import CONTEXT, db_option
from eirene.config import default_db_path
from eirene.errors import EireneError



@click.command("serve", context_settings=CONTEXT)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default lets only this machine connect; use 0.0.0.0 only "
                   "behind a proxy you trust.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--max-upload-mb", default=5.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Largest upload accepted (413 above).")
@click.option("--allowed-host", "allowed_host", multiple=True, metavar="NAME",
              help="Another host name the server answers to (repeatable). It answers to 127.0.0.1, "
                   "localhost and --host only, so that no other site can reach it through DNS rebinding.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Server processes (uvicorn's workers), to answer many clients at once; each keeps its "
                   "own caches. Above 1 over a DuckDB file the server must be read-only: no EIRENE_TOKEN "
                   "(E463).")
@click.option("--get", "get_path", default=None, metavar="PATH",
              help="Answer one GET request for PATH in-process, print it, and exit (non-zero unless 200).")
def serve_command(db: str | None, host: str, port: int, max_upload_mb: float, allowed_host: tuple[str, ...],
                  workers: int, get_path: str | None) -> None:
    """Serve the web app and JSON API (pages at /, API under /api, OpenAPI at /openapi.json).

    Uploads (POST /api/documents, the /upload form) are allowed only when the
    environment variable EIRENE_TOKEN is set; clients send it as
    `Authorization: Bearer <token>`. Without it the database is opened read-only,
    and --workers N may serve it from N processes (a DuckDB file has one writer).

    \b
    Examples:
      eirene serve --db eirene.duckdb            # then open http://127.0.0.1:8000/
      EIRENE_TOKEN=s3cret eirene serve --port 8080
      eirene serve --workers 4                   # read-only, four processes
      eirene serve --get /api/stats              # one request, no server
    """
    from eirene.web.app import create_app
    from eirene.web.state import token_from_env
    from eirene.web.workers import ServeSettings, check_workers, serve_workers

    for name in allowed_host:
        if not name.strip() or any(c in name for c in "/ @?#"):
            raise click.ClickException(EireneError("E462", value=name, reason="give a bare host name such as "
                                                   "eirene.example.org (no scheme, path or spaces)").args[0])
    location = str(db or default_db_path())
    try:
        check_workers(location, workers, token_from_env(None))
    except EireneError as err:
        raise click.ClickException(err.args[0]) from err
    settings = ServeSettings(location, int(max_upload_mb * 1024 * 1024), (host, *allowed_host))
    app = create_app(location, max_upload_bytes=settings.max_upload_bytes,
                     allowed_host_names=settings.allowed_host_names)
    if get_path is not None:
        from fastapi.testclient import TestClient

        with TestClient(app, base_url="http://127.0.0.1") as client:
            response = client.get(get_path)
        click.echo(response.text)
        if response.status_code != 200:
            raise click.exceptions.Exit(1)
        return
    import uvicorn

    processes = f" in {workers} processes" if workers > 1 else ""
    click.echo(f"eirene: serving {location} at http://{host}:{port}/{processes} (Ctrl-C to stop)", err=True)
    if workers > 1:  # the app above checked the database; each worker builds its own
        app.state.eirene.close()
        serve_workers(settings, host=host, port=port, workers=workers)
        return
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("precompute", context_settings=CONTEXT)
@db_option
@click.option("--profiles", default=200, show_default=True, type=click.IntRange(min=0),
              help="Actor profiles to precompute, busiest actors first (others are computed when asked).")
@click.pass_context
def precompute_command(ctx: click.Context, db: str | None, profiles: int) -> None:
    """Compute the analysis pages' answers once and keep them in the database.

    The whole corpus's network and blocs, each year's network, the actor list and the
    busiest actors' profiles, under the default counting rule, kept per version of the
    data (a later write makes them stale until the next precompute). Run it after
    coding a large corpus, before `eirene serve`: the server then reads them instead of
    computing them on a request.

    \b
    Examples:
      eirene precompute --db eirene.duckdb
      eirene precompute --profiles 50
    """
    import time

    from eirene.web.precompute import precompute_file

    quiet = bool((ctx.obj or {}).get("quiet"))
    started = time.monotonic()

    def progress(name: str) -> None:
        if not quiet:
            click.echo(f"  {name} ({time.monotonic() - started:.0f} s)", err=True)

    done = precompute_file(db or default_db_path(), profiles=profiles, progress=progress)
    click.echo(f"kept {len(done.answers)} answer(s) for data version {done.stamp} "
               f"in {time.monotonic() - started:.0f} s")
