"""The 30-day visit alert's reminder (VOL-4): a notice to the volunteer of each pair without a
visit for 30 days, once per silence. Idempotent, also when two runs overlap: each pair is
claimed by a conditional ``UPDATE`` (``reminded_for`` set to the ``last_seen_on`` it reminds
for), and only the run whose update took the row sends its notice. A visit moves
``last_seen_on`` on, so the next silence is reminded again."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from zhigong.core.masking import mask_name
from zhigong.hardship.models import Pairing
from zhigong.hardship.selectors import overdue_pairs
from zhigong.notifications.services import notify


def remind_overdue(today: dt.date | None = None) -> int:
    sent = 0
    due = (
        overdue_pairs(today)
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("last_seen_on")))
        .exclude(volunteer__applicant__isnull=True)
        .values_list("pk", "last_seen_on")
    )
    for pk, last_seen in due.iterator():
        with transaction.atomic():
            claimed = (
                Pairing.objects.filter(pk=pk, last_seen_on=last_seen)
                .exclude(reminded_for=last_seen)
                .update(reminded_for=last_seen)
            )
            if not claimed:
                continue  # another run took it, or a visit came in meanwhile
            pairing = Pairing.objects.select_related("volunteer__applicant", "file").get(pk=pk)
            notify(
                pairing.volunteer.applicant,
                title=_("请走访您的结对对象"),
                body=_("您结对帮扶的%(name)s已超过30天没有走访记录（上次：%(day)s）。")
                % {"name": mask_name(pairing.file.name), "day": last_seen.isoformat()},
                url=reverse("portal:hardship:mine"),
            )
            sent += 1
    return sent
