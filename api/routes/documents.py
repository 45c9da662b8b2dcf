"""Citations: what a plan cites, the loaded plans citing it, and the cited documents."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path

from plankg.api.deps import MAX_TEXT, Pages, Store, Text, in_thread, no_such_plan
from plankg.api.models import Citation, CitingPlan, DocumentDetail, DocumentOut, Page
from plankg.api.problems import quote

router = APIRouter(tags=["documents"])


def _known(store: Store, plan_id: str) -> str:
    if not store.has_plan(plan_id):
        raise no_such_plan(store, plan_id)
    return plan_id


@router.get(
    "/plans/{plan_id}/citations",
    response_model=Page[Citation],
    summary="The documents a plan cites in 《…》, with the verb and sentence of each",
)
@in_thread
def list_citations(plan_id: str, store: Store, paging: Pages) -> Page[Citation]:
    return store.citations(_known(store, plan_id), paging)


@router.get(
    "/plans/{plan_id}/cited-by",
    response_model=Page[CitingPlan],
    summary="The loaded plans citing this plan, with their sentences",
)
@in_thread
def list_citing_plans(plan_id: str, store: Store, paging: Pages) -> Page[CitingPlan]:
    return store.cited_by(_known(store, plan_id), paging)


@router.get(
    "/documents",
    response_model=Page[DocumentOut],
    summary="Documents the loaded plans cite, most cited first",
)
@in_thread
def list_documents(store: Store, paging: Pages, q: Text = None) -> Page[DocumentOut]:
    return store.documents(paging, q or None)


@router.get(
    "/documents/{key}",
    response_model=DocumentDetail,
    summary="A cited document by key, the loaded plan it is, and the plans citing it",
)
@in_thread
def get_document(key: Annotated[str, Path(max_length=MAX_TEXT)], store: Store) -> DocumentDetail:
    found = store.document(key)
    if found is None:
        raise HTTPException(404, f"no cited document {quote(key)} (GET /documents?q= finds keys)")
    return found
