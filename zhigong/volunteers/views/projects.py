"""The workbench's project pages at /staff/volunteers/projects/: the list, proposing one,
one project (the city's approval, taking it on, the organiser's moves, sign-ups, the hours
to confirm, commending it), the queue of hours to confirm, and the year's candidates for
commendation (VOL-5, VOL-7)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError
from zhigong.core.views import AuthenticatedRequest, form_error, page_of, staff_context
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.volunteers import service_permissions as can
from zhigong.volunteers import service_selectors as selectors
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.selectors import staff_scope
from zhigong.volunteers.service_choices import ProjectStatus
from zhigong.volunteers.service_forms import (
    HoursDecisionForm,
    MoveForm,
    ProjectCommendForm,
    ProjectDecisionForm,
    ProjectForm,
    StaffProjectForm,
    StaffSignupForm,
    TakeOnForm,
)
from zhigong.volunteers.service_models import ServiceProject
from zhigong.volunteers.services.commendations import project_commend
from zhigong.volunteers.services.hours import hours_decide
from zhigong.volunteers.services.projects import (
    project_correct,
    project_decide,
    project_move,
    project_propose,
    project_sign_up,
    project_take_on,
    project_withdraw,
)

P = ProjectStatus


@policy.requires(Perm.VOLUNTEER_VIEW)
def project_list_page(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in P.values else ""
    return render(
        request,
        "volunteers/projects.html",
        {
            **staff_context(request, "volunteer_projects"),
            "page": page_of(request, selectors.project_list(request.user, status)),
            "statuses": P.choices,
            "status": status,
            "waiting": selectors.projects_waiting_for(request.user)[:50],
            "may_propose": policy.holds(request.user, Perm.VOLUNTEER_PROJECT_PROPOSE),
        },
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.VOLUNTEER_PROJECT_PROPOSE)
def project_new_page(request: AuthenticatedRequest) -> HttpResponse:
    form = StaffProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            project = project_propose(
                actor=request.user, data=form.as_input(), union=form.cleaned_data["union"]
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("项目已提出。"))
            return redirect("staff:volunteers:project", project.pk)
    return render(
        request,
        "volunteers/project_new.html",
        {**staff_context(request, "volunteer_projects"), "form": form},
    )


def _signable(user: Any, project: ServiceProject) -> Any:
    """Approved volunteers the organiser may sign up: those their scope covers, not yet on."""
    return (
        staff_scope(user)
        .filter(status=VolunteerStatus.APPROVED)
        .exclude(signups__project=project, signups__status="signed_up")
        .order_by("name", "id")[:300]
    )


def _forms(request: AuthenticatedRequest, project: ServiceProject, action: str) -> dict[str, Any]:
    """The forms the user may use on the project, bound to the POST of the one sent."""
    user = request.user

    def bound(name: str) -> Any:
        return request.POST if action == name else None

    found: dict[str, Any] = {}
    if can.can_decide_project(user, project):
        found["decide"] = ProjectDecisionForm(bound("decide"))
    if can.can_take_on(user, project):
        found["take_on"] = TakeOnForm(bound("take_on"), user=user)
    if project.status == P.RETURNED and can.can_correct_project(user, project):
        initial = {f: getattr(project, f) for f in ProjectForm.base_fields}
        found["correct"] = ProjectForm(bound("correct"), initial=initial)
    manage = can.can_manage_project(user, project)
    if manage or can.can_cancel_project(user, project):
        found["move"] = MoveForm(bound("move"))
    if manage and project.status in (P.OPEN, P.UNDER_WAY):
        found["signup"] = StaffSignupForm(bound("signup"), volunteers=_signable(user, project))
    if manage:
        found["hours"] = HoursDecisionForm(bound("hours"))
    if project.status == P.COMPLETED and policy.holds(user, Perm.VOLUNTEER_APPROVE):
        found["commend"] = ProjectCommendForm(bound("commend"), user=user)
    return found


def _act(request: AuthenticatedRequest, project: ServiceProject, action: str, form: Any) -> None:
    user, data = request.user, form.cleaned_data
    if action == "decide":
        project_decide(actor=user, project=project, approve=form.accepted(), reason=data["reason"])
    elif action == "take_on":
        project_take_on(actor=user, project=project, union=data["union"])
    elif action == "correct":
        project_correct(actor=user, project=project, data=form.as_input())
    elif action == "move":
        project_move(
            actor=user,
            project=project,
            to=data["to"],
            reason=data["reason"],
            summary=data["summary"],
        )
    elif action == "signup":
        project_sign_up(actor=user, project=project, volunteer=data["volunteer"])
    elif action == "hours":
        entry = project.hours.filter(pk=request.POST.get("entry") or 0).first()
        if entry is None:
            raise DomainError(_("这条服务时长不存在。"))
        hours_decide(actor=user, entry=entry, confirm=form.accepted(), reason=data["reason"])
    elif action == "commend":
        project_commend(actor=user, project=project, **data)


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.VOLUNTEER_VIEW)
def project_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    project = selectors.project_get_for_staff(user, pk)
    action = request.POST.get("action", "")
    forms = _forms(request, project, action)
    if request.method == "POST":
        if action == "leave":
            signup = project.signups.filter(pk=request.POST.get("signup") or 0).first()
            if signup is not None and can.can_manage_project(user, project):
                project_withdraw(actor=user, signup=signup, reason=_("组织工会取消报名"))
                messages.success(request, _("已取消报名。"))
            return redirect(request.path)
        form = forms.get(action)
        if form is None:
            messages.error(request, _("这个项目现在不能办理此事项。"))
            return redirect(request.path)
        if form.is_valid():
            try:
                _act(request, project, action, form)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已处理。"))
                return redirect(request.path)
    return render(
        request,
        "volunteers/project.html",
        {
            **staff_context(request, "volunteer_projects"),
            "project": project,
            "forms": forms,
            "moves": _moves(project),
            "signups": selectors.signups_of(project),
            "hours": selectors.hours_of_project(project)[:200],
            "manage": can.can_manage_project(user, project),
            "commendations": project.commendations.select_related("union"),
        },
    )


def _moves(project: ServiceProject) -> list[tuple[str, str]]:
    """The organiser's next steps from here (cancelling is a form of its own)."""
    nexts = {P.APPROVED: P.OPEN, P.OPEN: P.UNDER_WAY, P.UNDER_WAY: P.COMPLETED}
    to = nexts.get(P(project.status)) if project.status in P.values else None
    labels = {P.OPEN: _("开放报名"), P.UNDER_WAY: _("开始实施"), P.COMPLETED: _("完成项目")}
    return [(str(to), str(labels[to]))] if to else []


@policy.requires(Perm.VOLUNTEER_PROJECT_MANAGE)
def hours_queue_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "volunteers/hours_queue.html",
        {
            **staff_context(request, "volunteer_hours"),
            "page": page_of(request, selectors.hours_waiting_for(request.user)),
        },
    )


@policy.requires(Perm.VOLUNTEER_APPROVE)
def candidates_page(request: AuthenticatedRequest) -> HttpResponse:
    """The year's candidates for commendation: volunteers by confirmed hours, completed
    projects (VOL-7)."""
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    return render(
        request,
        "volunteers/candidates.html",
        {
            **staff_context(request, "volunteer_candidates"),
            "year": year,
            "volunteers": selectors.volunteer_candidates(request.user, year)[:100],
            "projects": selectors.project_candidates(request.user, year)[:100],
            "threshold": selectors.CANDIDATE_HOURS,
        },
    )


def hours_context(volunteer: Volunteer) -> dict[str, Any]:
    """A volunteer's hours, for their staff page and their portal page."""
    return {
        "hours_years": selectors.hours_by_year(volunteer),
        "hours_recent": selectors.hours_of_volunteer(volunteer)[:20],
    }
