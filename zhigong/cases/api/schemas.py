"""What the cases API answers and takes (no future annotations: django-ninja reads them at
run time). A requester's name and phone are always masked; a requester's own view of a case
holds the steps they see (replies, status), staff see every step."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from zhigong.cases.models import Case, CaseStep
from zhigong.core.schemas import InputSchema


class CaseSummaryOut(Schema):
    id: int
    reference: str
    kind: str
    kind_label: str
    category: str
    category_label: str
    channel: str
    status: str
    status_label: str
    holder: str
    due_date: date | None
    due_provisional: bool
    created_at: datetime

    @staticmethod
    def resolve_kind_label(obj: Case) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_category_label(obj: Case) -> str:
        return str(obj.get_category_display())

    @staticmethod
    def resolve_status_label(obj: Case) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_holder(obj: Case) -> str:
        return obj.centre.name if obj.centre else obj.union.name


class StepOut(Schema):
    at: datetime
    kind: str
    kind_label: str
    by: str
    union: str | None
    to_union: str | None
    note: str
    attachments: list[int]

    @staticmethod
    def resolve_kind_label(obj: CaseStep) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_by(obj: CaseStep) -> str:
        return obj.actor_label

    @staticmethod
    def resolve_union(obj: CaseStep) -> str | None:
        return obj.union.name if obj.union else None

    @staticmethod
    def resolve_to_union(obj: CaseStep) -> str | None:
        return obj.to_union.name if obj.to_union else None

    @staticmethod
    def resolve_attachments(obj: CaseStep) -> list[int]:
        return [a.pk for a in obj.attachments.all()]


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class CaseDetailOut(CaseSummaryOut):
    requester_name: str  # masked
    requester_phone: str  # masked
    employer: str
    description: str
    complexity: str
    rating: int | None
    rating_comment: str
    call_started_at: datetime | None
    call_seconds: int | None
    steps: list[StepOut]
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_requester_name(obj: Case) -> str:
        return obj.name_masked

    @staticmethod
    def resolve_requester_phone(obj: Case) -> str:
        return obj.phone_masked

    @staticmethod
    def resolve_steps(obj: Case) -> list[CaseStep]:
        return list(obj.shown_steps)  # type: ignore[attr-defined]  # set by ``common.detail``

    @staticmethod
    def resolve_attachments(obj: Case) -> list[Any]:
        return list(obj.attachments.all())


class CaseIn(InputSchema):
    kind: str = Field(..., max_length=16, description="`rights` or `legal`")
    category: str = Field(..., max_length=24)
    description: str = Field(..., max_length=5000)
    employer: str = Field("", max_length=200)
    channel: str = Field("app", max_length=16, description="`app` (default) or `portal`")
    name: str = Field("", max_length=64, description="a worker who is not a member")
    phone: str = Field("", max_length=20, description="a worker who is not a member")
    district: str = Field(
        "", max_length=32, description="the code of the county federation (not a member)"
    )


# Bodies of the routes on one case: every field has a default, so that whoever may not act on
# the case gets the same 404 whatever they send; the services say what is missing (400).


class InfoIn(InputSchema):
    text: str = Field("", max_length=2000)


class RateIn(InputSchema):
    rating: int = Field(0, ge=0, le=5, description="1 to 5 stars")
    comment: str = Field("", max_length=500)


class ReasonIn(InputSchema):
    reason: str = Field("", max_length=500)


class AcceptIn(InputSchema):
    complexity: str = Field("", max_length=16)
    note: str = Field("", max_length=500)


class AssignIn(InputSchema):
    handler: str = Field("", max_length=150, description="the handler's username")
    note: str = Field("", max_length=500)


class ReplyIn(InputSchema):
    body: str = Field("", max_length=5000)


class NoteIn(InputSchema):
    note: str = Field("", max_length=500)


class QueueFilter(InputSchema):
    queue: str = Field("open", max_length=16)
    q: str = Field("", max_length=32)
    kind: str = Field("", max_length=16)
    category: str = Field("", max_length=24)
    status: str = Field("", max_length=16)
    channel: str = Field("", max_length=16)


class AttachmentIn(InputSchema):
    name: str = Field("", max_length=200, description="the file's name, with its extension")
    content_base64: str = Field(
        "", max_length=14_000_000, description="the file's bytes, base64 (at most 10 MB)"
    )
