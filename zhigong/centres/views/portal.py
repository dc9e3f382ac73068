"""The portal's centre finder at /centres/: open to everyone, on a phone too. It shows only
what a centre puts on its door (name, address, hours, hotline, services), never its staff."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from zhigong.centres import catalogue, selectors
from zhigong.centres.forms import FinderForm
from zhigong.core import regions
from zhigong.core.views import page_of, query_without_page
from zhigong.surveys.centre_visitors import CENTRE_VISITORS
from zhigong.surveys.selectors import open_for


def _district(code: str) -> str:
    found = regions.region(code)
    return found.name if found else ""


@require_GET
def finder_page(request: HttpRequest) -> HttpResponse:
    form = FinderForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    found = selectors.finder(
        region_code=criteria.get("region", ""),
        service=criteria.get("service", ""),
        near=criteria.get("near", ""),
    )
    page = page_of(request, found, 20)
    # A centre's open visitors' survey: a worker who has been there may rate it.
    surveys = open_for(CENTRE_VISITORS.key, [c.pk for c in page])
    cards = [
        {
            "centre": c,
            "district": _district(c.region_code),
            "services": [catalogue.label("services", k) for k in c.services],
            "survey": surveys.get(c.pk),
        }
        for c in page
    ]
    return render(
        request,
        "centres/finder.html",
        {"form": form, "page": page, "cards": cards, "query": query_without_page(request)},
    )


@require_GET
def results_page(request: HttpRequest) -> HttpResponse:
    """Published and final acceptance results (no login): year, centre, grade and the three
    percentages, and a complaint's reason where one lowered the grade; nothing private."""
    from zhigong.centres import acceptance_selectors as sel

    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None
    page = page_of(request, sel.published_results(year), 50)
    return render(
        request,
        "centres/results.html",
        {
            "page": page,
            "query": query_without_page(request),
            "years": sel.result_years(),
            "year": year,
            "rows": [
                {
                    "a": a,
                    "hardware": sel.shown(a.hardware_pct),
                    "mechanism": sel.shown(a.mechanism_pct),
                    "satisfaction": sel.shown(a.satisfaction_pct),
                }
                for a in page
            ],
        },
    )
