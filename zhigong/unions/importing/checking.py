"""Checking the rows of an import: every bad cell is reported, none is skipped.

Field rules come from ``zhigong.unions.validation`` (the same rules as the create form).
On top of them: codes unique in the file and new to the database, a parent that is in the
file or (inside the scope) in the database, no cycles, and no row under a bad row.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from zhigong.core.batching import chunked
from zhigong.core.sheets.errors import RowError, place
from zhigong.unions import validation
from zhigong.unions.importing.reading import Sheet, where
from zhigong.unions.importing.rows import ImportRow, ParentNode
from zhigong.unions.models import Union

CYCLE_ROWS_SHOWN = 10


def unions_by_code(
    codes: Collection[str], fields: Sequence[str], *, under: str = "", lock: bool = False
) -> list[tuple[Any, ...]]:
    """``fields`` of the unions with these codes (inside ``under`` when given).

    On PostgreSQL the codes go as one array (``= ANY``): binding 10,000 parameters a query
    costs more than the query. Elsewhere they go in batches the database can bind.
    """
    if not codes:
        return []
    if connection.vendor != "postgresql":
        found: list[tuple[Any, ...]] = []
        for batch in chunked(codes):
            query = Union.objects.filter(code__in=batch)
            if under:
                query = query.filter(path__startswith=under)
            if lock:
                query = query.select_for_update()
            found.extend(query.values_list(*fields))
        return found
    quote = connection.ops.quote_name
    column_of = {f.name: f.column for f in Union._meta.concrete_fields}
    columns = ", ".join(quote(column_of[f]) for f in fields)
    sql = f"SELECT {columns} FROM {quote(Union._meta.db_table)} WHERE {quote('code')} = ANY(%s)"
    params: list[Any] = [list(codes)]
    if under:  # paths are base-36 digits only: nothing to escape
        sql += f" AND {quote('path')} LIKE %s"
        params.append(f"{under}%")
    if lock:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


class Checker:
    """Runs the checks over a read sheet; ``errors`` and the rows' parent links are the result.

    ``anchor`` is the union a staff member imports under: a row without a parent goes
    directly under it, and a parent from the database must lie inside its subtree. Without
    an anchor (an operator on the command line) a row without a parent becomes a new root.
    """

    def __init__(self, sheet: Sheet, *, anchor: ParentNode | None, lock: bool = False) -> None:
        self.sheet = sheet
        self.rows = sheet.rows
        self.anchor = anchor
        self.lock = lock
        self.errors: list[RowError] = []
        self.bad = [False] * len(self.rows)
        self.first_row_of: dict[str, int] = {}
        self.order: list[int] = []  # rows in topological order (parents first), when all is well

    def add(self, index: int, field: str, message: str) -> None:
        self.errors.append(self.sheet.error(self.rows[index], field, message))
        self.bad[index] = True

    def run(self) -> list[RowError]:
        self.check_fields()
        self.check_codes()
        self.resolve_parents()
        in_cycle = self.check_cycles()
        self.order_and_propagate(in_cycle)
        # Stable: a row's cells stay in check order. Sheets keep the file's order.
        sheets = {name: i for i, name in enumerate(self.sheet.layouts)}
        self.errors.sort(key=lambda e: (sheets.get(e.sheet, 0), e.row))
        return self.errors

    # -- each row on its own ---------------------------------------------------------------
    def check_fields(self) -> None:
        for i, row in enumerate(self.rows):
            if message := validation.check_code(row.code):
                self.add(i, "code", message)
            if message := validation.check_name(row.name):
                self.add(i, "name", message)
            if message := validation.check_short_name(row.short_name):
                self.add(i, "short_name", message)
            kind = validation.normalise_kind(row.kind)
            level = validation.normalise_level(row.level)
            for field, message in validation.check_kind_level(
                kind, level, row.kind, row.level
            ).items():
                self.add(i, field, message)
            row.kind_value, row.level_value = kind or "", level or ""
            if message := validation.check_region_code(row.region_code):
                self.add(i, "region_code", message)

    # -- codes: unique in the file, new to the database ------------------------------------
    def check_codes(self) -> None:
        for i, row in enumerate(self.rows):
            if not row.code:
                continue
            first = self.first_row_of.setdefault(row.code, i)
            if first != i:
                self.add(
                    i,
                    "code",
                    _("编码“%(code)s”与%(place)s重复。")
                    % {"code": row.code, "place": where(self.rows[first], row)},
                )
        candidates = [c for c in self.first_row_of if validation.CODE_RE.match(c)]
        existing = {code for (code,) in unions_by_code(candidates, ["code"])}
        for i, row in enumerate(self.rows):
            if row.code in existing:
                self.add(i, "code", _("编码“%(code)s”已存在。") % {"code": row.code})

    # -- parents ---------------------------------------------------------------------------
    def resolve_parents(self) -> None:
        wanted: set[str] = set()
        for row in self.rows:
            if not row.parent_code:
                row.db_parent = self.anchor  # None: a new root (operators only)
            elif (parent := self.first_row_of.get(row.parent_code)) is not None:
                row.parent_index = parent
            else:
                wanted.add(row.parent_code)
        found = self.find_parents(wanted)
        for i, row in enumerate(self.rows):
            if row.parent_index >= 0:
                continue
            if row.parent_code:
                row.db_parent = found.get(row.parent_code)
                if row.db_parent is None:
                    self.add(i, "parent_code", self.unknown_parent_message(row.parent_code))
                    continue
            if row.db_parent is not None and not row.db_parent.is_active:
                self.add(
                    i,
                    "parent_code",
                    _("上级工会“%(code)s”已停用，不能在它下面导入。")
                    % {"code": row.db_parent.code},
                )

    def find_parents(self, codes: Collection[str]) -> dict[str, ParentNode]:
        rows = unions_by_code(
            codes,
            ["id", "code", "path", "depth", "is_active"],
            under=self.anchor.path if self.anchor else "",
            lock=self.lock,  # PostgreSQL: no one adds children under them until we commit
        )
        return {row[1]: ParentNode(*row) for row in rows}

    def unknown_parent_message(self, code: str) -> str:
        if self.anchor is not None:
            # The same words whether the code is unknown or outside the scope: no leak.
            return _("上级编码“%(code)s”既不在本文件中，也不在可导入的工会范围内。") % {
                "code": code
            }
        return _("上级编码“%(code)s”既不在本文件中，也不在系统中。") % {"code": code}

    # -- cycles ----------------------------------------------------------------------------
    def check_cycles(self) -> list[bool]:
        """Mark every row of every cycle (A→B→A, or a row that is its own parent)."""
        rows = self.rows
        state = [0] * len(rows)  # 0 not seen, 1 on the current walk, 2 finished
        in_cycle = [False] * len(rows)
        for start in range(len(rows)):
            walk: list[int] = []
            i = start
            while i >= 0 and state[i] == 0:
                state[i] = 1
                walk.append(i)
                i = rows[i].parent_index
            if i >= 0 and state[i] == 1:
                cycle = walk[walk.index(i) :]
                for j in cycle:
                    in_cycle[j] = True
                    self.add(j, "parent_code", self.cycle_message(cycle))
            for j in walk:
                state[j] = 2
        return in_cycle

    def cycle_message(self, cycle: list[int]) -> str:
        if len(cycle) == 1:
            return _("上级编码不能是本行自己的编码。")
        rows = sorted((self.rows[j] for j in cycle), key=lambda r: (r.sheet, r.row))
        if len({r.sheet for r in rows}) == 1:
            shown = "、".join(str(r.row) for r in rows[:CYCLE_ROWS_SHOWN])
            if len(rows) > CYCLE_ROWS_SHOWN:
                shown = _("%(rows)s 等 %(count)s 行") % {"rows": shown, "count": len(rows)}
            return _("上级关系形成了循环（第 %(rows)s 行），无法确定谁在上。") % {"rows": shown}
        places = "、".join(place(r.row, r.sheet) for r in rows[:CYCLE_ROWS_SHOWN])
        if len(rows) > CYCLE_ROWS_SHOWN:
            places = _("%(rows)s 等 %(count)s 行") % {"rows": places, "count": len(rows)}
        return _("上级关系形成了循环（%(places)s），无法确定谁在上。") % {"places": places}

    # -- order, and nothing under a bad row ------------------------------------------------
    def order_and_propagate(self, in_cycle: list[bool]) -> None:
        rows = self.rows
        children: list[list[int]] = [[] for _row in rows]
        order = []
        for i, row in enumerate(rows):
            if row.parent_index >= 0:
                children[row.parent_index].append(i)
            else:
                order.append(i)
        reached = [False] * len(rows)
        head = 0
        while head < len(order):  # breadth first: parents before children, file order kept
            parent = order[head]
            head += 1
            reached[parent] = True
            for child in children[parent]:
                if self.bad[parent]:
                    self.add_parent_is_bad(child)
                order.append(child)
        for i in range(len(rows)):
            if not reached[i] and not in_cycle[i]:  # below a cycle
                self.add_parent_is_bad(i)
        self.order = order

    def add_parent_is_bad(self, index: int) -> None:
        row = self.rows[index]
        self.add(index, "parent_code", parent_is_bad_message(self.rows[row.parent_index], row))


def parent_is_bad_message(parent: ImportRow, row: ImportRow) -> str:
    return _("上级编码所在的%(place)s有错误，本行也无法导入。") % {"place": where(parent, row)}


def check_sheet(sheet: Sheet, *, anchor: ParentNode | None, lock: bool = False) -> Checker:
    checker = Checker(sheet, anchor=anchor, lock=lock)
    checker.run()
    return checker
