"""API routes for members (no future annotations: django-ninja reads them at run time)."""

from ninja import Router

router = Router(tags=["会员 members"])
