"""The words of the audit log: what its codes mean to people.

Services record short codes (``member_change.confirm``, ``members.member``, ``gender:
[None, "male"]``); pages show 确认资料变更, 会员 张*, 性别：（空）→ 男. Each app keeps the
words for what it records, beside the code that records it, in its own ``audit_words.py``::

    WORDS = AuditWords(
        actions={"member.create": _("会员建档")},
        targets={"members.member": _("会员")},
        fields={"members.member": {"gender": _("性别")}},
        values={"members.member": {"gender": dict(Gender.choices)}},
        workflows={"card": _("会员卡")},           # "card.active" → 会员卡：已启用
        personal=frozenset({"members.member"}),   # its label is a person's name: masked
        union_fields=frozenset({"union"}),        # values that are union codes: shown by name
        channels={"page": _("网页")},              # how the access log says a view was made
    )

``fields["*"]`` and ``values["*"]`` hold words for a field of any record.

``words()`` gathers every app's (found like the menus, ``core.discovery``), so a new service
adds its words in its own folder and the audit pages (the ``audit`` app) and a record's own
history speak them without an edit elsewhere. A code without words is shown as it is (and a
test fails on any action the code base records without a label).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhigong.core.discovery import app_modules
from zhigong.core.masking import mask_name
from zhigong.core.workflow import WORKFLOWS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# What Django's default ``__str__`` writes ("MemberChangeRequest object (1)"): no name at all.
_NAMELESS = re.compile(r"^\w+ object \([^)]*\)$")


@dataclass(frozen=True)
class AuditWords:
    actions: Mapping[str, StrOrPromise] = field(default_factory=dict)
    targets: Mapping[str, StrOrPromise] = field(default_factory=dict)
    fields: Mapping[str, Mapping[str, StrOrPromise]] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, Mapping[str, StrOrPromise]]] = field(default_factory=dict)
    workflows: Mapping[str, StrOrPromise] = field(default_factory=dict)
    personal: frozenset[str] = frozenset()
    union_fields: frozenset[str] = frozenset()
    channels: Mapping[str, StrOrPromise] = field(default_factory=dict)  # of the access log

    def merged(self, other: AuditWords) -> AuditWords:
        def deep(
            a: Mapping[str, Mapping[str, Any]], b: Mapping[str, Mapping[str, Any]]
        ) -> dict[str, Any]:
            out = {k: dict(v) for k, v in a.items()}
            for k, v in b.items():
                out.setdefault(k, {}).update(v)
            return out

        return AuditWords(
            actions={**self.actions, **other.actions},
            targets={**self.targets, **other.targets},
            fields=deep(self.fields, other.fields),
            values=deep(self.values, other.values),
            workflows={**self.workflows, **other.workflows},
            personal=self.personal | other.personal,
            union_fields=self.union_fields | other.union_fields,
            channels={**self.channels, **other.channels},
        )

    # --- reading ------------------------------------------------------------------------------

    def action_label(self, code: str) -> str:
        """``member_change.confirm`` → 确认资料变更; a workflow's own move (``card.active``)
        → 会员卡：已启用; an unknown code as it is."""
        if code in self.actions:
            return str(self.actions[code])
        name, _dot, status = code.partition(".")
        flow = next((w for w in WORKFLOWS if w.name == name), None)
        if flow is not None and name in self.workflows and status in flow.statuses.values:
            return f"{self.workflows[name]}：{flow.label(status)}"
        return code

    def known_actions(self) -> dict[str, str]:
        """Every action code with words, and its label (for a filter's choices)."""
        known = {code: str(label) for code, label in self.actions.items()}
        for flow in WORKFLOWS:
            if flow.name in self.workflows:
                reachable = {new for old in flow.statuses.values for new in flow.next_statuses(old)}
                for status in sorted(reachable):
                    known.setdefault(
                        f"{flow.name}.{status}", self.action_label(f"{flow.name}.{status}")
                    )
        return known

    def target_noun(self, target_type: str) -> str:
        return str(self.targets.get(target_type, target_type))

    def target_label(self, target_type: str, target_id: str, label: str, *, mask: bool) -> str:
        """会员 张*丰 · 工会 江岸区总工会 · 会籍转移 #3 (a record with no name of its own)."""
        noun = self.target_noun(target_type)
        if not label or _NAMELESS.match(label):
            return f"{noun} #{target_id}"
        if target_type in self.personal:
            name = label.split(" (", 1)[0].strip()  # an application's label carries its status
            return f"{noun} {mask_name(name) if mask else name}"
        # Codes inside a label ("officer grassroots_officer") read as their values' words.
        codes = {
            code: str(word)
            for words_of_field in self.values.get(target_type, {}).values()
            for code, word in words_of_field.items()
        }
        return f"{noun} " + " ".join(codes.get(token, token) for token in label.split(" "))

    def channel_label(self, channel: str) -> str:
        return str(self.channels.get(channel, channel))

    def field_label(self, target_type: str, name: str) -> str:
        return str(
            self.fields.get(target_type, {}).get(name) or self.fields.get("*", {}).get(name) or name
        )

    def value_label(
        self,
        target_type: str,
        name: str,
        value: Any,
        *,
        unions: Mapping[str, str] | None = None,
        mask: bool = False,
    ) -> str:
        if value is None or value == "" or value == []:
            return _("（空）")
        if isinstance(value, bool):
            return _("是") if value else _("否")
        if isinstance(value, list):
            return "、".join(
                self.value_label(target_type, name, v, unions=unions, mask=mask) for v in value
            )
        text = str(value)
        if name in self.union_fields and unions and text in unions:
            return unions[text]
        labels = self.values.get(target_type, {}).get(name) or self.values.get("*", {}).get(name)
        if labels and text in labels:
            return str(labels[text])
        if mask and name == "name" and target_type in self.personal:
            return mask_name(text)
        return text

    def union_codes(self, changes: Mapping[str, Any]) -> set[str]:
        """The union codes a record's changes hold (to look their names up in one query)."""
        codes: set[str] = set()
        for name, pair in changes.items():
            if name in self.union_fields and isinstance(pair, list):
                codes |= {str(v) for v in pair if isinstance(v, str) and v}
        return codes

    def change_lines(
        self,
        target_type: str,
        changes: Mapping[str, Any],
        *,
        unions: Mapping[str, str] | None = None,
        mask: bool = False,
    ) -> list[ChangeLine]:
        """``{"gender": [None, "male"]}`` → [性别：（空）→ 男]."""
        lines = []
        for name, pair in changes.items():
            before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            old = self.value_label(target_type, name, before, unions=unions, mask=mask)
            new = self.value_label(target_type, name, after, unions=unions, mask=mask)
            if old != new:  # None and "" were both recorded for "nothing": no change to show
                lines.append(ChangeLine(self.field_label(target_type, name), old, new))
        return lines


@dataclass(frozen=True)
class ChangeLine:
    field: str
    before: str
    after: str


@functools.cache
def words() -> AuditWords:
    """Every app's words, merged (found once per process)."""
    merged = AuditWords()
    for module in app_modules("audit_words"):
        found = getattr(module, "WORDS", None)
        if isinstance(found, AuditWords):
            merged = merged.merged(found)
    return merged


# The words of core's own events: the working-day calendar's schedules.
WORDS = AuditWords(
    actions={
        "holidays.load_package": gettext_lazy("载入节假日安排（软件包）"),
        "holidays.import_sheet": gettext_lazy("导入节假日安排（表格）"),
        "holidays.confirm_year": gettext_lazy("确认某年的节假日安排"),
        "holidays.withdraw_year": gettext_lazy("撤销某年节假日安排的确认"),
    },
    targets={"core.holidayyear": gettext_lazy("节假日年度")},
)
