"""Node positions for the HTML view, computed once at build time.

Running vis-network's physics in the browser costs about 55 ms per iteration
at 5,000 nodes, so a readable layout would take tens of seconds to settle.
Instead the page is drawn from positions computed here with a seeded
Fruchterman-Reingold layout in numpy, and physics stays off.

Repulsion is exact (all pairs, O(n²) per iteration) up to ``EXACT_LIMIT``
nodes; above it, a particle-mesh approximation spreads the nodes on a grid and
convolves the density with the 1/r force kernel by FFT, which is
O(n + G² log G) per iteration and lays out 20,000 nodes in a few seconds.
Same graph, same seed: same positions (rounded, so the page is byte-identical).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

EXACT_LIMIT = 200
SPACING = 35.0  # about this many vis-network pixels per node across the layout


def half_width(n: int) -> float:
    """Half-width of the layout box for ``n`` nodes, in vis-network pixels.

    Grows with √n so nodes keep about the same spacing: at zoom 1 a big graph
    shows a few hundred nodes with readable labels, not all of them on top of
    each other.
    """
    return max(600.0, SPACING * math.sqrt(n))


def force_layout(
    n: int,
    edges: Sequence[tuple[int, int]],
    *,
    seed: int = 7,
    iterations: int | None = None,
    fixed: dict[int, tuple[float, float]] | None = None,
) -> np.ndarray:
    """Positions (n×2, in a ±half_width(n) box) for nodes 0..n-1 joined by ``edges``.

    ``fixed`` pins some nodes at given coordinates (already in layout units);
    the others settle around them. Cost: O(iterations · n²) up to EXACT_LIMIT
    nodes, O(iterations · (n + e + G² log G)) above.
    """
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    scale = half_width(n)
    fixed = fixed or {}
    pos = rng.uniform(-1.0, 1.0, size=(n, 2))
    mask = np.zeros(n, dtype=bool)
    if fixed:
        idx = np.fromiter(fixed.keys(), dtype=np.int64)
        pts = np.array([fixed[i] for i in idx.tolist()], dtype=float) / scale
        pos[idx] = pts
        mask[idx] = True
        # start free nodes next to a random pinned node so they need not travel far
        pos[~mask] = pts[rng.integers(0, len(pts), size=int((~mask).sum()))] + rng.normal(
            0, 0.05, size=(int((~mask).sum()), 2)
        )
    if n == 1:
        return _finish(pos, mask, scale)
    e = np.array(sorted(set(edges)), dtype=np.int64).reshape(-1, 2)
    e = e[e[:, 0] != e[:, 1]]
    k = math.sqrt(4.0 / n)  # ideal edge length in a 2×2 box
    if iterations is None:
        iterations = 300 if n <= EXACT_LIMIT else 200
    temp = 0.2
    cool = temp / (iterations + 1)
    mesh = None if n <= EXACT_LIMIT else _Mesh(128)
    for _ in range(iterations):
        disp = _repulsion_exact(pos, k) if mesh is None else mesh.repulsion(pos, k)
        if len(e):
            d = pos[e[:, 1]] - pos[e[:, 0]]
            dist = np.sqrt((d * d).sum(axis=1)) + 1e-9
            f = d * (dist / k)[:, None]
            disp[:, 0] += np.bincount(e[:, 0], f[:, 0], n) - np.bincount(e[:, 1], f[:, 0], n)
            disp[:, 1] += np.bincount(e[:, 0], f[:, 1], n) - np.bincount(e[:, 1], f[:, 1], n)
        disp -= pos * (0.05 * k)  # weak gravity keeps separate components in view
        length = np.sqrt((disp * disp).sum(axis=1)) + 1e-9
        step = disp * (np.minimum(length, temp) / length)[:, None]
        step[mask] = 0.0
        pos += step
        temp -= cool
    if mesh is not None:
        pos = _spread(pos, mask, 0.3 * k)
    return _finish(pos, mask, scale)


NODE_GAP = 60.0  # pixels between most nodes and their nearest neighbour
COMPONENT_GAP = 80.0  # pixels between packed components


def component_layout(n: int, edges: Sequence[tuple[int, int]], *, seed: int = 7) -> np.ndarray:
    """Positions in vis-network pixels: each connected component laid out on
    its own, scaled so that four nodes in five are at least NODE_GAP from their
    nearest neighbour, then packed in rows, biggest first.

    One force layout over several components pushes them apart and leaves each
    one small and crowded; laying them out separately keeps every part readable.
    """
    if n == 0:
        return np.zeros((0, 2))
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(root(i), []).append(i)
    comps = sorted(members.values(), key=lambda c: (-len(c), c[0]))
    local_edges: dict[int, list[tuple[int, int]]] = {}
    where = {}
    for ci, comp in enumerate(comps):
        for li, node in enumerate(comp):
            where[node] = (ci, li)
    for a, b in edges:
        ca, la = where[a]
        local_edges.setdefault(ca, []).append((la, where[b][1]))
    boxes = []
    for ci, comp in enumerate(comps):
        p = force_layout(len(comp), local_edges.get(ci, []), seed=seed)
        if len(comp) > 1:
            gap = _nearest_quantile(p, 0.2)
            p = p * (NODE_GAP / gap if gap > 1e-9 else 1.0)
        p = p - p.min(axis=0)
        boxes.append(p)
    # shelf packing: rows about as wide as the square root of the total area
    area = sum(float((b.max(axis=0)[0] + COMPONENT_GAP) * (b.max(axis=0)[1] + COMPONENT_GAP)) for b in boxes)
    row_width = max(math.sqrt(area) * 1.2, float(boxes[0].max(axis=0)[0]))
    out = np.zeros((n, 2))
    x = y = row_height = 0.0
    for comp, p in zip(comps, boxes, strict=True):
        w, h = (float(v) for v in p.max(axis=0))
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + COMPONENT_GAP, 0.0
        out[comp] = p + (x, y)
        x += w + COMPONENT_GAP
        row_height = max(row_height, h)
    out -= (out.max(axis=0) + out.min(axis=0)) / 2
    return np.round(out, 1)


def _nearest_quantile(pos: np.ndarray, q: float, sample: int = 400) -> float:
    """The q-quantile of nearest-neighbour distances (over a fixed sample of nodes)."""
    n = len(pos)
    idx = np.linspace(0, n - 1, min(n, sample)).astype(np.int64)
    nearest = np.empty(len(idx))
    for start in range(0, len(idx), 50):
        chunk = idx[start:start + 50]
        d = ((pos[chunk, None, :] - pos[None, :, :]) ** 2).sum(axis=2)
        d[np.arange(len(chunk)), chunk] = np.inf
        nearest[start:start + 50] = np.sqrt(d.min(axis=1))
    return float(np.quantile(nearest, q))


def _spread(pos: np.ndarray, mask: np.ndarray, gap: float) -> np.ndarray:
    """Spread nodes that ended in the same ``gap``-sized cell on a small circle.

    The particle mesh does not push apart nodes within one grid cell (leaves of
    one parent end on top of each other); this places each such group on a
    circle around its centre, in index order, so every node can be seen and clicked.
    """
    cells = np.floor(pos / gap).astype(np.int64)
    _, group, sizes = np.unique(cells, axis=0, return_inverse=True, return_counts=True)
    group = group.reshape(-1)
    order = np.argsort(group, kind="stable")
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    rank = np.empty(len(pos), dtype=np.int64)
    rank[order] = np.arange(len(pos)) - starts[group[order]]
    size = sizes[group]
    crowded = (size > 1) & ~mask
    if not crowded.any():
        return pos
    centre = np.zeros((len(sizes), 2))
    np.add.at(centre, group, pos)
    centre /= sizes[:, None]
    angle = 2 * np.pi * rank / size
    radius = gap * 0.5 * np.sqrt(size)
    out = pos.copy()
    out[crowded, 0] = centre[group[crowded], 0] + radius[crowded] * np.cos(angle[crowded])
    out[crowded, 1] = centre[group[crowded], 1] + radius[crowded] * np.sin(angle[crowded])
    return out


def _repulsion_exact(pos: np.ndarray, k: float) -> np.ndarray:
    dx = pos[:, 0, None] - pos[None, :, 0]
    dy = pos[:, 1, None] - pos[None, :, 1]
    dist2 = dx * dx + dy * dy
    np.fill_diagonal(dist2, np.inf)
    w = (k * k) / np.maximum(dist2, 1e-6)
    return np.stack([(dx * w).sum(axis=1), (dy * w).sum(axis=1)], axis=1)


class _Mesh:
    """Particle-mesh repulsion on a G×G grid over the nodes' bounding box."""

    def __init__(self, g: int) -> None:
        self.g = g
        m = 2 * g
        off = np.arange(m)
        off = np.where(off < g, off, off - m).astype(float)
        dx, dy = np.meshgrid(off, off, indexing="ij")
        r2 = dx * dx + dy * dy
        r2[0, 0] = np.inf
        self.kx = np.fft.rfft2(dx / r2)
        self.ky = np.fft.rfft2(dy / r2)

    def repulsion(self, pos: np.ndarray, k: float) -> np.ndarray:
        g = self.g
        lo = pos.min(axis=0)
        span = float((pos.max(axis=0) - lo).max()) * 1.0001 + 1e-9
        h = span / (g - 1)
        u = (pos - lo) / h
        i0 = np.clip(np.floor(u).astype(np.int64), 0, g - 2)
        f = u - i0
        fx0, fy0 = f[:, 0], f[:, 1]
        w = [(1 - fx0) * (1 - fy0), fx0 * (1 - fy0), (1 - fx0) * fy0, fx0 * fy0]
        cells = [(0, 0), (1, 0), (0, 1), (1, 1)]
        m = 2 * g
        rho = np.zeros(m * m)
        for (ox, oy), wi in zip(cells, w, strict=True):
            rho += np.bincount((i0[:, 0] + ox) * m + i0[:, 1] + oy, wi, m * m)
        rho = rho.reshape(m, m)
        rf = np.fft.rfft2(rho)
        fx = np.fft.irfft2(rf * self.kx, s=rho.shape)
        fy = np.fft.irfft2(rf * self.ky, s=rho.shape)
        out = np.zeros_like(pos)
        for (ox, oy), wi in zip(cells, w, strict=True):
            out[:, 0] += wi * fx[i0[:, 0] + ox, i0[:, 1] + oy]
            out[:, 1] += wi * fy[i0[:, 0] + ox, i0[:, 1] + oy]
        return out * (k * k / h)


