"""Small charts drawn as inline SVG on the server, for PDFs (WeasyPrint runs no JavaScript).

The page charts use ECharts in the browser; a printed briefing needs the same picture without a script,
so this draws the index trend as a plain SVG line over the traffic-light bands.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 30
PAD = 18
BANDS = (("#f8d7da", "red"), ("#fff3cd", "yellow"), ("#d1e7dd", "green"))


def trend_svg(
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    *,
    green_from: Decimal,
    yellow_from: Decimal,
    title: str = "",
) -> str:
    """A line chart of ``values`` (one per label, ``None`` leaves a gap) on a 0..max scale, with the
    red/yellow/green bands of the tenant's thresholds behind it."""
    numbers = [v for v in values if v is not None]
    top = max([Decimal(100), *numbers, green_from]) * Decimal("1.1")
    top = Decimal(int((top + 9) // 10 * 10))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: Decimal) -> float:
        return TOP + plot_h - float(value / top) * plot_h

    def x(i: int) -> float:
        # Points sit inside the plot (PAD from each edge), so the first and last labels stay clear of the axes.
        inner = plot_w - 2 * PAD
        step = inner / max(len(labels) - 1, 1)
        return LEFT + PAD + (i * step if len(labels) > 1 else inner / 2)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">'
    ]
    bounds = (Decimal(0), yellow_from, green_from, top)
    for (fill, name), low, high in zip(BANDS, bounds, bounds[1:], strict=False):
        parts.append(
            f'<rect class="band-{name}" x="{LEFT}" y="{y(high):.1f}" width="{plot_w}" '
            f'height="{y(low) - y(high):.1f}" fill="{fill}"/>'
        )
    for tick in range(0, int(top) + 1, 20 if top > 100 else 10):
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(Decimal(tick)):.1f}" y2="{y(Decimal(tick)):.1f}" '
            'stroke="#dee2e6" stroke-width="0.5"/>'
            f'<text x="{LEFT - 6}" y="{y(Decimal(tick)) + 3:.1f}" font-size="9" text-anchor="end" '
            f'fill="#495057">{tick}</text>'
        )
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 14}" font-size="9" text-anchor="middle" '
            f'fill="#495057">{escape(label[:3])}</text>'
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, value in enumerate(values):
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(value):.1f}")
    if segment:
        segments.append(segment)
    for points in segments:
        parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#0b4f6c" stroke-width="2"/>')
    for i, value in enumerate(values):
        if value is not None:
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3" fill="#0b4f6c"/>'
                f'<text x="{x(i):.1f}" y="{y(value) - 6:.1f}" font-size="8" text-anchor="middle" '
                f'fill="#212529">{_fmt(value)}</text>'
            )
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#6c757d" stroke-width="1"/>'
        f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="#6c757d"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _fmt(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",")
