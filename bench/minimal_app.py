"""The reference the throughput goals are ratios to: the smallest FastAPI app, one
`async def` route returning a small dict, served by the same uvicorn without an access
log. Whatever plankg's routes cost beyond it is plankg's own per-request cost."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/livez")
async def livez() -> dict[str, str]:
    return {"status": "ok"}
