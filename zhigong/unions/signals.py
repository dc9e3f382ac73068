"""Signals of the union tree, for apps that keep figures per subtree (members' rollups)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the move's transaction, after the move: ``union`` (with its new path) and
# ``old_ancestor_paths`` (its ancestors' paths before the move, root first).
union_moved = Signal()
