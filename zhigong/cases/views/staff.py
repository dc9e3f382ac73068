"""The workbench's case pages: the queues, and one case with its timeline and the steps the
user may take on it (each a form POSTed to the case's page, carried out by a service)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.cases import permissions, selectors
from zhigong.cases.choices import (
    ON_THE_CLOCK,
    OPEN,
    CaseKind,
    CaseStatus,
    Category,
    ReferralStatus,
)
from zhigong.cases.forms import (
    AcceptForm,
    AnswerForm,
    AssignForm,
    ChaseForm,
    NoteForm,
    QueueFilterForm,
    ReasonForm,
    ReferForm,
    ReplyForm,
    RevealForm,
    TransferForm,
)
from zhigong.cases.models import Case, ReplyTemplate
from zhigong.cases.routing import route_up
from zhigong.cases.selectors import QUEUES, QueueFilter
from zhigong.cases.services import handling, referrals
from zhigong.cases.services.handling import HANDED_OVER_FROM, handler_candidates
from zhigong.cases.services.reveal import case_reveal_requester
from zhigong.core.errors import DomainError
from zhigong.core.pagination import KnownCountPaginator
from zhigong.core.templatetags.deadlines import deadline
from zhigong.core.views import (
    AuthenticatedRequest,
    form_error,
    query_without_page,
    staff_context,
)
from zhigong.unions import policy
from zhigong.unions.roles import Perm

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# A list without a known count (all cases, or filtered) is counted up to this many: the
# newest of them are paged, and the page says to narrow it down.
COUNT_CAP = 1000

QUEUE_LABELS = {
    "mine": gettext_lazy("我的待办"),
    "open": gettext_lazy("本范围在办"),
    "unassigned": gettext_lazy("待受理、待交办"),
    "due_soon": gettext_lazy("即将到期"),
    "overdue": gettext_lazy("已逾期"),
    "all": gettext_lazy("全部"),
}


@policy.requires_any(Perm.CASE_VIEW, Perm.CASE_HANDLE)
def case_queue_page(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    everything = selectors.sees_all_in_scope(user)
    default = "open" if everything else "mine"
    queue = request.GET.get("queue", default)
    if queue not in QUEUES or (not everything and queue in ("open", "unassigned", "all")):
        queue = default
    form = QueueFilterForm(request.GET or None)
    filters = QueueFilter(**form.cleaned_data) if form.is_valid() else QueueFilter()
    scope = selectors.staff_scope(user)  # built once for the queue and the tabs' counts
    cases = selectors.case_queue(user, queue, filters, scope=scope)
    if filters.q and len("".join(filters.q.split())) >= 15:
        found = list(cases[:2])
        if len(found) == 1:  # a full reference number: straight to the case
            return redirect("staff:cases:detail", found[0].pk)
    counts = selectors.queue_counts(user, scope=scope)
    # A queue's own count is known from the tabs' counts unless a filter narrows it.
    known = counts.get(queue) if not any(vars(filters).values()) else None
    capped = False
    if known is None:  # "all", or filtered: counted up to a limit, not over the whole archive
        known = cases.order_by()[: COUNT_CAP + 1].count()
        capped, known = known > COUNT_CAP, min(known, COUNT_CAP)
    page = KnownCountPaginator(cases, 30, count=known).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "cases/queue.html",
        {
            **staff_context(request, "cases"),
            "queue": queue,
            "tabs": [(name, QUEUE_LABELS[name], counts.get(name)) for name in counts]
            + ([("all", QUEUE_LABELS["all"], None)] if everything else []),
            "form": form,
            "page": page,
            "rows": queue_rows(page, today),
            "capped": capped,
            "cap": COUNT_CAP,
            "query": query_without_page(request),
            "can_record_call": permissions.can_record_call(user),
        },
    )


@dataclass(frozen=True)
class QueueRow:
    """One line of a queue, its words looked up once per page (a queue is the page staff
    open all day: 30 lines of lazy translations and includes cost more than its queries)."""

    pk: int
    reference: str
    kind: str
    category: str
    requester: str
    holder: str
    handler: str
    status: str
    due: str
    late: bool  # on the clock and past its deadline, or escalated for it and waiting


def queue_rows(page: Any, today: Any) -> list[QueueRow]:
    kinds, categories = dict(CaseKind.choices), dict(Category.choices)
    statuses = dict(CaseStatus.choices)
    rows = []
    for c in page:
        on_clock = c.status in ON_THE_CLOCK
        rows.append(
            QueueRow(
                pk=c.pk,
                reference=c.reference,
                kind=str(kinds.get(c.kind, c.kind)),
                category=str(categories.get(c.category, c.category)),
                requester=c.name_masked,
                holder=c.centre.name if c.centre else c.union.name,
                handler=(c.handler.full_name or c.handler.username) if c.handler else "—",
                status=str(statuses.get(c.status, c.status)),
                due=deadline(c.due_date) if c.due_date else "—",
                late=(on_clock and c.due_date is not None and c.due_date < today)
                or (c.status == CaseStatus.SUBMITTED and c.overdue_at is not None),
            )
        )
    return rows


# --- one case: its page and the steps on it ---------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One thing the page offers: when, with which form, done by which service."""

    offered: Callable[[Any, Case], bool]
    form: Callable[[AuthenticatedRequest, Case, Any], forms.Form]
    run: Callable[[AuthenticatedRequest, Case, Any], object]
    done: StrOrPromise


