"""Every scoped read of service projects, hours, offers and requests for help, and the
year-end candidates for commendation (VOL-7)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear

from zhigong.core.errors import NotFound
from zhigong.unions import policy
from zhigong.unions.roles import Perm
from zhigong.volunteers import service_permissions as can
from zhigong.volunteers.choices import VolunteerStatus
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.service_choices import (
    LISTED_PROJECTS,
    HelpRequestStatus,
    HoursStatus,
    OfferStatus,
    ProjectStatus,
    SignupStatus,
)
from zhigong.volunteers.service_models import (
    HelpRequest,
    ProjectCommendation,
    ProjectSignup,
    ServiceHours,
    ServiceProject,
    VolunteerOffer,
)

# Confirmed hours in a year that make a volunteer a candidate for commendation.
CANDIDATE_HOURS = Decimal(20)
NO_HOURS = Value(Decimal(0), output_field=DecimalField(max_digits=8, decimal_places=1))


def _signed_up() -> Count:
    return Count("signups", filter=Q(signups__status=SignupStatus.SIGNED_UP), distinct=True)


# Projects -------------------------------------------------------------------------------


def project_scope(user: Any) -> QuerySet[ServiceProject]:
    """Projects whose organising union the user's ``volunteer.view`` covers, and the city's
    projects waiting for a union that the user may see or take on."""
    q = policy.path_filter(policy.scope_paths(user, Perm.VOLUNTEER_VIEW), "union__path")
    awaiting = policy.path_filter(policy.scope_paths(user, Perm.VOLUNTEER_VIEW), "city_union__path")
    manage = policy.scope_paths(user, Perm.VOLUNTEER_PROJECT_MANAGE)
    cities = [
        pk
        for pk, path in ServiceProject.objects.filter(status=ProjectStatus.AWAITING_UNION)
        .values_list("city_union_id", "city_union__path")
        .distinct()
        if any(p.startswith(path) for p in manage)
    ]
    awaiting |= Q(city_union_id__in=cities)
    return ServiceProject.objects.filter(q | (Q(status=ProjectStatus.AWAITING_UNION) & awaiting))


def project_list(user: Any, status: str = "") -> QuerySet[ServiceProject]:
    found = project_scope(user)
    if status:
        found = found.filter(status=status)
    return (
        found.select_related("union", "city_union")
        .annotate(taken=_signed_up())
        .order_by("-created_at", "-id")
    )


def projects_waiting_for(user: Any) -> QuerySet[ServiceProject]:
    """Proposals waiting for the city's approval that the user may give (not their own)."""
    paths = policy.scope_paths(user, Perm.VOLUNTEER_PROJECT_APPROVE)
    if not paths:
        return ServiceProject.objects.none()
    return (
        ServiceProject.objects.filter(status=ProjectStatus.PROPOSED)
        .filter(policy.path_filter(paths, "city_union__path"))
        .exclude(proposed_by_id=user.pk)
        .select_related("union")
        .order_by("updated_at", "id")
    )


def project_get_for_staff(user: Any, pk: int) -> ServiceProject:
    project = (
        ServiceProject.objects.select_related(
            "union", "city_union", "organiser", "proposing_volunteer"
        )
        .filter(pk=pk)
        .first()
    )
    if project is None or not can.can_view_project(user, project):
        raise NotFound()
    return project


def listed_projects() -> QuerySet[ServiceProject]:
    """Projects shown on the portal: open for sign-up, under way or completed."""
    return (
        ServiceProject.objects.filter(status__in=LISTED_PROJECTS)
        .select_related("union")
        .annotate(taken=_signed_up())
        .order_by("status", "-starts_on", "-id")
    )


def listed_project(pk: int) -> ServiceProject:
    project = listed_projects().filter(pk=pk).first()
    if project is None:
        raise NotFound()
    return project


def signups_of(project: ServiceProject) -> QuerySet[ProjectSignup]:
    return (
        project.signups.filter(status=SignupStatus.SIGNED_UP)
        .select_related("volunteer__union")
        .order_by("created_at", "id")
    )


def my_signup(volunteer: Volunteer | None, project: ServiceProject) -> ProjectSignup | None:
    if volunteer is None:
        return None
    return project.signups.filter(volunteer=volunteer, status=SignupStatus.SIGNED_UP).first()


def my_projects(volunteer: Volunteer) -> QuerySet[ServiceProject]:
    return (
        ServiceProject.objects.filter(
            signups__volunteer=volunteer, signups__status=SignupStatus.SIGNED_UP
        )
        .select_related("union")
        .order_by("-starts_on", "-id")
    )


