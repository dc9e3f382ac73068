"""A survey's responses as .xlsx through the spreadsheet kit: one row per response (when,
how, where it counts) and a column per question (the choices' labels, the rating, the words
written). Every cell goes through ``write_row``, so an answer such as ``=HYPERLINK(…)`` stays
text, never a formula. No names: the results are anonymous to whoever reads them."""

from __future__ import annotations

from collections import defaultdict
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import audit_record
from zhigong.core.service import service
from zhigong.core.sheets.writing import HEADER_STYLE, open_workbook, write_row
from zhigong.surveys import permissions
from zhigong.surveys.choices import Channel, QuestionKind
from zhigong.surveys.models import Answer, Survey

CHUNK = 2000


@service(atomic=False)
def results_export(*, actor: Actor, survey: Survey, stream: IO[bytes]) -> int:
    """Write every response of ``survey`` to ``stream``; returns the number of rows."""
    permissions.require(permissions.can_view(actor, survey), user=actor, survey=survey)
    questions = list(survey.questions.order_by("position"))
    channels = {str(k): str(v) for k, v in Channel.choices}
    workbook = open_workbook(stream, constant_memory=True)
    sheet = workbook.add_worksheet(_("答卷"))
    head = [_("序号"), _("提交时间"), _("方式"), _("所属工会")]
    write_row(
        sheet,
        0,
        head + [f"{q.position}. {q.text}" for q in questions],
        workbook.add_format(HEADER_STYLE),
    )
    line = 0
    responses = survey.responses.select_related("union").order_by("id")
    last = 0
    while True:
        chunk = list(responses.filter(id__gt=last)[:CHUNK])
        if not chunk:
            break
        last = chunk[-1].pk
        given: dict[tuple[int, int], list[Answer]] = defaultdict(list)
        for a in Answer.objects.filter(response__in=chunk).order_by("id"):
            given[(a.response_id, a.question_id)].append(a)
        for response in chunk:
            line += 1
            cells: list[object] = [
                line,
                timezone.localtime(response.created_at).strftime("%Y-%m-%d %H:%M"),
                channels.get(response.channel, response.channel),
                response.union.name,
            ]
            for q in questions:
                found = given.get((response.pk, q.pk), [])
                if q.kind == QuestionKind.TEXT:
                    cells.append("\n".join(a.text for a in found))
                elif q.kind == QuestionKind.RATING:
                    cells.append(int(found[0].value) if found else "")
                else:
                    cells.append("、".join(_label(q.choices, a.value) for a in found))
            write_row(sheet, line, cells)
    workbook.close()
    audit_record(
        actor=actor,
        action="survey.export",
        target=survey,
        union=survey.union,
        changes={"rows": [None, line]},
    )
    return line


def _label(choices: list[str], value: str) -> str:
    return choices[int(value)] if value.isdigit() and int(value) < len(choices) else value
