"""The members app's API routes, as one router for ``config/api.py`` to mount at /api/v1/:
members, the member's own card, card verification (``members``) and figures (``figures``)."""

from ninja import Router

from zhigong.members.api import figures, members

router = Router()
router.add_router("", members.router)
router.add_router("", figures.router)