def my_proposals(user: Any) -> QuerySet[ServiceProject]:
    return ServiceProject.objects.filter(proposed_by_id=user.pk).order_by("-created_at", "-id")


# Hours ----------------------------------------------------------------------------------


def hours_of_project(project: ServiceProject) -> QuerySet[ServiceHours]:
    return project.hours.select_related("volunteer").order_by("-served_on", "-id")


def hours_of_volunteer(volunteer: Volunteer) -> QuerySet[ServiceHours]:
    return volunteer.hours.select_related("project").order_by("-served_on", "-id")


def hours_waiting_for(user: Any) -> QuerySet[ServiceHours]:
    """Hours waiting for confirmation on projects the user organises (not their own)."""
    paths = policy.scope_paths(user, Perm.VOLUNTEER_PROJECT_MANAGE)
    if not paths:
        return ServiceHours.objects.none()
    return (
        ServiceHours.objects.filter(status=HoursStatus.PENDING)
        .filter(policy.path_filter(paths, "project__union__path"))
        .exclude(volunteer__applicant_id=user.pk)
        .exclude(logged_by_id=user.pk)
        .select_related("project", "volunteer")
        .order_by("created_at", "id")
    )


def hours_get_for_staff(user: Any, pk: int) -> ServiceHours:
    entry = ServiceHours.objects.select_related("project__union", "volunteer").filter(pk=pk).first()
    if entry is None or not can.can_view_project(user, entry.project):
        raise NotFound()
    return entry


def hours_by_year(volunteer: Volunteer) -> list[dict[str, Any]]:
    """Confirmed hours of each year, and those waiting, newest year first (one query)."""
    rows = (
        ServiceHours.objects.filter(volunteer=volunteer)
        .exclude(status=HoursStatus.REJECTED)
        .annotate(year=ExtractYear("served_on"))
        .values("year")
        .annotate(
            confirmed=Coalesce(Sum("hours", filter=Q(status=HoursStatus.CONFIRMED)), NO_HOURS),
            pending=Coalesce(Sum("hours", filter=Q(status=HoursStatus.PENDING)), NO_HOURS),
        )
        .order_by("-year")
    )
    return list(rows)


def confirmed_hours(volunteer: Volunteer, year: int) -> Decimal:
    total = ServiceHours.objects.filter(
        volunteer=volunteer, status=HoursStatus.CONFIRMED, served_on__year=year
    ).aggregate(total=Sum("hours"))["total"]
    return total or Decimal(0)


# Offers and requests for help ------------------------------------------------------------


def offer_scope(user: Any) -> QuerySet[VolunteerOffer]:
    view = policy.path_filter(
        policy.scope_paths(user, Perm.VOLUNTEER_VIEW), "volunteer__union__path"
    )
    review = policy.path_filter(
        policy.scope_paths(user, Perm.VOLUNTEER_OFFER_REVIEW), "review_union__path"
    )
    return VolunteerOffer.objects.filter(view | review)


def offer_list(user: Any, status: str = "") -> QuerySet[VolunteerOffer]:
    found = offer_scope(user)
    if status:
        found = found.filter(status=status)
    return found.select_related("volunteer__union", "review_union").order_by("-created_at", "-id")


def offers_waiting_for(user: Any) -> QuerySet[VolunteerOffer]:
    """Offers waiting for the user's recommendation or review (not their own doing)."""
    recommend = policy.scope_paths(user, Perm.VOLUNTEER_OFFER_RECOMMEND)
    review = policy.scope_paths(user, Perm.VOLUNTEER_OFFER_REVIEW)
    q = Q(pk__in=[])
    if recommend:
        q |= Q(status=OfferStatus.SUBMITTED) & policy.path_filter(
            recommend, "volunteer__union__path"
        )
    if review:
        q |= (
            Q(status=OfferStatus.RECOMMENDED)
            & policy.path_filter(review, "review_union__path")
            & ~Q(recommended_by_id=user.pk)
        )
    return (
        VolunteerOffer.objects.filter(q)
        .exclude(volunteer__applicant_id=user.pk)
        .select_related("volunteer__union")
        .order_by("updated_at", "id")
    )


def offer_get_for_staff(user: Any, pk: int) -> VolunteerOffer:
    offer = (
        VolunteerOffer.objects.select_related("volunteer__union", "review_union")
        .filter(pk=pk)
        .first()
    )
    if offer is None or not can.can_view_offer(user, offer):
        raise NotFound()
    return offer


