"""Queries every request makes, compiled to SQL once per process.

Building SQL from a queryset costs the ORM a few tenths of a millisecond each time (the
joins, the select list, the quoting), which for the reads every logged-in request makes (the
account with its grants, a member's own card) was more than the database's own time.
``CompiledQuery`` builds the queryset once, keeps its SQL, the backend's value converters and
how rows become model instances (as ``QuerySet`` does, ``select_related`` included), and runs
the SQL again with a new value for its one varying parameter. The queryset stays the
definition: the first call of each process runs it through the ORM, and
``tests/test_compiled.py`` compares both ways.

Only for a definition whose other parameters are constants: a queryset holding the time or
anything else that changes between calls is noticed when compiled (it is built twice and
must give the same SQL and parameters) and always run through the ORM, as is one with
annotations on model instances or a kind of result other than instances or tuples.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import (  # type: ignore[attr-defined]  # Django's own machinery
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple[Any, ...]  # the compiled parameters; ``value`` goes at each of ``slots``
    slots: tuple[tuple[int, bool], ...]  # where, and whether as text (SQLite's dates)
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]  # column, functions, expression
    model: Any = None  # for instances: the model, its columns' range and attribute names
    start: int = 0
    end: int = 0
    init_list: tuple[str, ...] = ()
    populators: tuple[Any, ...] = ()  # the ``select_related`` objects


_ORM_ONLY = _Plan("", (), (), ())


def _probe(value: Any) -> Any:
    """Another value of the same type, to tell where ``value`` goes among the parameters."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value + 1
    if isinstance(value, datetime):
        return value + timedelta(microseconds=1)
    if isinstance(value, date):
        return value + timedelta(days=1)
    if isinstance(value, str):
        return value + "~"
    return None


class CompiledQuery:
    """``build(value)`` gives a queryset (model instances, or ``values_list`` tuples) in which
    ``value`` (an id, a date, a time, a text) is one or more SQL parameters; other parameters
    are constants of the definition."""

    def __init__(self, build: Callable[[Any], QuerySet[Any]]) -> None:
        self.build = build
        self._plans: dict[str, _Plan] = {}  # per database alias

    def run(self, value: Any, *, using: str = "default") -> list[Any]:
        """What ``list(build(value))`` gives."""
        plan = self._plans.get(using)
        if plan is None or plan is _ORM_ONLY:
            if plan is None:
                self._plans[using] = self._compile(value, using)
            return list(self.build(value).using(using))
        rows = self._rows(plan, value, using)
        if plan.model is None:
            return rows
        objects = []
        for row in rows:
            obj = plan.model.from_db(using, plan.init_list, row[plan.start : plan.end])
            for populator in plan.populators:
                populator.populate(row, obj)
            objects.append(obj)
        return objects

    def first(self, value: Any, *, using: str = "default") -> Any:
        found = self.run(value, using=using)
        return found[0] if found else None

    @staticmethod
    def _rows(plan: _Plan, value: Any, using: str) -> list[tuple[Any, ...]]:
        connection = connections[using]
        params = list(plan.params)
        for slot, as_text in plan.slots:
            params[slot] = str(value) if as_text else value
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        if not plan.converters:
            return [tuple(row) for row in rows]
        converted = []
        for row in rows:
            values = list(row)
            for i, functions, expression in plan.converters:
                for function in functions:
                    values[i] = function(values[i], expression, connection)
            converted.append(tuple(values))
        return converted

    def _compile(self, value: Any, using: str) -> _Plan:
        """The plan, or ``_ORM_ONLY`` for a definition this cannot run. The queryset is
        compiled for ``value`` and for another value of its type: the parameters that
        differ, and only those, are where the value goes; a parameter that changes by
        itself (the time, say) or a different SQL text rules the plan out."""
        queryset: Any = self.build(value)
        kind = queryset._iterable_class
        if kind not in (ModelIterable, ValuesListIterable) or queryset._known_related_objects:
            return _ORM_ONLY
        probe = _probe(value)
        if probe is None:
            return _ORM_ONLY
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        other_sql, other_params = self.build(probe).query.get_compiler(using).as_sql()
        if other_sql != sql or len(other_params) != len(params):
            return _ORM_ONLY
        differ = [i for i, (a, b) in enumerate(zip(params, other_params, strict=True)) if a != b]
        slots = []
        for i in differ:
            if (params[i], other_params[i]) == (value, probe):
                slots.append((i, False))
            elif (params[i], other_params[i]) == (str(value), str(probe)):
                slots.append((i, True))  # the backend sends it as text (SQLite's dates)
            else:
                return _ORM_ONLY  # adapted some other way, or changing by itself
        if not slots:
            return _ORM_ONLY
        found = compiler.get_converters([column for column, _, _ in compiler.select])
        converters = tuple((i, tuple(fns), expr) for i, (fns, expr) in found.items())
        plan = _Plan(sql, tuple(params), tuple(slots), converters)
        if kind is ValuesListIterable:
            return plan
        if compiler.annotation_col_map:
            return _ORM_ONLY
        info, select = compiler.klass_info, compiler.select
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        return _Plan(
            sql,
            tuple(params),
            tuple(slots),
            converters,
            model=info["model"],
            start=start,
            end=end,
            init_list=tuple(f[0].target.attname for f in select[start:end]),
            populators=tuple(get_related_populators(info, select, using)),
        )
