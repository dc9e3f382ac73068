"""Staff pages for the union tree: browse, search, create, rename, move, (de)activate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError, NotFound
from zhigong.core.forms import ReasonForm
from zhigong.core.views import AuthenticatedRequest, form_error, page_of, staff_context
from zhigong.unions import defaults, permissions, policy, selectors, services
from zhigong.unions.forms import (
    CentreForm,
    DepartmentForm,
    UnionCreateForm,
    UnionMoveForm,
    UnionParentForm,
    UnionUpdateForm,
)
from zhigong.unions.models import UnionKind
from zhigong.unions.roles import Perm


@login_required
def union_tree_page(request: AuthenticatedRequest) -> HttpResponse:
    """The tree from the user's own roots; with ``q`` a flat, paginated search instead."""
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    context = {
        **staff_context(request, "unions"),
        "q": query,
        "kind": kind,
        "kinds": UnionKind.choices,
        "can_create": policy.holds(request.user, Perm.UNION_MANAGE),
    }
    if query or kind:
        results = selectors.union_list(user=request.user, query=query, kind=kind)
        context["page"] = page_of(request, results, 50)
    else:
        context["roots"] = selectors.union_roots_for(request.user)
    return render(request, "unions/tree.html", context)


@login_required
def union_children_page(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """A lazily loaded level of the tree (htmx partial)."""
    union = selectors.union_get(user=request.user, code=code)
    children = selectors.union_children(user=request.user, union=union)[:500]
    return render(request, "unions/_children.html", {"children": children, "parent": union})


@login_required
def union_detail_page(request: AuthenticatedRequest, code: str) -> HttpResponse:
    user = request.user
    union = selectors.union_get(user=user, code=code)
    context = {
        **staff_context(request, "unions"),
        "union": union,
        "crumbs": selectors.union_breadcrumbs(user=user, union=union),
        "children": selectors.union_children(user=user, union=union)[:200],
        "departments": selectors.departments_of(user=user, union=union),
        "centres": selectors.centres_of(user=user, union=union),
        "counts": [
            (UnionKind(kind).label, n)
            for kind, n in sorted(selectors.subtree_counts(union=union, below=True).items())
        ],
        "can_manage": permissions.can_manage_union(user, union),
        "can_centres": permissions.can_manage_centres(user, union),
        "can_roles": policy.has_perm(user, Perm.ROLE_VIEW, union),
    }
    return render(request, "unions/detail.html", context)


def _form_page(
    request: AuthenticatedRequest,
    union: object,
    form: object,
    title: str,
    submit: str,
    danger: bool = False,
) -> HttpResponse:
    return render(
        request,
        "unions/form.html",
        {
            **staff_context(request, "unions"),
            "union": union,
            "form": form,
            "title": title,
            "submit": submit,
            "danger": danger,
        },
    )


@login_required
def union_new_page(request: AuthenticatedRequest) -> HttpResponse:
    """A new union, first step: choose the union it goes under (by name or code)."""
    if not policy.holds(request.user, Perm.UNION_MANAGE):
        raise NotFound()
    form = UnionParentForm(request.GET or None, user=request.user)
    if form.is_bound and form.is_valid():
        return redirect("staff:unions:union_create", form.cleaned_data["parent"].code)
    return render(
        request,
        "unions/new.html",
        {**staff_context(request, "unions"), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def union_create_page(request: AuthenticatedRequest, code: str) -> HttpResponse:
    parent = selectors.union_get(user=request.user, code=code, perm=Perm.UNION_MANAGE)
    suggested = defaults.child_defaults(parent)
    form = UnionCreateForm(
        request.POST or None,
        initial={
            "code": suggested.code,
            "kind": suggested.kind,
            "level": suggested.level,
            "region_code": suggested.region_code,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            union = services.union_create(actor=request.user, parent=parent, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已创建“%(name)s”。") % {"name": union.name})
            return redirect("staff:unions:union_detail", union.code)
    title = _("在“%(name)s”下新建工会") % {"name": parent.name}
    return _form_page(request, parent, form, title, _("创建"))


@login_required
@require_http_methods(["GET", "POST"])
def union_update_page(request: AuthenticatedRequest, code: str) -> HttpResponse:
    union = selectors.union_get(user=request.user, code=code, perm=Perm.UNION_MANAGE)
    initial = {"name": union.name, "short_name": union.short_name, "region_code": union.region_code}
    form = UnionUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.union_update(actor=request.user, union=union, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("staff:unions:union_detail", union.code)
    return _form_page(request, union, form, _("修改名称"), _("保存"))


@login_required
@require_http_methods(["GET", "POST"])
def union_move_page(request: AuthenticatedRequest, code: str) -> HttpResponse:
    union = selectors.union_get(user=request.user, code=code, perm=Perm.UNION_MANAGE)
    form = UnionMoveForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.union_move(
                actor=request.user,
                union=union,
                new_parent=form.cleaned_data["parent"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已移动到新的上级工会。"))
            return redirect("staff:unions:union_detail", union.code)
    return _form_page(request, union, form, _("调整上级工会"), _("移动"))


@login_required
@require_http_methods(["GET", "POST"])
def union_set_active_page(request: AuthenticatedRequest, code: str) -> HttpResponse:
    union = selectors.union_get(user=request.user, code=code, perm=Perm.UNION_MANAGE)
    activate = not union.is_active
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.union_set_active(
                actor=request.user, union=union, active=activate, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已启用。") if activate else _("已停用（含全部下级）。"))
            return redirect("staff:unions:union_detail", union.code)
    title = _("启用工会") if activate else _("停用工会（其全部下级一并停用）")
    return _form_page(
        request, union, form, title, _("启用") if activate else _("停用"), danger=not activate
    )


@login_required
@require_http_methods(["GET", "POST"])
def department_create_page(request: AuthenticatedRequest, code: str) -> HttpResponse:
    union = selectors.union_get(user=request.user, code=code, perm=Perm.UNION_MANAGE)
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.department_create(actor=request.user, union=union, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已设立部门。"))
            return redirect("staff:unions:union_detail", union.code)
    return _form_page(request, union, form, _("设立部门"), _("设立"))


@login_required
@require_http_methods(["GET", "POST"])
def centre_create_page(request: AuthenticatedRequest, code: str) -> HttpResponse:
    union = selectors.union_get(user=request.user, code=code, perm=Perm.CENTRE_MANAGE)
    form = CentreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.centre_create(actor=request.user, union=union, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已添加服务中心（站）。"))
            return redirect("staff:unions:union_detail", union.code)
    return _form_page(request, union, form, _("添加服务中心（站）"), _("添加"))
