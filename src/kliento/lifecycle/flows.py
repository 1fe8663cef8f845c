"""The layout of a flow (Sankey) chart: nodes in columns, bands between them as wide as the
number of customers who went that way, and the customers who went no further (drop-off).

Columns are steps (the first contact, the second …) or months; a link from a node to
``None`` is a drop-off: those customers stop at that node. Geometry only — the page draws it.
"""

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FlowNode:
    column: int
    key: Hashable
    value: int  # customers at this node
    dropped: int  # of them, those who went no further
    x: float
    y: float
    height: float


@dataclass(frozen=True, slots=True)
class FlowLink:
    column: int  # of the source
    source: Hashable
    target: Hashable
    value: int
    path: str  # an SVG path ("d") outlining the band
    width: float


@dataclass(frozen=True, slots=True)
class FlowLayout:
    nodes: list[FlowNode]
    links: list[FlowLink]
    width: float
    height: float
    node_width: float


def flow_layout(links: Sequence[tuple[int, Hashable, Hashable | None, int]], *,
                width: float = 900, height: float = 360, node_width: float = 14,
                gap: float = 10) -> FlowLayout:
    """Lay out ``links`` — (column, source, target or None, customers) — in ``width`` ×
    ``height``. A node's size is what leaves it (onwards or dropped), or, in the last column,
    what arrives. Nodes are stacked largest first; one scale for every column, so bands keep
    their width from end to end.

    >>> layout = flow_layout([(0, "web", "store", 30), (0, "web", None, 10),
    ...                       (0, "phone", "store", 20)], height=100, gap=0)
    >>> [(n.column, n.key, n.value, n.dropped) for n in layout.nodes]
    [(0, 'web', 40, 10), (0, 'phone', 20, 0), (1, 'store', 50, 0)]
    >>> [round(n.height) for n in layout.nodes]
    [67, 33, 83]
    """
    if any(count < 0 for *_rest, count in links):
        raise ValueError("a link cannot carry a negative number of customers")
    outgoing: dict[tuple[int, Hashable], int] = defaultdict(int)
    incoming: dict[tuple[int, Hashable], int] = defaultdict(int)
    dropped: dict[tuple[int, Hashable], int] = defaultdict(int)
    for column, source, target, count in links:
        outgoing[(column, source)] += count
        if target is None:
            dropped[(column, source)] += count
        else:
            incoming[(column + 1, target)] += count
    sizes = {key: max(outgoing.get(key, 0), incoming.get(key, 0))
             for key in set(outgoing) | set(incoming)}
    columns = sorted({column for column, _key in sizes})
    if not columns:
        return FlowLayout([], [], width, height, node_width)
    per_column = {c: sorted((key for key in sizes if key[0] == c),
                            key=lambda key: (-sizes[key], str(key[1]))) for c in columns}
    scale = (height - max(gap * (len(keys) - 1) for keys in per_column.values())) / max(
        1, max(sum(sizes[key] for key in keys) for keys in per_column.values()))
    step = (width - node_width) / max(1, len(columns) - 1)
    nodes: dict[tuple[int, Hashable], FlowNode] = {}
    for c in columns:
        y = 0.0
        for key in per_column[c]:
            nodes[key] = FlowNode(c, key[1], sizes[key], dropped.get(key, 0),
                                  (c - columns[0]) * step, y, sizes[key] * scale)
            y += sizes[key] * scale + gap
    out_cursor = {key: node.y for key, node in nodes.items()}
    in_cursor = dict(out_cursor)
    drawn = []
    ordered = sorted((link for link in links if link[2] is not None),
                     key=lambda link: (link[0], nodes[(link[0], link[1])].y,
                                       nodes[(link[0] + 1, link[2])].y))
    for column, source, target, count in ordered:
        start, end = nodes[(column, source)], nodes[(column + 1, target)]
        thickness = count * scale
        y0, y1 = out_cursor[(column, source)], in_cursor[(column + 1, target)]
        out_cursor[(column, source)] += thickness
        in_cursor[(column + 1, target)] += thickness
        x0, x1 = start.x + node_width, end.x
        middle = (x0 + x1) / 2
        path = (f"M{x0:.1f},{y0:.1f} C{middle:.1f},{y0:.1f} {middle:.1f},{y1:.1f} "
                f"{x1:.1f},{y1:.1f} L{x1:.1f},{y1 + thickness:.1f} C{middle:.1f},"
                f"{y1 + thickness:.1f} {middle:.1f},{y0 + thickness:.1f} {x0:.1f},"
                f"{y0 + thickness:.1f} Z")
        drawn.append(FlowLink(column, source, target, count, path, thickness))
    return FlowLayout(list(nodes.values()), drawn, width, height, node_width)
