from typing import Any

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "zhigong.members"
    verbose_name = "会员"

    def ready(self) -> None:
        # djhuey autodiscovers ``<app>.tasks`` only; the periodic jobs live in their own module.
        from zhigong.members import periodic  # noqa: F401
        from zhigong.unions.signals import union_moved

        union_moved.connect(_union_moved, dispatch_uid="members.rollups.subtree_moved")


def _union_moved(sender: Any, *, union: Any, old_ancestor_paths: list[str], **kwargs: Any) -> None:
    from zhigong.members import rollups

    rollups.subtree_moved(union, old_ancestor_paths)
