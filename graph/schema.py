"""The graph contract researchers and frontends rely on: node labels, relationship
types, and the plain node/edge records both stores hold (see DESIGN.md)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict


class Label(StrEnum):
    PLAN = "Plan"
    CHAPTER = "Chapter"
    GOAL = "Goal"
    TASK = "Task"
    INDICATOR = "Indicator"
    PLACE = "Place"
    AGENCY = "Agency"
    THEME = "Theme"


class Rel(StrEnum):
    HAS_CHAPTER = "HAS_CHAPTER"
    HAS_TASK = "HAS_TASK"
    HAS_GOAL = "HAS_GOAL"
    HAS_INDICATOR = "HAS_INDICATOR"
    MENTIONS = "MENTIONS"
    PART_OF = "PART_OF"
    RESPONSIBLE_FOR = "RESPONSIBLE_FOR"
    ABOUT = "ABOUT"
    RELATED_TO = "RELATED_TO"


class Node(BaseModel):
    """Properties are Neo4j-storable: strings, numbers, booleans and lists of them."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: Label
    properties: dict[str, Any]


class Edge(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    target: str
    type: Rel
    properties: dict[str, Any] = {}


class GraphData(BaseModel):
    nodes: list[Node]
    edges: list[Edge]
