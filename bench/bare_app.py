"""The framework's ceiling: a bare FastAPI app whose `async def` endpoint returns a constant
JSON object (an `async def` endpoint runs on the event loop, as every route of the service
does; a plain `def` one would pay a hop to the threadpool)."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/")
async def constant() -> dict[str, str]:
    return {"status": "ok"}
