"""The API's settings are plankg's one configuration (plankg/config.py), re-exported."""

from plankg.config import DEFAULT_PLAN, SHIPPED_DATA, Settings

__all__ = ["DEFAULT_PLAN", "SHIPPED_DATA", "Settings"]
