"""Route entries of the hardship app (``tests/test_routes.py`` walks them over the cast).

The cast's hardship: a file at GA (a worker who is not a member) with a document, paired
with the cast's member 张伟 as an approved volunteer; an unheld file at SA offered to him.
Staff pages are for those whose ``hardship.view`` covers the file's union (404 otherwise)."""

from __future__ import annotations

from zhigong.core.actors import SYSTEM
from zhigong.hardship.models import HardshipFile, Pairing
from zhigong.hardship.services.files import documents_add
from zhigong.hardship.tests.conftest import make_file, make_pair
from zhigong.testing.cast import Cast

# hardship.view somewhere: the list, the export, the unpaired page, the alert queue.
VIEWERS = {
    "city_admin",
    "district_admin",
    "other_admin",
    "street_staff",
    "officer",
    "other_officer",
}
# hardship.pair somewhere: the volunteers' choices to confirm.
PAIRERS = VIEWERS
# hardship.manage somewhere: a new file.
MANAGERS = {"street_staff", "officer", "other_officer"}
# hardship.view over GA, where the cast's file is kept.
OVER_GA = {"city_admin", "district_admin", "street_staff", "officer"}
MANAGE_GA = {"street_staff", "officer"}

PDF = b"%PDF-1.4\n" + b"0" * 64


class _Pdf:
    name = "低保证明.pdf"

    def read(self, *args: object) -> bytes:
        return PDF


def cast_pair(cast: Cast) -> Pairing:
    pair = make_pair(cast)
    if not pair.file.documents.exists():
        documents_add(actor=SYSTEM, file=pair.file, uploads=[_Pdf()])
    return pair


def cast_file(cast: Cast) -> HardshipFile:
    return cast_pair(cast).file


def offered_file(cast: Cast) -> HardshipFile:
    cast_pair(cast)
    return make_file(cast, "SA")