def listed_offers(service_area: str = "") -> QuerySet[VolunteerOffer]:
    """Offers on the portal, for everyone: only listed ones of volunteers still approved."""
    found = VolunteerOffer.objects.filter(
        status=OfferStatus.LISTED, volunteer__status=VolunteerStatus.APPROVED
    )
    if service_area:
        found = found.filter(service_area=service_area)
    return found.select_related("volunteer").order_by("-listed_at", "-id")


def listed_offer(pk: int) -> VolunteerOffer:
    offer = listed_offers().filter(pk=pk).first()
    if offer is None:
        raise NotFound()
    return offer


def my_offers(volunteer: Volunteer) -> QuerySet[VolunteerOffer]:
    return volunteer.offers.order_by("-created_at", "-id")


def requests_to_me(volunteer: Volunteer) -> QuerySet[HelpRequest]:
    """Requests connected to the volunteer (the waiting ones are the centre's to pass on)."""
    return (
        HelpRequest.objects.filter(
            offer__volunteer=volunteer,
            status__in=(HelpRequestStatus.CONNECTED, HelpRequestStatus.CLOSED),
        )
        .select_related("offer", "member")
        .order_by("-connected_at", "-id")
    )


def my_requests(user: Any) -> QuerySet[HelpRequest]:
    return (
        HelpRequest.objects.filter(requester_id=getattr(user, "pk", None))
        .select_related("offer__volunteer")
        .order_by("-created_at", "-id")
    )


def help_scope(user: Any) -> QuerySet[HelpRequest]:
    paths = policy.scope_paths(user, Perm.VOLUNTEER_OFFER_REVIEW)
    return HelpRequest.objects.filter(policy.path_filter(paths, "offer__review_union__path"))


def help_queue(user: Any, status: str = HelpRequestStatus.WAITING) -> QuerySet[HelpRequest]:
    found = help_scope(user)
    if status:
        found = found.filter(status=status)
    return found.select_related("offer__volunteer", "member").order_by("created_at", "id")


def help_get_for_staff(user: Any, pk: int) -> HelpRequest:
    request = (
        help_scope(user)
        .select_related("offer__volunteer__union", "offer__review_union", "member__union")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise NotFound()
    return request


# Year-end candidates (VOL-7) ------------------------------------------------------------


def volunteer_candidates(user: Any, year: int) -> QuerySet[Volunteer]:
    """Approved volunteers in scope with at least ``CANDIDATE_HOURS`` confirmed hours in
    ``year``, most hours first, not yet commended that year."""
    paths = policy.scope_paths(user, Perm.VOLUNTEER_APPROVE)
    return (
        Volunteer.objects.filter(policy.path_filter(paths, "union__path"))
        .filter(status=VolunteerStatus.APPROVED)
        .exclude(commendations__year=year)
        .annotate(
            year_hours=Sum(
                "hours__hours",
                filter=Q(hours__status=HoursStatus.CONFIRMED, hours__served_on__year=year),
            ),
            year_projects=Count(
                "hours__project",
                filter=Q(hours__status=HoursStatus.CONFIRMED, hours__served_on__year=year),
                distinct=True,
            ),
        )
        .filter(year_hours__gte=CANDIDATE_HOURS)
        .select_related("union")
        .order_by("-year_hours", "id")
    )


# A project's confirmed hours, as a subquery: summed over a join with its sign-ups they
# would be counted once per sign-up.
_confirmed_of_project = (
    ServiceHours.objects.filter(project=OuterRef("pk"), status=HoursStatus.CONFIRMED)
    .values("project")
    .annotate(total=Sum("hours"))
    .values("total")
)


def project_candidates(user: Any, year: int) -> QuerySet[ServiceProject]:
    """Projects in scope completed in ``year`` and not yet commended that year, with their
    volunteers and confirmed hours, most hours first."""
    paths = policy.scope_paths(user, Perm.VOLUNTEER_APPROVE)
    return (
        ServiceProject.objects.filter(policy.path_filter(paths, "union__path"))
        .filter(status=ProjectStatus.COMPLETED, completed_on__year=year)
        .exclude(commendations__year=year)
        .annotate(confirmed=Coalesce(Subquery(_confirmed_of_project), NO_HOURS), taken=_signed_up())
        .select_related("union")
        .order_by("-confirmed", "id")
    )


def published_project_commendations() -> QuerySet[ProjectCommendation]:
    return ProjectCommendation.objects.filter(published=True).select_related("project", "union")
