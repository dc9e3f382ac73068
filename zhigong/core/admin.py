"""Admin for platform operators: the holiday table behind the working-day calendar, and the
shapes other apps' admins take for records that only services write (``ReadOnlyAdmin``) or
that hold personal data (``PersonalDataAdmin``)."""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhigong.core.calendar import has_schedule
from zhigong.core.errors import DomainError
from zhigong.core.holidays import (
    SHEET_COLUMNS,
    HolidaySheetRefused,
    holiday_year_confirm,
    holiday_year_withdraw,
    holidays_import,
    missing_message,
    missing_statutory_days,
)
from zhigong.core.models import Holiday, HolidayYear
from zhigong.core.sheets.errors import describe
from zhigong.core.sheets.templates import write_template


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """For records that only services write (they authorise and audit): readable, never edited."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


_WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")


class HolidaySheetForm(forms.Form):
    file = forms.FileField(
        label=_("表格文件"),
        help_text=_(
            "列：日期、类型（放假/上班）、名称；每行一天或一个日期范围。支持 .xlsx 和 .csv。"
        ),
    )
    notice = forms.CharField(
        label=_("依据"),
        max_length=200,
        required=False,
        help_text=_("国务院办公厅通知的标题或文号，如：国办发明电〔2026〕7号"),
    )


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin[Holiday]):
    list_display = ("date", "weekday", "kind", "name", "year_loaded")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("name",)
    ordering = ("-date",)
    list_per_page = 100
    change_list_template = "admin/core/holiday/change_list.html"

    @admin.display(description=_("星期"), ordering="date")
    def weekday(self, obj: Holiday) -> str:
        return _("星期%(day)s") % {"day": _WEEKDAYS[obj.date.weekday()]}

    @admin.display(description=_("该年安排已公布"), boolean=True)
    def year_loaded(self, obj: Holiday) -> bool:
        return has_schedule(obj.date.year)

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="core_holiday_import",
            ),
            path(
                "import/template/",
                self.admin_site.admin_view(self.template_view),
                name="core_holiday_import_template",
            ),
        ]
        return [*own, *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload the State Council's notice as a sheet (``holidays_import``, all or nothing)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        errors: list[str] = []
        form = HolidaySheetForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                done = holidays_import(
                    actor=_operator(request),
                    source=upload,
                    filename=upload.name,
                    notice=form.cleaned_data["notice"],
                )
            except HolidaySheetRefused as exc:
                errors = [describe(e) for e in exc.errors]
            except DomainError as exc:
                errors = [str(exc.message)]
            else:
                messages.success(
                    request,
                    gettext(
                        "已导入 %(years)s 年的安排：新增 %(added)d 条，更新 %(updated)d 条，"
                        "删除 %(removed)d 条。这些年份的计算结果现为准确值。"
                    )
                    % {
                        "years": "、".join(str(y) for y in sorted(done.years)),
                        "added": done.added,
                        "updated": done.updated,
                        "removed": done.removed,
                    },
                )
                return redirect("admin:core_holiday_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("导入国务院节假日安排"),
            "form": form,
            "errors": errors,
        }
        return TemplateResponse(request, "admin/core/holiday/import.html", context)

    def template_view(self, request: HttpRequest) -> HttpResponse:
        """A blank sheet with the columns and how to fill them in."""
        buffer = io.BytesIO()
        write_template(
            buffer,
            sheet_name=gettext("节假日安排"),
            columns=SHEET_COLUMNS.columns,
            notes={
                "date": _(
                    "一天（2027-01-01）或一段（2027-02-05至2027-02-13），放假的周末也包含在内"
                ),
                "kind": _("放假，或上班（周六、周日调休上班）"),
                "name": _("节日名称，如 春节；可以不填"),
            },
        )
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="holidays.xlsx"'
        return response


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin[HolidayYear]):
    """The years whose official schedule is loaded. Adding one confirms a year whose rows an
    operator typed in (refused while a day the law gives off is missing); deleting one makes
    answers about that year provisional again. Both go through the services (audited)."""

    list_display = ("year", "source", "notice", "recorded_at")
    list_filter = ("source",)
    fields = ("year", "notice")
    ordering = ("-year",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: HolidayYear, form: Any, change: bool) -> None:
        obj.pk = holiday_year_confirm(actor=_operator(request), year=obj.year, notice=obj.notice).pk

    def delete_model(self, request: HttpRequest, obj: HolidayYear) -> None:
        holiday_year_withdraw(actor=_operator(request), year=obj.year, reason="admin")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[HolidayYear]) -> None:
        for year in queryset.values_list("year", flat=True):
            holiday_year_withdraw(actor=_operator(request), year=year, reason="admin")

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        return _confirming(form)


def _confirming(form: Any) -> Any:
    """The add form, refusing a year that misses a statutory day off (beside the field)."""

    class ConfirmForm(form):  # type: ignore[misc]
        def clean(self) -> dict[str, Any]:
            cleaned: dict[str, Any] = super().clean()
            year = cleaned.get("year")
            if year:
                rows = dict(Holiday.objects.filter(date__year=year).values_list("date", "kind"))
                missing = missing_statutory_days(rows, year)
                if missing:
                    self.add_error("year", missing_message(*missing[0]))
            return cleaned

    return ConfirmForm


def _operator(request: HttpRequest) -> Any:
    """The operator at the admin, as the services' actor."""
    return request.user


class GuardedLookupsAdmin(admin.ModelAdmin[Any]):
    """For models that hold personal data: the change list filters only by the filters it
    declares. Django otherwise accepts a filter on any of the model's own columns in the
    address (``?birth_date=…``, ``?id_number_masked__startswith=…``), which would answer
    "is there a member with this value" for values the page never shows."""

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        declared = {f for f in self.list_filter if isinstance(f, str)}
        if self.date_hierarchy:
            declared.add(str(self.date_hierarchy))
        if lookup.split("__", 1)[0] not in declared:
            return False
        return super().lookup_allowed(lookup, value, request)


class PersonalDataAdmin(GuardedLookupsAdmin, ReadOnlyAdmin):
    """Read-only, and filtered only as declared: for records of members and applicants."""


# The audit chain is not in the operators' admin: reading it is the auditor's duty (role
# ``auditor``, /staff/audit/), not the platform operator's (等保 三员分立).
