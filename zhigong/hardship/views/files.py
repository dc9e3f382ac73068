"""The workbench's hardship-file pages at /staff/hardship/: the list with filters and its
.xlsx export, the unpaired page, a new file, one file (help given, documents, pairs, a
reveal, closing) and its edit page."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zhigong.core import private_files
from zhigong.core.errors import DomainError, NotFound
from zhigong.core.labels import choice_label
from zhigong.core.views import (
    AuthenticatedRequest,
    form_error,
    page_of,
    query_without_page,
    staff_context,
)
from zhigong.hardship import permissions, selectors
from zhigong.hardship.choices import Relation, WorkStatus
from zhigong.hardship.exports import files_export
from zhigong.hardship.forms import (
    CloseForm,
    EditForm,
    FileForm,
    FilterForm,
    HelpForm,
    HouseholdFormSet,
    RevealForm,
    edit_initial,
    household_from,
    household_initial,
)
from zhigong.hardship.models import HardshipDocument
from zhigong.hardship.services.files import (
    Revealed,
    document_folder,
    documents_add,
    file_close,
    file_create,
    file_reveal,
    file_update,
    help_record,
    household_for_edit,
)
from zhigong.unions import policy
from zhigong.unions.roles import Perm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: AuthenticatedRequest) -> tuple[FilterForm, selectors.FileFilter]:
    form = FilterForm(request.GET or None, user=request.user)
    due = request.GET.get("review") == "due"  # the workbench's "due for review" item
    filters = selectors.FileFilter(review_due=due)
    if form.is_valid():
        filters = selectors.FileFilter(**form.cleaned_data, review_due=due)
    return form, filters


@policy.requires(Perm.HARDSHIP_VIEW)
def file_list_page(request: AuthenticatedRequest) -> HttpResponse:
    form, filters = _filters(request)
    files = selectors.file_list(request.user, filters)
    return render(
        request,
        "hardship/list.html",
        {
            **staff_context(request, "hardship"),
            "form": form,
            "page": page_of(request, files),
            "query": query_without_page(request),
            "can_create": policy.holds(request.user, Perm.HARDSHIP_MANAGE),
        },
    )


@require_GET
@policy.requires(Perm.HARDSHIP_VIEW)
def file_export_page(request: AuthenticatedRequest) -> HttpResponse:
    """The filtered list as .xlsx, masked (no phone, address, health or income)."""
    _form, filters = _filters(request)
    stream = io.BytesIO()
    files_export(selectors.file_list(request.user, filters), stream)
    response = HttpResponse(stream.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="hardship-files.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@policy.requires(Perm.HARDSHIP_VIEW)
def unpaired_page(request: AuthenticatedRequest) -> HttpResponse:
    """Hardship files without a volunteer: nobody is forgotten (VOL-4)."""
    return render(
        request,
        "hardship/unpaired.html",
        {
            **staff_context(request, "hardship_unpaired"),
            "page": page_of(request, selectors.unpaired(request.user)),
        },
    )


def _household_formset(request: AuthenticatedRequest, initial: Any = None) -> Any:
    return HouseholdFormSet(
        request.POST if request.method == "POST" else None, initial=initial, prefix="household"
    )


@never_cache  # shows back the ID number, phone, health and income typed
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.HARDSHIP_MANAGE)
def file_create_page(request: AuthenticatedRequest) -> HttpResponse:
    form = FileForm(request.POST or None, request.FILES or None, user=request.user)
    household = _household_formset(request)
    if request.method == "POST" and form.is_valid() and household.is_valid():
        try:
            file = file_create(
                actor=request.user,
                union=form.cleaned_data["union"],
                data=form.as_input(household_from(household)),
            )
            if form.cleaned_data.get("documents"):
                documents_add(
                    actor=request.user, file=file, uploads=[form.cleaned_data["documents"]]
                )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已建立困难职工档案。"))
            return redirect("staff:hardship:detail", file.pk)
    return render(
        request,
        "hardship/edit.html",
        {**staff_context(request, "hardship"), "form": form, "household": household, "new": True},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.HARDSHIP_MANAGE)
def file_edit_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    file = selectors.file_get_for_staff(user, pk)
    permissions.require(permissions.can_edit(user, file), user=user, file=file)
    current = household_for_edit(file)
    form = EditForm(
        request.POST or None, request.FILES or None, user=user, initial=edit_initial(file, current)
    )
    household = _household_formset(request, household_initial(current))
    if request.method == "POST" and form.is_valid() and household.is_valid():
        try:
            file_update(actor=user, file=file, data=form.as_input(household_from(household)))
            if form.cleaned_data.get("documents"):
                documents_add(actor=user, file=file, uploads=[form.cleaned_data["documents"]])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("staff:hardship:detail", file.pk)
    return render(
        request,
        "hardship/edit.html",
        {
            **staff_context(request, "hardship"),
            "form": form,
            "household": household,
            "file": file,
            "new": False,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@policy.requires(Perm.HARDSHIP_VIEW)
def file_detail_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    file = selectors.file_get_for_staff(user, pk)
    action = request.POST.get("action", "")
    may_edit = permissions.can_edit(user, file)
    help_form = HelpForm(
        request.POST if action == "help" else None,
        user=user,
        initial={"union": file.union.code},
    )
    close_form = CloseForm(request.POST if action == "close" else None)
    reveal = RevealForm(request.POST if action == "reveal" else None)
    revealed: Revealed | None = None
    if request.method == "POST":
        if action in ("help", "close") and not may_edit:
            permissions.require(False, user=user, file=file)
        if action == "help" and help_form.is_valid():
            try:
                help_record(actor=user, file=file, **help_form.cleaned_data)
            except DomainError as exc:
                form_error(help_form, exc)
            else:
                messages.success(request, _("已登记帮扶。"))
                return redirect(request.path)
        elif action == "close" and close_form.is_valid():
            try:
                file_close(actor=user, file=file, **close_form.cleaned_data)
            except DomainError as exc:
                form_error(close_form, exc)
            else:
                messages.success(request, _("档案已结档。"))
                return redirect(request.path)
        elif action == "reveal" and reveal.is_valid():
            try:
                revealed = file_reveal(actor=user, file=file, reason=reveal.cleaned_data["reason"])
            except DomainError as exc:
                form_error(reveal, exc)
    return render(
        request,
        "hardship/detail.html",
        {
            **staff_context(request, "hardship"),
            "file": file,
            "may_edit": may_edit,
            "may_pair": permissions.can_pair(user, file)
            and not file.pairings.filter(status__in=("active", "requested")).exists(),
            "help_form": help_form if may_edit else None,
            "close_form": close_form if may_edit else None,
            "reveal": reveal if permissions.can_reveal(user, file) else None,
            "revealed": revealed,
            **(_revealed_rows(file, revealed) if revealed else {}),
            "help_given": file.help_given.select_related("union"),
            "documents": file.documents.all(),
            "pairings": file.pairings.select_related("volunteer").prefetch_related("visits"),
        },
    )


def _revealed_rows(file: Any, revealed: Revealed) -> dict[str, Any]:
    """The revealed household in people's words (relations and work as labels)."""
    rows = [
        {
            **vars(m),
            "relation": choice_label(Relation, m.relation),
            "work_status": choice_label(WorkStatus, m.work_status) if m.work_status else "",
        }
        for m in revealed.household.members
    ]
    return {
        "household_rows": rows,
        "per_capita": revealed.household.per_capita(file.household_size),
    }


@never_cache
@require_GET
@policy.requires(Perm.HARDSHIP_VIEW)
def document_page(request: AuthenticatedRequest, pk: int, doc: int) -> HttpResponseBase:
    file = selectors.file_get_for_staff(request.user, pk)
    document = HardshipDocument.objects.filter(file=file, pk=doc).first()
    if document is None:
        raise NotFound()
    return private_files.serve(
        document_folder(file), document.path, content_type=document.content_type, name=document.name
    )
