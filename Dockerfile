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

# The QR card's fonts (app/access_requests/card_fonts.py): Debian's Noto packages, in a stage of
# their own, so that the runtime gets only the Noto Sans files the card draws with (not the
# serif faces, nor apt's state). scripts/install-card-fonts installs the same on a host.
FROM python:3.11-slim AS fonts
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji \
    && rm -rf /var/lib/apt/lists/*

FROM python:3.11-slim AS runtime
# FriBidi: Pillow's raqm layout loads it to shape the card's text and order right-to-left lines.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libfribidi0 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /data && chown app:app /data
# At the paths Debian installs them to, where the service looks (card_fonts.FONT_DIRECTORIES),
# with their licenses (SIL Open Font License).
COPY --from=fonts /usr/share/fonts/truetype/noto/NotoSans*-Regular.ttf \
    /usr/share/fonts/truetype/noto/NotoSans*-Bold.ttf \
    /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf /usr/share/fonts/truetype/noto/
COPY --from=fonts /usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc /usr/share/fonts/opentype/noto/
COPY --from=fonts /usr/share/doc/fonts-noto-core/copyright /usr/share/doc/fonts-noto-core/
COPY --from=fonts /usr/share/doc/fonts-noto-cjk/copyright /usr/share/doc/fonts-noto-cjk/
COPY --from=fonts /usr/share/doc/fonts-noto-color-emoji/copyright \
    /usr/share/doc/fonts-noto-color-emoji/
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
