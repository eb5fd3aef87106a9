"""Exact apportionment: split a calibrated total over units so that the parts sum to it.

Every calibrated figure is a ratio of sums; computing the sum first and then
apportioning it (largest remainder, Hamilton's method) makes the figure exact
however the parts are drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal


def allocate(total: int, weights: Sequence[float], caps: Sequence[int] | None = None) -> list[int]:
    """Split `total` in proportion to `weights`; no part exceeds its cap, parts sum to `total`."""
    if total < 0:
        raise ValueError(f"cannot allocate a negative total {total}")
    limits = list(caps) if caps is not None else [total] * len(weights)
    if sum(limits) < total:
        raise ValueError(f"caps {sum(limits)} cannot hold {total}")
    parts = [0] * len(weights)
    free = [i for i, weight in enumerate(weights) if weight > 0 and limits[i] > 0]
    remaining = total
    while remaining and free:
        shares = _shares(remaining, [weights[i] for i in free])
        over = [i for i, share in zip(free, shares, strict=True) if share >= limits[i]]
        if not over:
            for i, part in zip(free, _round(remaining, shares), strict=True):
                parts[i] = part
            return parts
        for i in over:  # a capped part takes its cap; the rest is shared anew
            parts[i] = limits[i]
            remaining -= limits[i]
        free = [i for i in free if i not in over]
    if remaining:
        raise ValueError(f"no positive weight left for {remaining} of {total}")
    return parts


def allocate_amount(total: Decimal, weights: Sequence[float], step: str = "0.1") -> list[Decimal]:
    """Split an amount (万元, m²) in units of `step`, exactly."""
    unit = Decimal(step)
    units = int((total / unit).to_integral_exact())
    return [part * unit for part in allocate(units, weights)]


def _shares(total: int, weights: Sequence[float]) -> list[float]:
    weight_sum = sum(weights)
    return [total * weight / weight_sum for weight in weights]


def _round(total: int, shares: Sequence[float]) -> list[int]:
    floors = [int(share) for share in shares]
    short = total - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (floors[i] - shares[i], i))
    for i in order[:short]:
        floors[i] += 1
    return floors
