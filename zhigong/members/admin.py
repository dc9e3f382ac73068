"""Operators' admin for the member registry: read-mostly, masked, never a ciphertext or key,
never a birth date beside a masked ID number, and no filter or search that could test a
guessed ID number or phone.

Changes to members go through the services (workbench, API, commands) so that they are
authorised, audited and kept in the history; here operators look things up and switch
card-verifier credentials off.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from zhigong.core.admin import PersonalDataAdmin, ReadOnlyAdmin
from zhigong.members.models import CardVerifier, Member, MemberCard, MembershipApplication


@admin.register(Member)
class MemberAdmin(PersonalDataAdmin):
    # No birth date: with the masked ID number (first six and last four digits) it would
    # spell out the whole number. Search by name only: never an oracle on ID numbers.
    list_display = ["name", "id_number_masked", "phone_masked", "union", "status", "joined_on"]
    list_filter = ["status"]
    list_select_related = ["union"]
    search_fields = ["name"]
    fields = [
        "name",
        "gender",
        "id_number_masked",
        "phone_masked",
        "ethnicity",
        "political_status",
        "education",
        "union",
        "job",
        "joined_on",
        "status",
        "user",
    ]
    show_full_result_count = False


@admin.register(MembershipApplication)
class ApplicationAdmin(PersonalDataAdmin):
    list_display = ["name", "id_number_masked", "union", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["union"]
    fields = ["name", "id_number_masked", "phone_masked", "union", "status", "reason"]


@admin.register(MemberCard)
class MemberCardAdmin(ReadOnlyAdmin):
    list_display = ["number", "member", "status", "issued_at", "revoked_at"]
    list_filter = ["status"]
    list_select_related = ["member"]
    search_fields = ["number"]
    fields = ["number", "member", "status", "issued_at", "revoked_at", "replaces"]


@admin.register(CardVerifier)
class CardVerifierAdmin(admin.ModelAdmin[CardVerifier]):
    """Create keys with ``manage.py create_card_verifier`` (the key is shown once there)."""

    list_display = ["name", "union", "is_active", "created_at"]
    list_filter = ["is_active"]
    list_select_related = ["union"]
    fields = ["name", "union", "is_active"]
    readonly_fields = ["name", "union"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
