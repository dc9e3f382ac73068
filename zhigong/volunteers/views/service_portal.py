"""The portal's project and offer pages: open projects (for everyone; an approved volunteer
signs up, withdraws and logs hours there), proposing a project, the listed offers (for
everyone; a member asks for help there), offering a service, withdrawing an offer.

Nothing on these pages shows a volunteer's ID number, phone or address: offers carry the
masked name only (``mask_name``), projects no volunteer at all."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from zhigong.core.errors import DomainError, NotFound
from zhigong.core.masking import mask_name
from zhigong.core.views import AuthenticatedRequest, form_error, page_of
from zhigong.volunteers import service_selectors as selectors
from zhigong.volunteers.choices import Availability, ServiceArea, VolunteerStatus
from zhigong.volunteers.models import Volunteer
from zhigong.volunteers.service_forms import HelpForm, HoursForm, OfferForm, ProjectForm
from zhigong.volunteers.service_models import VolunteerOffer
from zhigong.volunteers.services.hours import hours_log
from zhigong.volunteers.services.offers import help_request, offer_propose, offer_withdraw
from zhigong.volunteers.services.projects import (
    project_propose_as_volunteer,
    project_sign_up,
    project_withdraw,
)
from zhigong.volunteers.services.registration import member_of


def approved_of(user: Any) -> Volunteer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Volunteer.objects.filter(applicant_id=user.pk, status=VolunteerStatus.APPROVED).first()


@require_http_methods(["GET"])
def projects_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "volunteers/portal_projects.html",
        {"page": page_of(request, selectors.listed_projects(), 20)},
    )


@require_http_methods(["GET", "POST"])
def project_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One listed project: an approved volunteer signs up, withdraws and logs hours here."""
    project = selectors.listed_project(pk)
    user = request.user
    if request.method == "POST" and not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    volunteer = approved_of(user)
    signup = selectors.my_signup(volunteer, project)
    action = request.POST.get("action", "")
    hours = HoursForm(request.POST if action == "hours" else None) if signup else None
    if request.method == "POST":
        try:
            if action == "signup":
                project_sign_up(actor=cast(Any, user), project=project)
                messages.success(request, _("报名成功。"))
                return redirect(request.path)
            if action == "withdraw" and signup is not None:
                project_withdraw(actor=cast(Any, user), signup=signup)
                messages.success(request, _("已退出这个项目。"))
                return redirect(request.path)
            if action == "hours" and hours is not None and hours.is_valid():
                hours_log(actor=cast(Any, user), project=project, **hours.cleaned_data)
                messages.success(request, _("服务时长已登记，等待项目组织工会确认。"))
                return redirect(request.path)
            if hours is None or action != "hours":
                raise DomainError(_("无法办理此事项。"))
        except DomainError as exc:
            if hours is not None and action == "hours":
                form_error(hours, exc)
            else:
                messages.error(request, str(exc.message))
                return redirect(request.path)
    return render(
        request,
        "volunteers/portal_project.html",
        {
            "project": project,
            "volunteer": volunteer,
            "signup": signup,
            "hours_form": hours,
            "my_hours": volunteer.hours.filter(project=project).order_by("-served_on")
            if volunteer
            else [],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def project_propose_page(request: AuthenticatedRequest) -> HttpResponse:
    volunteer = approved_of(request.user)
    form = ProjectForm(request.POST or None) if volunteer else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            project_propose_as_volunteer(actor=request.user, data=form.as_input())
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("项目已申报，等待市总工会审批。"))
            return redirect("portal:volunteers:mine")
    return render(
        request, "volunteers/portal_project_propose.html", {"form": form, "volunteer": volunteer}
    )


def public_offer(offer: VolunteerOffer) -> dict[str, Any]:
    """What the portal shows of an offer: the masked name, never an ID number, phone or
    address (the API answers with the same dictionary)."""
    areas, times = dict(ServiceArea.choices), dict(Availability.choices)
    return {
        "id": offer.pk,
        "volunteer": mask_name(offer.volunteer.name),
        "specialty": offer.specialty,
        "service_area": offer.service_area,
        "service_area_label": str(areas.get(offer.service_area, offer.service_area)),
        "area_served": offer.area_served,
        "availability": list(offer.availability),
        "availability_label": "、".join(str(times.get(t, t)) for t in offer.availability),
        "description": offer.description,
        "listed_at": offer.listed_at,
    }


@require_http_methods(["GET"])
def offers_page(request: HttpRequest) -> HttpResponse:
    area = request.GET.get("area", "")
    area = area if area in ServiceArea.values else ""
    page = page_of(request, selectors.listed_offers(area), 20)
    return render(
        request,
        "volunteers/portal_offers.html",
        {
            "page": page,
            "offers": [public_offer(o) for o in page],
            "areas": ServiceArea.choices,
            "area": area,
        },
    )


@require_http_methods(["GET", "POST"])
def offer_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One listed offer: a member asks for help through it."""
    offer = selectors.listed_offer(pk)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = HelpForm(request.POST or None) if request.user.is_authenticated else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            help_request(actor=cast(Any, request.user), offer=offer, text=form.cleaned_data["text"])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("求助已提交，服务中心会尽快与您联系。"))
            return redirect(request.path)
    return render(
        request,
        "volunteers/portal_offer.html",
        {
            "offer": public_offer(offer),
            "form": form,
            "is_member": member_of(request.user) is not None,
            "mine": selectors.my_requests(request.user).filter(offer=offer)
            if request.user.is_authenticated
            else [],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def offer_new_page(request: AuthenticatedRequest) -> HttpResponse:
    volunteer = approved_of(request.user)
    initial = {"specialty": volunteer.specialty} if volunteer else {}
    form = OfferForm(request.POST or None, initial=initial) if volunteer else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            offer_propose(actor=request.user, data=form.as_input())
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("服务承诺已提交，等待基层工会推荐。"))
            return redirect("portal:volunteers:mine")
    return render(
        request, "volunteers/portal_offer_new.html", {"form": form, "volunteer": volunteer}
    )


@require_POST
@login_required
def offer_withdraw_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = VolunteerOffer.objects.filter(pk=pk, volunteer__applicant_id=request.user.pk).first()
    if offer is None:
        raise NotFound()
    try:
        offer_withdraw(actor=request.user, offer=offer)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("服务承诺已撤回。"))
    return redirect("portal:volunteers:mine")


def service_context(user: Any, volunteer: Volunteer | None) -> dict[str, Any]:
    """The volunteer's projects, hours, offers and the requests connected to them, for their
    own page at /me/volunteer/."""
    if volunteer is None or volunteer.status != VolunteerStatus.APPROVED:
        return {}
    return {
        "service": True,
        "hours_years": selectors.hours_by_year(volunteer),
        "hours_recent": selectors.hours_of_volunteer(volunteer)[:10],
        "my_projects": selectors.my_projects(volunteer)[:20],
        "my_proposals": selectors.my_proposals(user)[:20],
        "my_offers": selectors.my_offers(volunteer)[:20],
        "requests_to_me": selectors.requests_to_me(volunteer)[:20],
    }
