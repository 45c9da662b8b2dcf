"""Document -> typed Plan: cleaning, outline, numeric targets (and, in link, entities)."""

from loaders.errors import PlanError
from loaders.plan import load_plan, read_plan

__all__ = ["PlanError", "load_plan", "read_plan"]
