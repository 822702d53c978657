# syntax=docker/dockerfile:1
# Build: docker build -t bc-tiktok-access .
# Migrate (a separate step): docker run --rm -e DATABASE_URL=... bc-tiktok-access alembic upgrade head
# Serve: docker run -p 8000:8000 -e DATABASE_URL=... -e SECRET_KEY=... bc-tiktok-access

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.lock /tmp/requirements.lock
RUN pip install --require-hashes -r /tmp/requirements.lock

FROM python:3.11-slim AS runtime
RUN useradd --system --uid 10001 --no-create-home app \
    && mkdir -p /data && chown app /data
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
COPY alembic.ini ./
COPY migrations ./migrations
COPY app ./app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite:////data/bc_tiktok_access.db
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
