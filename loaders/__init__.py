"""Document -> typed Plan: cleaning, outline, numeric targets (and, in link, entities)."""

from plankg.loaders.errors import PlanError
from plankg.loaders.plan import load_plan, read_plan

__all__ = ["PlanError", "load_plan", "read_plan"]