def _offered_handover(user: Any, case: Case) -> bool:
    return case.status in HANDED_OVER_FROM and permissions.can_manage_case(user, case)


def _offered_escalation(user: Any, case: Case) -> bool:
    return (
        case.status in HANDED_OVER_FROM
        and permissions.can_reply(user, case)
        and route_up(case.union, case.kind) is not None
    )


def _has_open_referral(user: Any, case: Case) -> bool:
    return (
        permissions.can_manage_case(user, case)
        and case.referrals.filter(status=ReferralStatus.OPEN).exists()
    )


def _referral(case: Case, form: forms.Form) -> Any:
    return selectors.referral_of(case, form.cleaned_data["referral"])


STEPS: dict[str, Step] = {
    "accept": Step(
        lambda u, c: c.status == CaseStatus.SUBMITTED and permissions.can_manage_case(u, c),
        lambda r, c, data: AcceptForm(data),
        lambda r, c, f: handling.case_accept(
            actor=r.user,
            case=c,
            complexity=f.cleaned_data["complexity"],
            note=f.cleaned_data["note"],
        ),
        gettext_lazy("已受理，答复期限已开始计算。"),
    ),
    "assign": Step(
        lambda u, c: c.status in ON_THE_CLOCK and permissions.can_manage_case(u, c),
        lambda r, c, data: AssignForm(data, candidates=handler_candidates(c)),
        lambda r, c, f: handling.case_assign(
            actor=r.user, case=c, handler=f.cleaned_data["handler"], note=f.cleaned_data["note"]
        ),
        gettext_lazy("已交办。"),
    ),
    "reply": Step(
        lambda u, c: (
            c.status in (*ON_THE_CLOCK, CaseStatus.REPLIED) and permissions.can_reply(u, c)
        ),
        lambda r, c, data: ReplyForm(data, initial=_template_initial(r, c)),
        lambda r, c, f: handling.case_reply(actor=r.user, case=c, body=f.cleaned_data["body"]),
        gettext_lazy("已答复，求助人会收到通知。"),
    ),
    "close": Step(
        lambda u, c: (
            c.status in (*ON_THE_CLOCK, CaseStatus.REPLIED) and permissions.can_manage_case(u, c)
        ),
        lambda r, c, data: NoteForm(data),
        lambda r, c, f: handling.case_close(actor=r.user, case=c, note=f.cleaned_data["note"]),
        gettext_lazy("已办结。"),
    ),
    "transfer": Step(
        _offered_handover,
        lambda r, c, data: TransferForm(data, user=r.user),
        lambda r, c, f: handling.case_transfer(
            actor=r.user,
            case=c,
            centre=f.cleaned_data["centre"],
            to_union=f.cleaned_data["to_union"],
            reason=f.cleaned_data["reason"],
        ),
        gettext_lazy("已转交。"),
    ),
    "escalate": Step(
        _offered_escalation,
        lambda r, c, data: ReasonForm(data),
        lambda r, c, f: handling.case_escalate(
            actor=r.user, case=c, reason=f.cleaned_data["reason"]
        ),
        gettext_lazy("已上报上级工会。"),
    ),
    "refer": Step(
        lambda u, c: c.status in ON_THE_CLOCK and permissions.can_manage_case(u, c),
        lambda r, c, data: ReferForm(data),
        lambda r, c, f: referrals.case_refer(
            actor=r.user,
            case=c,
            department=f.cleaned_data["department"],
            due_on=f.cleaned_data["due_on"],
            note=f.cleaned_data["note"],
        ),
        gettext_lazy("已转请政府部门。"),
    ),
    "chase": Step(
        _has_open_referral,
        lambda r, c, data: ChaseForm(data),
        lambda r, c, f: referrals.referral_chase(
            actor=r.user, referral=_referral(c, f), note=f.cleaned_data["note"]
        ),
        gettext_lazy("已记录催办。"),
    ),
    "answer": Step(
        _has_open_referral,
        lambda r, c, data: AnswerForm(data),
        lambda r, c, f: referrals.referral_answer(
            actor=r.user,
            referral=_referral(c, f),
            answer=f.cleaned_data["answer"],
            answered_on=f.cleaned_data["answered_on"],
        ),
        gettext_lazy("已登记部门答复。"),
    ),
}


