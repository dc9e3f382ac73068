"""The respondents' pages: the surveys I may answer, answering one (logged in), and answering
with a one-time code from a printed sheet (a walk-in visitor's phone, no login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhigong.core.actors import SYSTEM
from zhigong.core.errors import DomainError
from zhigong.core.views import AuthenticatedRequest, form_error
from zhigong.surveys import selectors
from zhigong.surveys.forms import AnswerForm
from zhigong.surveys.services.answering import (
    USED,
    already_answered,
    answer_by_code,
    answer_by_login,
    code_survey,
    is_taking_answers,
)


@login_required
def surveys_page(request: AuthenticatedRequest) -> HttpResponse:
    offered = [(s, already_answered(s, request.user)) for s in selectors.offered(request.user)]
    return render(request, "surveys/portal_list.html", {"offered": offered})


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def answer_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = selectors.offered_survey(request.user, pk)
    questions = list(survey.questions.order_by("position"))
    form = AnswerForm(request.POST or None, questions=questions)
    done = already_answered(survey, request.user)
    if request.method == "POST" and form.is_valid() and not done:
        try:
            answer_by_login(actor=request.user, survey=survey, raw=form.raw())
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("感谢您参加测评！"))
            return redirect("portal:surveys:answer", survey.pk)
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "form": form,
            "done": done,
            "open": is_taking_answers(survey),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def code_page(request: HttpRequest, token: str) -> HttpResponse:
    code, survey = code_survey(token)
    if code is None or survey is None:
        return render(
            request, "surveys/code_refused.html", {"message": _("测评码无效。")}, status=404
        )
    if code.used_at is not None and request.method == "GET":
        return render(request, "surveys/code_refused.html", {"message": USED}, status=410)
    if not is_taking_answers(survey):
        message = _("该测评现在不接受答卷（未开始或已结束）。")
        return render(request, "surveys/code_refused.html", {"message": message}, status=410)
    questions = list(survey.questions.order_by("position"))
    form = AnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            answer_by_code(actor=SYSTEM, token=token, raw=form.raw())
        except DomainError as exc:
            if exc.code == "code_used":
                return render(request, "surveys/code_refused.html", {"message": USED}, status=409)
            form_error(form, exc)
        else:
            return render(request, "surveys/code_thanks.html", {"survey": survey})
    return render(
        request,
        "surveys/answer.html",
        {"survey": survey, "form": form, "open": True, "by_code": True},
    )