def _finish(pos: np.ndarray, mask: np.ndarray, scale: float) -> np.ndarray:
    """Scale free layouts into the ±scale box; pinned layouts keep their units."""
    if mask.any():
        return np.round(pos * scale, 1)
    centre = (pos.max(axis=0) + pos.min(axis=0)) / 2
    span = float(np.abs(pos - centre).max()) or 1.0
    return np.round((pos - centre) / span * scale, 1)


def project(lat_lon: dict[int, tuple[float, float]], scale: float) -> dict[int, tuple[float, float]]:
    """Equirectangular projection of (latitude, longitude) into the ±scale box
    (north up), keeping the aspect ratio at the mean latitude."""
    if not lat_lon:
        return {}
    lats = np.array([v[0] for v in lat_lon.values()])
    lons = np.array([v[1] for v in lat_lon.values()])
    c = math.cos(math.radians(float(lats.mean())))
    xs, ys = lons * c, -lats
    cx, cy = (xs.max() + xs.min()) / 2, (ys.max() + ys.min()) / 2
    span = max(float(xs.max() - xs.min()), float(ys.max() - ys.min())) / 2 or 1.0
    out = {}
    for (i, (lat, lon)) in lat_lon.items():
        out[i] = ((lon * c - cx) / span * scale * 0.9, (-lat - cy) / span * scale * 0.9)
    return out
