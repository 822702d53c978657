"""The framework's ceiling: a bare FastAPI app returning a constant JSON object."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def constant() -> dict[str, str]:
    return {"status": "ok"}
