"""The union picker's search (``/staff/unions/pick/``): an htmx partial of the unions of the
user's scope whose name or code matches what is typed, each with its full path. The pages
include it through ``unions.forms.UnionPickField``."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from zhigong.core.views import AuthenticatedRequest
from zhigong.unions import selectors
from zhigong.unions.models import UnionKind
from zhigong.unions.roles import Perm

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")


@login_required
@require_GET
def union_pick_page(request: AuthenticatedRequest) -> HttpResponse:
    """``?perm=member.view&field=union&target=id_union&<field>=江岸`` (or ``q=``): the
    matching unions where the user holds ``perm`` (``kind=`` one kind only, ``inactive=1``
    with deactivated ones). Someone without the permission gets an empty list."""
    params = request.GET
    field = params.get("field", "")
    field = field if _NAME.match(field) else "union"
    target = params.get("target", "")
    target = target if _NAME.match(target) else f"id_{field}"
    perm = Perm(params["perm"]) if params.get("perm") in Perm.values else None
    kind = params.get("kind", "")
    scope = selectors.PickScope(
        perm, kind if kind in UnionKind.values else "", params.get("inactive") == "1"
    )
    query = (params.get("q") or params.get(field) or "")[:64]
    rows = selectors.union_pick_search(user=request.user, scope=scope, query=query)
    return render(
        request,
        "unions/_pick_results.html",
        {"rows": rows, "query": query.strip(), "field": field, "target": target},
    )
