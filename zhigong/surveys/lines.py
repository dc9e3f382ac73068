"""The questions of a survey written as lines, as staff type them on the survey's form:

    评分* 服务人员的态度
    单选* 您是第几次来服务中心？ | 第一次 / 两三次 / 经常来
    多选 您用过哪些服务？ | 法律咨询 / 职业介绍 / 心理辅导
    文字 您的意见和建议

A line starts with the kind (评分 rating 1–5, 单选 single choice, 多选 multiple choice, 文字
text; or rating/single/multiple/text), ``*`` right after it makes the question required;
then the question, and for a choice question ``|`` and its choices separated by ``/``.
The overall-satisfaction question is not written here: the form's box adds it first.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhigong.core.errors import DomainError
from zhigong.surveys.choices import QuestionKind
from zhigong.surveys.models import Question
from zhigong.surveys.services.organise import QuestionInput

KIND_WORDS = {
    "评分": QuestionKind.RATING,
    "单选": QuestionKind.SINGLE,
    "多选": QuestionKind.MULTIPLE,
    "文字": QuestionKind.TEXT,
    "rating": QuestionKind.RATING,
    "single": QuestionKind.SINGLE,
    "multiple": QuestionKind.MULTIPLE,
    "text": QuestionKind.TEXT,
}
WORD_OF = {
    QuestionKind.RATING: "评分",
    QuestionKind.SINGLE: "单选",
    QuestionKind.MULTIPLE: "多选",
    QuestionKind.TEXT: "文字",
}


def parse(text: str) -> list[QuestionInput]:
    questions: list[QuestionInput] = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        head, _sep, rest = line.partition(" ")
        required = head.endswith("*")
        kind = KIND_WORDS.get(head.rstrip("*").strip().lower())
        if kind is None:
            message = _("第 %(n)d 行：请以题型开头（评分、单选、多选或文字）。") % {"n": n}
            raise DomainError(message, fields={"questions": message})
        words, bar, choices = rest.partition("|")
        questions.append(
            QuestionInput(
                kind=kind,
                text=words.strip(),
                required=required,
                choices=[c.strip() for c in choices.split("/")] if bar else [],
            )
        )
    return questions


def lines_of(questions: list[Question]) -> str:
    """The questions as lines again (the satisfaction question left out)."""
    out = []
    for q in questions:
        if q.is_satisfaction:
            continue
        head = WORD_OF[QuestionKind(q.kind)] + ("*" if q.required else "")
        choices = f" | {' / '.join(q.choices)}" if q.choices else ""
        out.append(f"{head} {q.text}{choices}")
    return "\n".join(out)
