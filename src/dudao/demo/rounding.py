"""The seed's matching rule, turned round: find counts whose ratio prints as the seed's value.

A figure matches when the computed value, rounded half-up to the decimals the
seed prints, equals the printed value (shared/seed/figures.yaml, header). The
searches below keep a margin from the rounding boundaries, so that a float
computation (DuckDB doubles) rounds the same way as exact arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

MARGIN = Fraction(1, 10**6)  # of the printed unit: far above double rounding error


def half_up(value: Fraction | Decimal | float, decimals: int) -> Decimal:
    exact = Decimal(value) if not isinstance(value, Fraction) else _to_decimal(value)
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def decimals_of(printed: str) -> int:
    return len(printed.partition(".")[2])


def prints_as(value: Fraction, printed: str) -> bool:
    """True when `value` rounds half-up to `printed`, away from the boundaries."""
    target = Fraction(printed)
    half = Fraction(1, 2 * 10 ** decimals_of(printed))
    return target - half + MARGIN <= value < target + half - MARGIN


def numerator_for(printed: str, denominator: int | Fraction, scale: int = 100) -> int:
    """The integer n nearest printed/scale × denominator with scale × n / denominator ≈ printed."""
    guess = Fraction(printed) / scale * Fraction(denominator)
    return _search(round(guess), lambda n: prints_as(scale * Fraction(n, 1) / denominator, printed))


def denominator_for(
    printed: str, numerator: Fraction, scale: int = 100, step: str = "1"
) -> Fraction:
    """The multiple d of `step` nearest scale × numerator / printed with scale × numerator / d ≈ printed."""
    unit = Fraction(step)
    guess = scale * numerator / Fraction(printed) / unit
    found = _search(
        round(guess), lambda k: k > 0 and prints_as(scale * numerator / (k * unit), printed)
    )
    return found * unit


def _search(start: int, ok: Callable[[int], bool], reach: int = 10**6) -> int:
    for candidate in _outward(start, reach):
        if ok(candidate):
            return candidate
    raise ValueError(f"no value near {start} prints as required")


def _outward(start: int, reach: int) -> Iterator[int]:
    yield start
    for step in range(1, reach):
        yield start + step
        yield start - step


def _to_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)
