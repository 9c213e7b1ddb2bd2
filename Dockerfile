# pariscall in a container: the wheel (content baked in) in a venv, run as a non-root user.
#   docker build -t pariscall .
#   docker run --env-file pariscall.env -p 3000:3000 pariscall
# Settings come from the environment (docs/deploy.md); /healthz and /readyz are on port 8080.

# -- build: the wheel, with the content inside it ------------------------------------------------
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
COPY content ./content
RUN python -m pip wheel --no-cache-dir --no-deps --wheel-dir /dist .

# -- run: a venv with the wheel and its dependencies, nothing else --------------------------------
FROM python:3.11-slim
RUN useradd --system --create-home --home-dir /var/lib/pariscall --shell /usr/sbin/nologin pariscall
COPY --from=build /dist/ /tmp/dist/
RUN python -m venv /opt/pariscall \
    && /opt/pariscall/bin/python -m pip install --no-cache-dir /tmp/dist/*.whl \
    && rm -rf /tmp/dist
ENV PATH=/opt/pariscall/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PORT=3000 \
    PARISCALL_HEALTH_PORT=8080 \
    PARISCALL_DATA_DIR=/var/lib/pariscall/data \
    PARISCALL_CACHE_DIR=/var/lib/pariscall/cache
USER pariscall
WORKDIR /var/lib/pariscall
EXPOSE 3000 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=2)"]
# pariscall stops cleanly on SIGTERM, finishing the answers in flight (docker stop waits 10 s).
STOPSIGNAL SIGTERM
CMD ["pariscall", "serve"]
