"""The position paths of a run as one inline SVG: each actor's position round by round,
with the median and the two baselines drawn across.

Why SVG text and not a plotting library: the web page and the HTML report both embed
it as it is, with no script and no download, and it reads the same in every browser.
"""

from __future__ import annotations

from html import escape

from eirene.scenario.rounds import ScenarioResult

# Colours for the actors' paths (cycled); the median is drawn in black, the baselines in grey.
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939", "#843c39")
MARGIN = {"left": 48, "right": 150, "top": 16, "bottom": 34}


def paths_svg(result: ScenarioResult, width: int = 760, height: int = 340) -> str:
    """The SVG markup: x = round (0 = the inputs), y = position on the issue's scale."""
    low, high = result.inputs.bounds()
    span = (high - low) or 1.0
    last = len(result.rounds) - 1
    plot_w = width - MARGIN["left"] - MARGIN["right"]
    plot_h = height - MARGIN["top"] - MARGIN["bottom"]

    def x(round_number: int) -> float:
        return MARGIN["left"] + (plot_w * round_number / last if last else plot_w / 2)

    def y(position: float) -> float:
        return MARGIN["top"] + plot_h * (1.0 - (position - low) / span)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="scenario-paths" role="img" viewBox="0 0 {width} '
             f'{height}" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
             f"<title>Positions over {last} rounds of bargaining</title>"]
    parts += _axes(result, x, y, low, high, last, width, height)
    labels = []
    for index, actor in enumerate(result.inputs.actors):
        colour = PALETTE[index % len(PALETTE)]
        points = " ".join(f"{x(r.round):.1f},{y(r.positions[actor.name]):.1f}" for r in result.rounds)
        parts.append(f'<polyline class="path" data-actor="{escape(actor.name)}" fill="none" stroke="{colour}" '
                     f'stroke-width="1.6" points="{points}"><title>{escape(actor.name)}</title></polyline>')
        labels.append((y(result.rounds[-1].positions[actor.name]), actor.name, colour))
    median = " ".join(f"{x(r.round):.1f},{y(r.median):.1f}" for r in result.rounds)
    parts.append(f'<polyline class="median" fill="none" stroke="#000" stroke-width="2.6" stroke-dasharray="6 3" '
                 f'points="{median}"><title>median</title></polyline>')
    labels.append((y(result.forecast), f"median {result.forecast:.4g}", "#000"))
    parts += _labels(labels, width - MARGIN["right"] + 6, MARGIN["top"], height - MARGIN["bottom"])
    parts.append("</svg>")
    return "".join(parts)


def _axes(result: ScenarioResult, x, y, low: float, high: float, last: int, width: int,  # type: ignore[no-untyped-def]
          height: int) -> list[str]:
    """Frame, round ticks, the scale's ends, and the two baselines as grey lines."""
    left, right = MARGIN["left"], width - MARGIN["right"]
    bottom = height - MARGIN["bottom"]
    out = [f'<rect x="{left}" y="{MARGIN["top"]}" width="{right - left}" height="{bottom - MARGIN["top"]}" '
           'fill="#fafafa" stroke="#ccc"/>']
    for number in range(last + 1):
        out.append(f'<text x="{x(number):.1f}" y="{bottom + 14}" text-anchor="middle" fill="#555">{number}</text>')
    out.append(f'<text x="{(left + right) / 2:.1f}" y="{height - 4}" text-anchor="middle" fill="#555">round '
               "(0 = the inputs)</text>")
    for value in (low, (low + high) / 2, high):
        out.append(f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="#555">{value:.4g}</text>')
    for value, name in ((result.baseline_median, "weighted median"), (result.baseline_mean, "weighted mean")):
        out.append(f'<line class="baseline" x1="{left}" x2="{right}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                   f'stroke="#999" stroke-dasharray="2 3"><title>baseline: {name} {value:.4g}</title></line>')
    return out


def _labels(labels: list[tuple[float, str, str]], x: float, top: float, bottom: float) -> list[str]:
    """Names at the end of each path, pushed apart so they do not overlap."""
    placed: list[str] = []
    previous = top - 12.0
    for wanted, text, colour in sorted(labels):
        at = min(max(wanted, previous + 12.0), bottom + 12.0)
        previous = at
        placed.append(f'<text x="{x:.1f}" y="{at + 4:.1f}" fill="{colour}">{escape(text)}</text>')
    return placed
