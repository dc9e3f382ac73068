"""Staff pages of accounts: the workbench home, who holds which role at a union (grant,
revoke, new logins), and an administrator's view of a user's API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhigong.accounts import permissions, selectors, services
from zhigong.accounts.forms import GrantForm, NewUserForm
from zhigong.accounts.models import User
from zhigong.core.errors import DomainError
from zhigong.core.forms import ReasonForm
from zhigong.core.todo import staff_todo_items
from zhigong.core.views import AuthenticatedRequest, form_error, staff_context
from zhigong.unions import policy
from zhigong.unions import selectors as union_selectors
from zhigong.unions.roles import Perm


@login_required
def staff_home(request: AuthenticatedRequest) -> HttpResponse:
    """The workbench home: what waits for this person today (every app's to-do items,
    ``core.todo``), then their unions and roles."""
    user: User = request.user  # type: ignore[assignment]
    grants = list(selectors.grants_of(user))
    policy.remember_grants(user, grants)
    return render(
        request,
        "accounts/staff_home.html",
        {
            **staff_context(request, "home"),
            "grants": grants,
            "todo": staff_todo_items(user) if grants else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def union_roles_page(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Who holds which role at this union; grant a role to an existing or a new user."""
    actor: User = request.user  # type: ignore[assignment]
    union = union_selectors.union_get(user=actor, code=code, perm=Perm.ROLE_VIEW)
    roles = permissions.grantable_roles(actor, union)
    departments = [(str(d.pk), d.name) for d in union.departments.filter(is_active=True)]
    grant_form = GrantForm(
        request.POST if request.POST.get("form") == "grant" else None,
        roles=roles,
        departments=departments,
    )
    user_form = NewUserForm(request.POST if request.POST.get("form") == "user" else None)
    if request.method == "POST" and grant_form.is_bound and grant_form.is_valid():
        data = grant_form.cleaned_data
        try:
            target = User.objects.filter(username=data["username"].strip()).first()
            if target is None:
                raise DomainError(_("找不到该用户名。"), fields={"username": _("找不到该用户名。")})
            department = union.departments.filter(pk=data["department"] or 0).first()
            services.role_grant(
                actor=actor,
                user=target,
                union=union,
                role=data["role"],
                department=department,
                reason=data["reason"],
            )
        except DomainError as exc:
            form_error(grant_form, exc)
        else:
            messages.success(request, _("已授权。"))
            return redirect("staff:accounts:union_roles", union.code)
    if request.method == "POST" and user_form.is_bound and user_form.is_valid():
        try:
            new_user = services.user_create(actor=actor, union=union, **user_form.cleaned_data)
        except DomainError as exc:
            form_error(user_form, exc)
        else:
            messages.success(
                request,
                _("已创建账号 %(username)s，请继续为其授权。") % {"username": new_user.username},
            )
            return redirect("staff:accounts:union_roles", union.code)
    grants = selectors.grants_at(user=actor, union=union)
    return render(
        request,
        "accounts/roles.html",
        {
            **staff_context(request, "unions"),
            "union": union,
            "crumbs": union_selectors.union_breadcrumbs(user=actor, union=union),
            # Whoever may revoke a grant administers that user: their API tokens too.
            "grants": [(g, permissions.can_revoke_grant(actor, g)) for g in grants],
            "grant_form": grant_form if roles else None,
            "user_form": user_form if roles else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def role_revoke_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    grant = selectors.grant_get(user=actor, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_revoke(actor=actor, grant=grant, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已撤销授权。"))
            return redirect("staff:accounts:union_roles", grant.union.code)
    return render(
        request,
        "unions/form.html",
        {
            **staff_context(request, "unions"),
            "union": grant.union,
            "form": form,
            "title": _("撤销 %(user)s 的“%(role)s”角色")
            % {"user": grant.user, "role": grant.get_role_display()},
            "submit": _("撤销"),
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_tokens_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """An administrator over one of a user's roles sees the user's API tokens and revokes
    them all (a lost phone, someone leaving)."""
    actor: User = request.user  # type: ignore[assignment]
    owner = selectors.token_owner_get(actor=actor, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.api_tokens_revoke_all(
                actor=actor, user=owner, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已撤销 %(n)s 个令牌。") % {"n": count})
            return redirect("staff:accounts:user_tokens", owner.pk)
    return render(
        request,
        "accounts/user_tokens.html",
        {
            **staff_context(request, "unions"),
            "owner": owner,
            "tokens": selectors.tokens_of(owner),
            "form": form,
        },
    )
