# syntax=docker/dockerfile:1
# Build:   docker build -t bc-tiktok-access .
# Migrate: docker run --rm -e DATABASE_URL=... bc-tiktok-access migrate     (a separate step)
# Serve:   docker run -p 8000:8000 -e DATABASE_URL=... -e SECRET_KEY=... bc-tiktok-access
# The entrypoint is the `bc-tiktok` command line: `docker run IMAGE --help` lists the commands.
# tests/test_container.py checks this file and runs its install and start steps in a venv.

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# The locked dependencies first, in their own layer: a code change does not reinstall them.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
# Then the project itself, as a regular (non-editable) install: it brings `bc-tiktok`.
COPY pyproject.toml README.md ./
COPY app ./app
RUN pip install --no-deps .

FROM python:3.11-slim AS runtime
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /data && chown app:app /data
COPY --from=build /opt/venv /opt/venv
# The installed package ships no migrations: `bc-tiktok migrate` finds alembic.ini and
# migrations/ in the working directory (app/core/migrations.py).
WORKDIR /srv
COPY alembic.ini ./
COPY migrations ./migrations
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite:////data/bc_tiktok_access.db \
    UVICORN_HOST=0.0.0.0 \
    UVICORN_PORT=8000
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; r.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('UVICORN_PORT', '8000'), timeout=4)"]
ENTRYPOINT ["bc-tiktok"]
CMD ["serve"]
