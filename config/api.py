"""The composition root of the API: each app's routers on the one NinjaAPI at /api/v1/.

An app adds its mount line here. Paths the mobile team may already build on stay exactly as
they are (``/auth/token``, ``/me…``, ``/unions…``, ``/members…``, ``/cards/verify``); a new
app takes its own prefix (``/cases/``).
"""

from zhigong.accounts.api import router as accounts_router
from zhigong.cases.api import router as cases_router
from zhigong.centres.api import router as centres_router
from zhigong.core.api import api
from zhigong.events.api import router as events_router
from zhigong.matchmaking.api import router as matchmaking_router
from zhigong.members.api import router as members_router
from zhigong.surveys.api import router as surveys_router
from zhigong.unions.api import router as unions_router
from zhigong.volunteers.api import router as volunteers_router

api.add_router("/", accounts_router)
api.add_router("/unions", unions_router)
api.add_router("/", members_router)
api.add_router("/cases", cases_router)
api.add_router("/volunteers", volunteers_router)
api.add_router("/matchmaking", matchmaking_router)
api.add_router("/events", events_router)
api.add_router("/centres", centres_router)
api.add_router("/surveys", surveys_router)

__all__ = ["api"]
