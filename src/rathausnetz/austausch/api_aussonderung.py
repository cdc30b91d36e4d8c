"""API of the Aussonderung cycle (``/api/aussonderung/...``)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["aussonderung"])
