"""Disjoint sets (union-find): the grouping behind merging papers and clustering people."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

Item = TypeVar("Item", bound=Hashable)


class DisjointSets(Generic[Item]):
    """Each group is named by its smallest member, so grouping does not depend on input order."""

    def __init__(self, items: Iterable[Item]) -> None:
        self.parent: dict[Item, Item] = {item: item for item in items}

    def find(self, item: Item) -> Item:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: Item, b: Item) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> dict[Item, list[Item]]:
        """Root → members, both in sorted order."""
        found: dict[Item, list[Item]] = {}
        for item in sorted(self.parent):
            found.setdefault(self.find(item), []).append(item)
        return found
