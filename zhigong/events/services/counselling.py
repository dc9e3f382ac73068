"""The record of a counselling session (MM-9): its topic, the counsellor (the women workers'
department's staff or an invited expert) and notes. The notes are sensitive: encrypted at
rest, shown only to staff who hold ``event.counsel`` over the organising union, never to
members."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhigong.core.actors import Actor
from zhigong.core.audit import audit_record
from zhigong.core.errors import DomainError
from zhigong.core.service import service
from zhigong.events import permissions
from zhigong.events.choices import EventStatus
from zhigong.events.models import CounsellingRecord, Event

NOTES_MAX = 5000


@service
def counselling_record(
    *, actor: Actor, event: Event, topic: str, counsellor: str, notes: str = ""
) -> CounsellingRecord:
    """Write (or correct) the record of a counselling session that was held."""
    event = Event.objects.select_for_update().select_related("union").get(pk=event.pk)
    permissions.require(permissions.can_record_counselling(actor, event), user=actor, event=event)
    if event.status not in (EventStatus.HELD, EventStatus.CLOSED):
        raise DomainError(_("活动举办后才能填写咨询记录。"), code="not_held")
    errors = {}
    topic, counsellor, notes = topic.strip(), counsellor.strip(), notes.strip()
    if not topic:
        errors["topic"] = _("请填写咨询主题。")
    if not counsellor:
        errors["counsellor"] = _("请填写咨询师（本部门工作人员或邀请的专家）。")
    if len(notes) > NOTES_MAX:
        errors["notes"] = _("不能超过 %(n)d 个字。") % {"n": NOTES_MAX}
    if errors:
        raise DomainError(next(iter(errors.values())), fields=errors)
    record = CounsellingRecord.objects.filter(event=event).first()
    created = record is None
    if record is None:
        record = CounsellingRecord(event=event)
    record.topic, record.counsellor, record.notes = topic, counsellor, notes
    record.recorded_by = actor if getattr(actor, "pk", None) else None  # type: ignore[assignment]
    record.save()
    # The notes themselves never go into the audit log: only that they changed.
    audit_record(
        actor=actor,
        action="event.counselling_record" if created else "event.counselling_update",
        target=event,
        union=event.union,
    )
    return record
