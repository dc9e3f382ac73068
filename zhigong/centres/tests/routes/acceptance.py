"""Route entries of the acceptance round. The cast's station (at SA) takes part in the current
year's round; its self-inspection is complete (one item with evidence, a report with a file)
and the district (DA) has submitted it in an application form. Its pages are for those whose
``centre.view`` covers SA; the application's for DA's viewers and the city's working group;
the lists, rounds and figures for every ``centre.view`` holder; the results for everyone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from zhigong.centres.models import Acceptance, AcceptanceApplication, AcceptanceRound
from zhigong.centres.services import acceptance as svc
from zhigong.centres.tests.routes import (
    MANAGERS,
    OVER_SA,
    PDF,
    VIEWERS,
    Named,
    cast_standard,
    cast_station,
)
from zhigong.core.actors import SYSTEM
from zhigong.testing.cast import Cast
from zhigong.testing.routes import EVERYONE, LOGGED_IN, Route

OVER_DA = {"city_admin", "district_admin"}


def cast_round(cast: Cast) -> AcceptanceRound:
    year = timezone.localdate().year
    found = AcceptanceRound.objects.filter(year=year).first()
    if found:
        return found
    cast_standard(cast)
    today = timezone.localdate()
    return svc.round_open(
        actor=SYSTEM,
        data=svc.RoundInput(
            year=year,
            standard_year=year,
            self_inspection_due=today + dt.timedelta(days=10),
            application_due=today + dt.timedelta(days=20),
            inspection_due=today + dt.timedelta(days=40),
        ),
    )


def cast_acceptance(cast: Cast, *, submitted: bool = True) -> Acceptance:
    round_ = cast_round(cast)
    station = cast_station(cast)
    found = Acceptance.objects.filter(round=round_, centre=station).first()
    if found:
        return found
    acceptance = svc.acceptance_start(actor=SYSTEM, round=round_, centre=station)
    for n, item in enumerate(acceptance.items.all()):
        svc.self_inspect_item(
            actor=SYSTEM,
            item=item,
            met=n % 3 != 0,
            note="见台账",
            evidence=Named(PDF, "台账.pdf") if n == 0 else None,
        )
    svc.self_report_save(
        actor=SYSTEM,
        acceptance=acceptance,
        report="自查情况良好。",
        document=Named(PDF, "自查.pdf"),
    )
    if submitted:
        svc.application_submit(
            actor=SYSTEM, union=cast.unions["DA"], round=round_, acceptances=[acceptance]
        )
    acceptance.refresh_from_db()
    return acceptance


def _acc(name: str) -> Callable[[Cast], str]:
    return lambda c: reverse(name, args=[cast_acceptance(c).pk])


def _evidence(cast: Cast) -> str:
    a = cast_acceptance(cast)
    item = a.items.exclude(evidence_path="").first()
    assert item is not None
    return reverse("staff:centres:acceptance_evidence", args=[a.pk, item.pk])


def _application(name: str) -> Callable[[Cast], str]:
    def url(cast: Cast) -> str:
        application = cast_acceptance(cast).application
        assert isinstance(application, AcceptanceApplication)
        return reverse(name, args=[application.pk])

    return url


def _api(cast: Cast) -> str:
    return f"/api/v1/centres/acceptances/{cast_acceptance(cast).pk}"


def _api_item(cast: Cast) -> str:
    a = cast_acceptance(cast)
    first = a.items.first()
    assert first is not None
    return f"{_api(cast)}/items/{first.pk}/inspection"


ROUTES: list[Route] = [
    Route(
        "staff:centres:acceptances",
        lambda c: (cast_acceptance(c), reverse("staff:centres:acceptances"))[1],
        VIEWERS,
    ),
    Route(
        "staff:centres:acceptance_rounds",
        lambda c: reverse("staff:centres:acceptance_rounds"),
        VIEWERS,
    ),
    Route(
        "staff:centres:acceptance_figures",
        lambda c: (cast_acceptance(c), reverse("staff:centres:acceptance_figures"))[1],
        VIEWERS,
    ),
    Route(
        "staff:centres:application_new",
        lambda c: reverse("staff:centres:application_new"),
        MANAGERS,
    ),
    Route("staff:centres:application", _application("staff:centres:application"), OVER_DA),
    Route(
        "staff:centres:application_xlsx",
        _application("staff:centres:application_xlsx"),
        OVER_DA,
    ),
    Route("staff:centres:acceptance", _acc("staff:centres:acceptance"), OVER_SA),
    Route("staff:centres:acceptance_report", _acc("staff:centres:acceptance_report"), OVER_SA),
    Route("staff:centres:acceptance_evidence", _evidence, OVER_SA),
    Route(
        "portal:centres:results",
        lambda c: reverse("portal:centres:results"),
        EVERYONE,
        public=True,
    ),
    Route(
        "api:acceptance_list_api",
        lambda c: (cast_acceptance(c), "/api/v1/centres/acceptances")[1],
        VIEWERS,
        api=True,
    ),
    Route(
        "api:acceptance_figures_api",
        lambda c: "/api/v1/centres/acceptances/figures",
        VIEWERS,
        api=True,
    ),
    Route("api:acceptance_detail_api", _api, OVER_SA, api=True),
    Route(
        "api:acceptance_inspect_api",
        _api_item,
        LOGGED_IN,
        api=True,
        method="post",
        ok=422,
    ),
]
