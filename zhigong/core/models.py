"""Tiny shared model pieces, the working-day calendar's holiday table, and the audit chain
(``AuditEvent``, ``AccessLog``: written through ``zhigong.core.audit`` by every service)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class Holiday(models.Model):
    """One day that differs from the Monday-to-Friday rule: a holiday or a make-up working day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日")
        WORKDAY = "workday", _("调休工作日")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=64, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日与调休")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class HolidayYear(models.Model):
    """A year whose official schedule (the State Council's notice) is loaded: its days off and
    make-up working days are exactly its ``Holiday`` rows, and answers about it are exact.

    A year without one is counted on the holidays the law fixes (``core.statutory``) plus any
    rows it has, and every answer that relies on it is provisional (``docs/calendar.md``).
    """

    class Source(models.TextChoices):
        PACKAGE = "package", _("chinesecalendar 数据包")
        SHEET = "sheet", _("表格导入")
        ADMIN = "admin", _("后台录入")

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices)
    notice = models.CharField(
        _("依据"), max_length=200, blank=True, help_text=_("国务院办公厅通知的标题或文号")
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("已公布安排的年份")
        verbose_name_plural = _("已公布安排的年份")

    def __str__(self) -> str:
        return str(self.year)


class ChainedRecord(models.Model):
    """A row of an append-only, hash-chained log: each row's hash covers its content and the
    hash before it, keyed with a secret that is not in the database (``core.audit``). A
    changed row no longer matches its hash, a removed one leaves a gap in ``seq``, and the
    newest rows cannot be dropped unseen by whoever keeps a copy of the head."""

    seq = models.PositiveBigIntegerField(unique=True)  # consecutive: a gap is a deleted row
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        abstract = True

    def payload(self) -> dict[str, Any]:  # pragma: no cover - each log says what it covers
        raise NotImplementedError


class AuditEvent(ChainedRecord):
    occurred_at = models.DateTimeField(_("时间"), db_index=True)
    # PROTECT: accounts and unions are deactivated, never deleted; nulling the reference
    # would change a row the chain covers.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("操作人"), max_length=150)
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    target_type = models.CharField(_("对象类型"), max_length=64)
    target_id = models.CharField(_("对象"), max_length=64)
    target_label = models.CharField(_("对象名称"), max_length=255, blank=True)
    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    union_path = models.CharField(max_length=255, blank=True, db_index=True)
    reason = models.TextField(_("理由"), blank=True)
    changes = models.JSONField(_("变更"), default=dict, blank=True)

    class Meta:
        db_table = "audit_auditevent"  # the table keeps the name it was created with
        ordering = ["-seq"]
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.target_type}:{self.target_id}"

    def payload(self) -> dict[str, Any]:
        """The fields the hash covers, in a stable form."""
        return {
            "seq": self.seq,
            "occurred_at": self.occurred_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "target_label": self.target_label,
            "union_id": self.union_id,
            "union_path": self.union_path,
            "reason": self.reason,
            "changes": self.changes,
        }


class AccessLog(ChainedRecord):
    """Every deliberate view of a full personal value (an ID number, a phone), with its reason."""

    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_label = models.CharField(_("查看人"), max_length=150)
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    subject_label = models.CharField(_("对象"), max_length=255, blank=True)
    fields = models.CharField(_("字段"), max_length=128)
    reason = models.TextField(_("理由"))
    union_path = models.CharField(max_length=255, blank=True, db_index=True)
    channel = models.CharField(_("渠道"), max_length=16, default="page")  # page, api, export

    class Meta:
        db_table = "audit_accesslog"
        ordering = ["-at"]
        # A member's own page of who viewed their data (``members.selectors.access``):
        # the views of their record, and the unmasked roster exports of their unions.
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="accesslog_subject"),
            models.Index(fields=["channel", "union_path"], name="accesslog_channel_union"),
        ]
        verbose_name = _("敏感信息查看记录")
        verbose_name_plural = _("敏感信息查看记录")

    def __str__(self) -> str:
        return f"{self.actor_label} {self.fields} {self.subject_label}"

    def payload(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "subject_label": self.subject_label,
            "fields": self.fields,
            "reason": self.reason,
            "union_path": self.union_path,
            "channel": self.channel,
        }


class IdempotencyKey(models.Model):
    """One ``Idempotency-Key`` a user sent to one API route, and the answer it got
    (``core.idempotency``). The unique constraint is what stops two concurrent requests with
    the same key from both running: the second one's insert waits for the first one's
    transaction and then finds its answer. Rows older than ``IDEMPOTENCY_KEY_HOURS`` no
    longer count and are purged by a periodic job."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    route = models.CharField(max_length=255)  # method and route pattern
    request_hash = models.CharField(max_length=64)  # method, path, query and body
    response_status = models.PositiveSmallIntegerField(null=True)  # null while it runs
    content_type = models.CharField(max_length=100, blank=True)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "route", "key"], name="idempotency_key_once")
        ]
        verbose_name = _("幂等键")
        verbose_name_plural = _("幂等键")

    def __str__(self) -> str:
        return f"{self.route} {self.key}"
