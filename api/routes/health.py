from fastapi import APIRouter

from api.deps import Store
from api.models import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Is the API up, and what does it hold?")
def health(store: Store) -> Health:
    counts = store.counts()
    return Health(
        status="ok",
        backend=store.backend,
        plans=counts["Plan"],
        tasks=counts["Task"],
        indicators=counts["Indicator"],
        places=counts["Place"],
        agencies=counts["Agency"],
    )


@router.get("/livez", summary="Liveness: the process answers (it does not ask the store)")
def livez() -> dict[str, str]:
    return {"status": "ok"}
