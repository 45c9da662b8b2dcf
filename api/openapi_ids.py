"""Short, stable operationIds and the 200 schemas the routes cannot state themselves.

Clients generated from /openapi.json name their methods after the operationIds; FastAPI's
defaults (`list_plans_plans_get`) make those unreadable. The ids are keyed by method and
path, the contract itself, so renaming a route function changes nothing a client sees.
Kept in one place, after the routers are included, so the route modules stay as they are.
"""

from __future__ import annotations

import re

from fastapi import FastAPI

OPERATION_IDS = {
    ("GET", "/health"): "health",
    ("GET", "/livez"): "livez",
    ("GET", "/plans"): "listPlans",
    ("GET", "/plans/{plan_id}"): "getPlan",
    ("GET", "/chapters"): "listChapters",
    ("GET", "/chapters/{number}"): "getChapter",
    ("GET", "/goals"): "listGoals",
    ("GET", "/goals/{number}"): "getGoal",
    ("GET", "/tasks"): "listTasks",
    ("GET", "/tasks/{number}"): "getTask",
    ("GET", "/indicators"): "listIndicators",
    ("GET", "/places"): "listPlaces",
    ("GET", "/places/{place}"): "getPlace",
    ("GET", "/places/{place}/tasks"): "listPlaceTasks",
    ("GET", "/agencies"): "listAgencies",
    ("GET", "/agencies/{agency}"): "getAgency",
    ("GET", "/agencies/{agency}/tasks"): "listAgencyTasks",
    ("GET", "/plans/{plan_id}/responsibilities"): "listPlanResponsibilities",
    ("GET", "/agencies/{agency}/responsibilities"): "listAgencyResponsibilities",
    ("GET", "/plans/{plan_id}/table/tasks"): "listTableTasks",
    ("GET", "/plans/{plan_id}/table/places"): "listTablePlaces",
    ("GET", "/plans/{plan_id}/table/agencies"): "listTableAgencies",
    ("GET", "/plans/{plan_id}/table/targets"): "listTableTargets",
    ("GET", "/themes"): "listThemes",
    ("GET", "/themes/{theme}"): "getTheme",
    ("GET", "/themes/{theme}/tasks"): "listThemeTasks",
    ("GET", "/families"): "listFamilies",
    ("GET", "/families/{key}"): "listFamilyTargets",
    ("GET", "/search"): "searchTasks",
    ("GET", "/graph"): "getGraph",
    ("GET", "/graph/export"): "exportGraph",
    ("GET", "/plans/{plan_id}/citations"): "listPlanCitations",
    ("GET", "/plans/{plan_id}/cited-by"): "listPlanCitedBy",
    ("GET", "/documents"): "listDocuments",
    ("GET", "/documents/{key}"): "getDocument",
    ("GET", "/editor"): "getEditor",
    ("POST", "/plans/{plan_id}/corrections"): "createCorrection",
    ("GET", "/plans/{plan_id}/corrections"): "listCorrections",
    ("GET", "/plans/{plan_id}/corrections/{correction}"): "getCorrection",
    ("DELETE", "/plans/{plan_id}/corrections/{correction}"): "withdrawCorrection",
}

_NODE_LINK = {
    "type": "object",
    "description": "networkx node-link data: every node with its properties, every edge "
    "with source, target and key (the relationship type)",
    "properties": {
        "directed": {"type": "boolean"},
        "multigraph": {"type": "boolean"},
        "graph": {"type": "object"},
        "nodes": {
            "type": "array",
            "items": {"type": "object", "properties": {"id": {"type": "string"}}},
        },
        "edges": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "source": {"type": "string"},
                    "target": {"type": "string"},
                    "key": {"type": "string"},
                },
            },
        },
    },
    "required": ["directed", "multigraph", "graph", "nodes", "edges"],
}

# Routes that return a Response (or a plain dict) have no response_model to document.
RESPONSES_200 = {
    ("GET", "/livez"): {
        "description": "The process answers",
        "content": {
            "application/json": {
                "schema": {
                    "title": "Liveness",
                    "type": "object",
                    "properties": {"status": {"type": "string", "enum": ["ok"]}},
                    "required": ["status"],
                }
            }
        },
    },
    ("GET", "/graph/export"): {
        "description": "GraphML (format=graphml) or node-link JSON (format=json)",
        "content": {
            "application/graphml+xml": {"schema": {"type": "string"}},
            "application/json": {"schema": _NODE_LINK},
        },
    },
}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def install(app: FastAPI) -> None:
    """Rewrite the generated schema once, when /openapi.json is first asked for: FastAPI
    builds it from the included routers lazily, so the document is the one place to do it."""
    generate = app.openapi

    def openapi() -> dict:
        schema = generate()
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                key = (method.upper(), path)
                default = operation.get("operationId", "")
                # A route missing from the table still gets a readable id: its function name
                # (FastAPI's default id is the name followed by the path and method).
                name = default.removesuffix(re.sub(r"\W", "_", path) + "_" + method)
                operation["operationId"] = OPERATION_IDS.get(key) or camel(name)
                if key in RESPONSES_200:
                    operation["responses"]["200"] = RESPONSES_200[key]
        return schema

    app.openapi = openapi