def _template_initial(request: AuthenticatedRequest, case: Case) -> dict[str, str]:
    """``?template=<id>``: the reply box starts from a reply template of the case's category."""
    chosen = request.GET.get("template", "")
    if not chosen.isdigit():
        return {}
    found = ReplyTemplate.objects.filter(pk=int(chosen), is_active=True).first()
    return {"body": found.body} if found else {}


@never_cache  # after a reveal the page shows the requester's full name and phone
@require_http_methods(["GET", "POST"])
@policy.requires_any(Perm.CASE_VIEW, Perm.CASE_HANDLE)
def case_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    case = selectors.case_get_for_staff(user, pk)
    bound: dict[str, forms.Form] = {}
    revealed: dict[str, str] | None = None
    reveal_form = RevealForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "reveal":
            reveal_form = RevealForm(request.POST)
            if reveal_form.is_valid():
                try:
                    revealed = case_reveal_requester(
                        actor=user, case=case, reason=reveal_form.cleaned_data["reason"]
                    )
                except DomainError as exc:
                    if exc.status in (403, 404):
                        raise
                    form_error(reveal_form, exc)
        elif action in STEPS:
            step = STEPS[action]
            form = step.form(request, case, request.POST)
            if form.is_valid():
                try:
                    step.run(request, case, form)
                except DomainError as exc:
                    if exc.status in (403, 404):
                        raise
                    form_error(form, exc)
                else:
                    messages.success(request, str(step.done))
                    if permissions.can_view_as_staff(user, case):
                        return redirect("staff:cases:detail", case.pk)
                    return redirect("staff:cases:queue")  # handed on out of the user's sight
            bound[action] = form
            case.refresh_from_db()
        else:
            status = 400
            messages.error(request, _("未知的操作。"))
    offered = {
        name: bound.get(name) or step.form(request, case, None)
        for name, step in STEPS.items()
        if step.offered(user, case)
    }
    return render(
        request,
        "cases/detail.html",
        {
            **staff_context(request, "cases"),
            "case": case,
            "steps": selectors.timeline(case),
            "attachments": case.attachments.all(),
            "referrals": selectors.referrals_of(case),
            "offered": offered,
            "errors_in": next(iter(bound), ""),
            "templates": ReplyTemplate.objects.filter(category=case.category, is_active=True),
            "can_reveal": permissions.can_reveal_requester(user, case),
            "reveal_form": reveal_form,
            "revealed": revealed,
            "today": timezone.localdate(),
            "is_open": case.status in OPEN,
        },
        status=status,
    )
