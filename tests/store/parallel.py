"""Run imports in threads, each with its own database connection, as parallel uploads would."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from django.db import connections

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_parallel(work: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    def one(item: Item) -> Result:
        try:
            return work(item)
        finally:
            connections.close_all()  # this thread's connection

    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(one, items))
