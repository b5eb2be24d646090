"""The map of event locations, drawn offline: no tile server, no outside request.

Why not plotly's geo traces: plotly.js fetches their country shapes (topojson) from its
CDN at draw time, which fails offline and leaks the analyst's use to a third party.
Instead the page draws country outlines as plain lines on ordinary axes (longitude,
latitude), from the shapes the countryinfo package ships (MIT; the outlines derive
from Natural Earth, public domain), served by this app at /api/map/outlines. Events
placed at a city sit at its coordinates; events placed only at a country sit at the
country's centre (marked as such).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from eirene.store.event_sql import filter_sql
from eirene.vocab import FACTUALITY_VALUES, PLOVER_TYPES
from eirene.web.api import web_state
from eirene.web.queries import event_filter_of
from eirene.web.rendering import query_string, render
from eirene.web.models import MapModel, MapPlace
from eirene.web.state import WebState

api_router = APIRouter(prefix="/api", tags=["map"])
page_router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
State = Annotated[WebState, Depends(web_state)]
FILTERS: tuple[str, ...] = ("actor", "recipient", "type", "quad", "factuality", "since", "until", "q", "doc",
                            "min_confidence", "method", "dated")


@lru_cache(maxsize=1)
def country_shapes() -> dict[str, Any]:
    """Country outlines as line coordinates, and each country's centre, from countryinfo's data.

    RETURNS: {"lon": [...], "lat": [...]} (rings separated by null, for one line trace)
    and "centres": ISO3 -> [lat, lon].
    """
    import countryinfo

    folder = Path(countryinfo.__file__).parent / "data"
    lons: list[float | None] = []
    lats: list[float | None] = []
    centres: dict[str, list[float]] = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha3")
        if iso and len(data.get("latlng") or []) == 2:
            centres[iso] = [float(data["latlng"][0]), float(data["latlng"][1])]
        for feature in (data.get("geoJSON") or {}).get("features", []):
            geometry = feature.get("geometry") or {}
            polygons = [geometry.get("coordinates", [])] if geometry.get("type") == "Polygon" else \
                geometry.get("coordinates", [])
            for polygon in polygons:
                for ring in polygon:
                    for lon, lat in ring:
                        lons.append(round(float(lon), 3))
                        lats.append(round(float(lat), 3))
                    lons.append(None)
                    lats.append(None)
    return {"lon": lons, "lat": lats, "centres": centres}


def map_places(state: WebState, filters: dict[str, str | None]) -> MapModel:
    """Events matching the event-list filters, gathered by place, with their cooperation and
    conflict; computed once per filter and version of the data (the whole corpus's map is
    kept in the store, as the network is)."""
    flt = event_filter_of(filters)
    if all(v is None or not v.strip() for v in filters.values()):
        return state.kept(("map",), lambda: _map_places(state, flt), MapModel)
    return state.cached(("map", flt), lambda: _map_places(state, flt))


def _map_places(state: WebState, flt: Any) -> MapModel:
    where, params = filter_sql(flt)
    rows = state.store.query(
        "SELECT e.location_name AS name, e.location_country AS country, e.location_lat AS lat, "
        "e.location_lon AS lon, e.location_precision AS precision, count(*) AS events, "
        "count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict, "
        # SQL that DuckDB and PostgreSQL both read: array_agg, a parenthesised slice, GROUP BY positions
        f"(array_agg(e.id ORDER BY e.date NULLS LAST, e.id))[1:20] AS ids FROM events e{where} "
        "GROUP BY 1, 2, 3, 4, 5 ORDER BY events DESC, name",
        params,
    )
    centres = country_shapes()["centres"]
    places, unlocated = [], 0
    for row in rows:
        lat, lon, precision = row["lat"], row["lon"], row["precision"] or "country"
        if (lat is None or lon is None) and row["country"] in centres:
            lat, lon = centres[row["country"]]
            precision = precision if precision != "city" else "country"
        if lat is None or lon is None or row["name"] is None:
            unlocated += int(row["events"])
            continue
        places.append(MapPlace(name=row["name"], country=row["country"], lat=float(lat), lon=float(lon),
                               precision=precision, events=int(row["events"]), cooperation=int(row["cooperation"]),
                               conflict=int(row["conflict"]), event_ids=list(row["ids"] or [])))
    return MapModel(places=places, located=sum(p.events for p in places), unlocated=unlocated)


def _filters(request: Request) -> dict[str, str | None]:
    return {k: request.query_params.get(k) for k in FILTERS}


@api_router.get("/map", response_model=MapModel, summary="Event locations (the /events filters), by place")
def get_map(request: Request, state: State) -> MapModel:
    return map_places(state, _filters(request))


@api_router.get("/map/outlines", summary="Country outlines for the offline map (from countryinfo's data)")
def get_outlines() -> Response:
    shapes = country_shapes()
    return JSONResponse({"lon": shapes["lon"], "lat": shapes["lat"]},
                        headers={"Cache-Control": "public, max-age=86400"})


@page_router.get("/map")
def map_page(request: Request, state: State) -> Response:
    filters = _filters(request)
    found = map_places(state, filters)
    return render(request, "map.html", places=found, filters=filters, types=PLOVER_TYPES,
                  factualities=FACTUALITY_VALUES, places_json=found.model_dump(mode="json"),
                  query=query_string(**filters))
