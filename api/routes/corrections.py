"""Corrections of a plan's facts (issue 23): read by anyone, written by an editor with a key.

A write is kept first (durably, in the correction store) and then applied to the loaded
graph under one lock, so two editors at once lose nothing, and a write that was answered
201 survives a killed server (the next start applies every kept correction). A write bumps
the store's data version: ETags, the kept answers and the search index follow at once.
"""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response

from plankg.api.deps import Pages, Store, in_thread, no_such_plan
from plankg.api.editors import Editor, editor_of, may_edit
from plankg.api.kept_corrections import WRITING  # one write at a time: before/after hold
from plankg.graph.corrections import (
    BadCorrection,
    Correction,
    CorrectionIn,
    Status,
    after_of,
    locate,
    located,
    refresh,
    with_status,
)
from plankg.graph.records import Page
from plankg.graph.tables import forget as forget_tables

router = APIRouter(tags=["corrections"])
_PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
KEYED = {  # what a route that needs an editor's key may answer besides
    401: {"description": "No editor's key, or not a valid one", "content": _PROBLEM},
    403: {"description": "The editor may not correct this plan", "content": _PROBLEM},
}
log = logging.getLogger("plankg.corrections")
PlanId = Annotated[str, Path(max_length=200, description="the plan's id")]
CorrectionId = Annotated[str, Path(max_length=64, description="the correction's id")]


async def the_editor(request: Request) -> Editor:
    # scrypt takes some 50 ms: in a thread, so the event loop keeps answering meanwhile
    return await anyio.to_thread.run_sync(editor_of, request)


EditorDep = Annotated[Editor, Depends(the_editor)]


def _corrections(request: Request):
    found = getattr(request.app.state, "corrections", None)
    if found is None:
        raise HTTPException(503, "corrections are not kept by this server")
    return found


def _plan_text(store, plan: str) -> tuple[str, str]:
    found = store.plan_text(plan) if hasattr(store, "correcting") else None
    if found is None:
        raise no_such_plan(store, plan)
    return found


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@router.get(
    "/editor",
    summary="The editor whose key the request carries",
    responses={401: KEYED[401]},
)
@in_thread
def who_am_i(editor: EditorDep, response: Response) -> dict:
    """401 without a valid key: the page checks a key with it before an edit."""
    response.headers["cache-control"] = "no-store"  # one editor's answer: nobody keeps it
    return {"name": editor.name, "plans": list(editor.plans)}


@router.post(
    "/plans/{plan_id}/corrections",
    response_model=Correction,
    status_code=201,
    summary="Confirm, reject or add a link, or correct a target (an editor's key needed)",
    # a body that is not JSON at all (bytes that do not decode) is refused before it is read
    responses={**KEYED, 400: {"description": "The body is not JSON", "content": _PROBLEM}},
)
@in_thread
def write(
    request: Request, store: Store, plan_id: PlanId, body: CorrectionIn, editor: EditorDep
) -> Correction:
    plan = plan_id
    may_edit(editor, plan)
    text, sha256 = _plan_text(store, plan)
    kept = _corrections(request)
    correction_id = secrets.token_hex(8)

    def prepare(graph):
        where = locate(graph, plan, body.fact)
        return where, *after_of(graph, text, where, body, correction_id, plan)

    with WRITING:
        try:
            where, before, after = store.correcting(prepare, edit=False)
        except BadCorrection as why:
            raise HTTPException(422, str(why)) from None
        correction = Correction(
            id=correction_id,
            plan=plan,
            plan_sha256=sha256,
            key=where.key,
            action=body.action,
            fact=body.fact.model_dump(exclude_none=True),
            span=body.span.model_dump() if body.span else None,
            before=before,
            after=after,
            who=editor.name,
            when=_now(),
            why=body.why,
            status="applied",
        )
        kept.add(correction)  # kept before it shows: an answered write is never lost
        _refresh(store, kept, correction)
        _forget_answers(request, store, plan)
    log.info(
        "correction %s by %s: %s %s on plan %s",
        correction.id,
        editor.name,
        body.action,
        where.key,
        plan,
    )
    return correction


def _forget_answers(request: Request, store, plan: str) -> None:
    """The plan's search index and tables are built again at the next request: the embedded
    store's follow its data version anyway, but Neo4j's are kept for a minute
    (api/routes/search.py, graph/tables.py), and a correction must show at once."""
    request.app.state.search_indexes.pop(plan, None)
    forget_tables(store, plan)


def _refresh(store, kept, correction: Correction) -> None:
    """Set the correction's fact from every kept correction of it on this text."""
    group = sorted(
        (
            c
            for c in kept.of_plan(correction.plan)
            if c.key == correction.key and c.plan_sha256 == correction.plan_sha256
        ),
        key=lambda c: c.when,
    )
    store.correcting(lambda graph: refresh(graph, located(correction), group))


@router.get(
    "/plans/{plan_id}/corrections",
    response_model=Page[Correction],
    summary="The plan's corrections, newest first (withdrawn and stale ones too)",
)
@in_thread
def list_corrections(
    request: Request,
    store: Store,
    plan_id: PlanId,
    paging: Pages,
    status: Annotated[Status | None, Query(description="only these")] = None,
) -> Page[Correction]:
    _, sha256 = _plan_text(store, plan_id)
    found = [with_status(c, sha256) for c in _corrections(request).of_plan(plan_id)]
    if status is not None:
        found = [c for c in found if c.status == status]
    return Page.of(found, paging)


def _one(request: Request, store, plan: str, correction_id: str) -> tuple[Correction, str]:
    _, sha256 = _plan_text(store, plan)
    found = _corrections(request).get(correction_id)
    if found is None or found.plan != plan:
        raise HTTPException(404, f"no correction {correction_id!r} of plan {plan!r}")
    return found, sha256


@router.get(
    "/plans/{plan_id}/corrections/{correction}",
    response_model=Correction,
    summary="One correction",
)
@in_thread
def get_correction(
    request: Request, store: Store, plan_id: PlanId, correction: CorrectionId
) -> Correction:
    found, sha256 = _one(request, store, plan_id, correction)
    return with_status(found, sha256)


@router.delete(
    "/plans/{plan_id}/corrections/{correction}",
    response_model=Correction,
    summary="Withdraw a correction (it stays in the audit trail, status withdrawn)",
    responses=KEYED,
)
@in_thread
def withdraw(
    request: Request, store: Store, plan_id: PlanId, correction: CorrectionId, editor: EditorDep
) -> Correction:
    plan = plan_id
    may_edit(editor, plan)
    kept = _corrections(request)
    with WRITING:
        found, sha256 = _one(request, store, plan, correction)
        withdrawn = kept.withdraw(found.id, editor.name, _now())
        if found.plan_sha256 == sha256 and found.status != "withdrawn":
            _refresh(store, kept, withdrawn)
            _forget_answers(request, store, plan)
    log.info("correction %s withdrawn by %s on plan %s", found.id, editor.name, plan)
    return with_status(withdrawn, sha256)
