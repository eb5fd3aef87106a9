"""The org-unit hierarchy that authority comes from: the stored `org_units` register.

A unit's row comes from the approved register when it holds the unit, else from the latest
stored one, so that a return still in review cannot move an approved unit under another parent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dudao.catalogue import default_catalogue
from dudao.store.snapshots import chosen_versions, stored_rows


@dataclass(frozen=True)
class Hierarchy:
    parents: Mapping[str, str | None]  # code -> parent code; None: the top of the hierarchy

    def knows(self, code: str) -> bool:
        return code in self.parents

    def ancestors(self, code: str) -> list[str]:
        """Parent, grandparent, …; stops at the top, at a parent without a row, or at a cycle."""
        chain: list[str] = []
        parent = self.parents.get(code)
        while parent is not None and parent not in chain and parent != code:
            chain.append(parent)
            parent = self.parents.get(parent)
        return chain

    def reviewer(self, code: str) -> str:
        """The unit that approves or sends back `code`'s returns: its parent; the top reviews
        its own (as in DHIS2, where the top level approves at its own level)."""
        return self.parents.get(code) or code

    def verifier(self, code: str) -> str:
        """The unit that verifies `code`'s approved returns: the level above the reviewer."""
        return self.reviewer(self.reviewer(code))

    def depth(self, code: str) -> int:
        return len(self.ancestors(code))


def stored_hierarchy() -> Hierarchy:
    """Two fields of a small table, read on every workflow action."""
    org_units = default_catalogue().tables["org_units"]
    parents: dict[str, str | None] = {}
    for data in ("latest", "approved"):  # approved rows overwrite the latest ones
        rows = stored_rows(org_units, chosen_versions(data).get("org_units", []))
        codes = rows.column("code").to_pylist()  # by version: the newest row wins
        parents.update(zip(codes, rows.column("parent_code").to_pylist(), strict=True))
    return Hierarchy(parents)
