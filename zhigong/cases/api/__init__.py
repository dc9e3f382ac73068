"""The cases app's API, as one router for ``config/api.py`` to mount at /api/v1/cases: the
requester's routes (``requester``), the workbench's (``staff``) and the figures (``figures``),
all on the router of ``common``."""

from zhigong.cases.api import figures, requester, staff  # noqa: F401  (they add the routes)
from zhigong.cases.api.common import router

__all__ = ["router"]
