"""The workbench's survey pages: the list, a new survey, editing a draft, one survey with
its steps and results (per question and per union below, with charts), the sheet of
one-time codes, the desk's answering by card, and the export."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.core.errors import DomainError
from zhigong.core.views import AuthenticatedRequest, form_error, page_of, staff_context
from zhigong.surveys import lines, permissions, results, selectors, targets
from zhigong.surveys.choices import QuestionKind, SurveyStatus
from zhigong.surveys.exports import results_export
from zhigong.surveys.forms import AnswerForm, CardForm, CodesForm, SurveyForm
from zhigong.surveys.models import Answer, Survey
from zhigong.surveys.services.answering import answer_by_card, is_taking_answers
from zhigong.surveys.services.organise import (
    SurveyInput,
    codes_issue,
    satisfaction_question,
    survey_create,
    survey_move,
    survey_update,
)
from zhigong.unions import policy
from zhigong.unions.charts import Table, dimension_table
from zhigong.unions.roles import Perm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STEP_LABELS = {"open": gettext_lazy("开始测评"), "close": gettext_lazy("结束测评")}


def _input(form: SurveyForm) -> SurveyInput:
    data = form.cleaned_data
    questions = lines.parse(data.get("questions") or "")
    if data.get("with_satisfaction"):
        questions.insert(0, satisfaction_question())
    return SurveyInput(
        title=data["title"],
        intro=data.get("intro") or "",
        opens_at=data["opens_at"],
        closes_at=data["closes_at"],
        questions=questions,
    )


@policy.requires(Perm.SURVEY_VIEW)
def survey_list_page(request: AuthenticatedRequest) -> HttpResponse:
    surveys = selectors.staff_surveys(request.user)
    status = request.GET.get("status", "")
    if status in SurveyStatus.values:
        surveys = surveys.filter(status=status)
    return render(
        request,
        "surveys/staff_list.html",
        {
            **staff_context(request, "surveys"),
            "page": page_of(request, surveys, 30),
            "statuses": SurveyStatus.choices,
            "status": status,
            "may_create": policy.holds(request.user, Perm.SURVEY_MANAGE),
        },
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.SURVEY_MANAGE)
def survey_new_page(request: AuthenticatedRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            kind, pk = form.target_parts()
            survey = survey_create(
                actor=request.user, target_kind=kind, target_id=pk, data=_input(form)
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("测评已保存为草稿，检查题目无误后请开始测评。"))
            return redirect("staff:surveys:detail", survey.pk)
    return render(
        request, "surveys/staff_form.html", {**staff_context(request, "surveys"), "form": form}
    )


@require_http_methods(["GET", "POST"])
@policy.requires(Perm.SURVEY_MANAGE)
def survey_edit_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = selectors.staff_survey(request.user, pk)
    permissions.require(
        permissions.can_manage(request.user, survey), user=request.user, survey=survey
    )
    questions = list(survey.questions.order_by("position"))
    initial = {
        "title": survey.title,
        "intro": survey.intro,
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "with_satisfaction": any(q.is_satisfaction for q in questions),
        "questions": lines.lines_of(questions),
    }
    form = SurveyForm(request.POST or None, user=request.user, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            survey_update(actor=request.user, survey=survey, data=_input(form))
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("staff:surveys:detail", survey.pk)
    return render(
        request,
        "surveys/staff_form.html",
        {**staff_context(request, "surveys"), "form": form, "survey": survey},
    )


def question_tables(summary: results.Summary, survey: Survey) -> list[tuple[Table, Any]]:
    """A figures-kit table (and chart) per rating or choice question."""
    tables = []
    for q, found, _average in summary.questions:
        if q.kind == QuestionKind.TEXT:
            continue
        table = dimension_table(
            results.dim_of(q),
            f"{q.position}. {q.text}",
            results.labels_of(q),
            found,
            chart_key=f"survey-{survey.pk}-{q.pk}",
        )
        tables.append((table, mark_safe(table.chart)))  # our own SVG
    return tables


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.SURVEY_VIEW)
def survey_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = selectors.staff_survey(request.user, pk)
    if request.method == "POST":
        try:
            survey_move(actor=request.user, survey=survey, step=request.POST.get("action", ""))
            messages.success(request, _("已办理。"))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect("staff:surveys:detail", survey.pk)
    union = selectors.results_union(request.user, survey, request.GET.get("union", ""))
    summary = results.summary(survey, union)
    kind = targets.get(survey.target_kind)
    target = kind.find(survey.target_id) if kind else None
    may_manage = permissions.can_manage(request.user, survey)
    steps = []
    if may_manage and survey.status == SurveyStatus.DRAFT:
        steps.append(("open", STEP_LABELS["open"]))
    if may_manage and survey.status == SurveyStatus.OPEN:
        steps.append(("close", STEP_LABELS["close"]))
    texts = (
        Answer.objects.filter(
            response__survey=survey,
            response__union__path__startswith=union.path,
            question__kind=QuestionKind.TEXT,
        )
        .exclude(text="")
        .order_by("-id")
        .values_list("question__position", "text")[:50]
    )
    return render(
        request,
        "surveys/staff_detail.html",
        {
            **staff_context(request, "surveys"),
            "survey": survey,
            "questions": survey.questions.order_by("position"),
            "kind_label": kind.label if kind else survey.target_kind,
            "target_name": kind.name_of(target) if kind and target else "—",
            "walk_in": bool(kind and kind.walk_in),
            "steps": steps,
            "may_manage": may_manage,
            "taking_answers": is_taking_answers(survey),
            "union": union,
            "summary": summary,
            "charts": question_tables(summary, survey),
            "texts": list(texts),
        },
    )


def qr_svg(url: str) -> str:
    # The same drawing as the member card's QR code (``members.views.portal._qr_svg``).
    return segno.make(url, error="m").svg_inline(scale=4, border=2)


@never_cache  # the codes are shown once
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.SURVEY_MANAGE)
def codes_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = selectors.staff_survey(request.user, pk)
    permissions.require(
        permissions.can_manage(request.user, survey), user=request.user, survey=survey
    )
    form = CodesForm(request.POST or None)
    sheet: list[tuple[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            tokens = codes_issue(
                actor=request.user, survey=survey, count=form.cleaned_data["count"]
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            for token in tokens:
                url = request.build_absolute_uri(reverse("portal:surveys:code", args=[token]))
                sheet.append((url, mark_safe(qr_svg(url))))  # our own SVG
    used = survey.codes.filter(used_at__isnull=False).count()
    return render(
        request,
        "surveys/codes.html",
        {
            **staff_context(request, "surveys"),
            "survey": survey,
            "form": form,
            "sheet": sheet,
            "issued": survey.codes.count(),
            "used": used,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.SURVEY_MANAGE)
def desk_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Staff read a member's card and enter the member's answers (a paper form)."""
    survey = selectors.staff_survey(request.user, pk)
    permissions.require(
        permissions.can_manage(request.user, survey), user=request.user, survey=survey
    )
    questions = list(survey.questions.order_by("position"))
    card = CardForm(request.POST or None)
    form = AnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and card.is_valid() and form.is_valid():
        try:
            answer_by_card(
                actor=request.user,
                survey=survey,
                raw=form.raw(),
                number=card.cleaned_data["number"],
            )
        except DomainError as exc:
            form_error(card if "number" in exc.fields else form, exc)
        else:
            messages.success(request, _("答卷已录入。"))
            return redirect("staff:surveys:desk", survey.pk)
    return render(
        request,
        "surveys/desk.html",
        {**staff_context(request, "surveys"), "survey": survey, "card": card, "form": form},
    )


@policy.requires(Perm.SURVEY_VIEW)
def export_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = selectors.staff_survey(request.user, pk)
    stream = io.BytesIO()
    results_export(actor=request.user, survey=survey, stream=stream)
    response = HttpResponse(stream.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
