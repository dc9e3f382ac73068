from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from benchmarks.baseline.models import Fortune


def fortunes(request: HttpRequest) -> HttpResponse:
    """One query, one row added in memory, sorted, rendered escaped (TechEmpower test 4)."""
    rows = list(Fortune.objects.all())  # type: ignore[attr-defined]  # not an app of config/
    rows.append(Fortune(id=0, message="Additional fortune added at request time."))
    rows.sort(key=lambda f: f.message)
    return render(request, "fortunes.html", {"fortunes": rows})
