"""What the volunteer pages share: the opinions of a registration laid out by step, and the
photo served after the page's own permission check."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse

from zhigong.volunteers import files
from zhigong.volunteers.choices import Availability, ServiceArea, Step
from zhigong.volunteers.models import Volunteer


def opinions_by_step(volunteer: Volunteer) -> list[tuple[str, Any]]:
    """(step label, its latest opinion of the current submission or None), in 附件2's order."""
    latest = {
        o.step: o
        for o in volunteer.opinions.filter(attempt=volunteer.attempt).select_related("by", "union")
    }
    return [(str(step.label), latest.get(step.value)) for step in Step]


def labels(volunteer: Volunteer) -> dict[str, str]:
    areas = dict(ServiceArea.choices)
    times = dict(Availability.choices)
    return {
        "service_areas": "、".join(str(areas.get(a, a)) for a in volunteer.service_areas),
        "availability": "、".join(str(times.get(a, a)) for a in volunteer.availability),
    }


def serve_photo(volunteer: Volunteer) -> FileResponse:
    return files.serve_photo(volunteer.photo_path, volunteer.photo_type)
