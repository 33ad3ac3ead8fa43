# The API image: loads the shipped data into the Neo4j at NEO4J_URI, then serves the API and pages.
# The npm packages the pages need (viz/npm_cache.py: PACKAGES) are packed at build time, never at run time.
FROM node:22-slim AS npm
WORKDIR /npm
RUN npm pack world-atlas@2.0.2 && npm pack vis-network@10.1.5

FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 API_HOST=0.0.0.0 API_PORT=8000
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY loaders ./loaders
COPY queries ./queries
COPY api ./api
COPY viz ./viz
COPY cli ./cli
COPY data ./data
COPY --from=npm /npm/ /root/.cache/nsgraph/npm/
RUN pip install --no-cache-dir -e .
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=10 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"
CMD ["nsgraph", "run"]
