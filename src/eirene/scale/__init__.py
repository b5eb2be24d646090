"""Coding beyond one process: `eirene code --ray` runs the coder on a Ray cluster.

    >>> from eirene.scale import RayCoder
    >>> with open_store("postgresql://analyst@db/news") as store, RayCoder(CodingConfig()) as coder:
    ...     code_inputs(["articles/"], store, lambda: coder)

The coding run itself (what to skip, batched writes, the run record) is the ordinary
one, eirene.coding_run; only the coding happens on the cluster.
"""

from __future__ import annotations

from eirene.scale.ray_coder import RayCoder, RaySettings

__all__ = ["RayCoder", "RaySettings"]
