# A container for lfkit-server, built from Debian 12 packages with the same commands as
# ci/run-server.sh (ci/install-deps.sh, then the lfkit_server target). Untested here: this
# machine cannot build images. Data lives in /data (LANGFLOW_CONFIG_DIR); the server
# listens on 0.0.0.0:7860 inside the container.
#   docker build -t lfkit . && docker run -p 7860:7860 -v lfkit-data:/data lfkit
FROM debian:12 AS build
WORKDIR /src
COPY . .
RUN bash ci/install-deps.sh \
 && cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null \
 && cmake --build build -j2 --target lfkit_server

FROM debian:12-slim
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends \
      libsqlite3-0 libssl3 zlib1g libjemalloc2 ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/reference/server/lfkit-server /usr/local/bin/lfkit-server
ENV LANGFLOW_CONFIG_DIR=/data
VOLUME /data
EXPOSE 7860
HEALTHCHECK CMD curl -fsS http://127.0.0.1:7860/health || exit 1
ENTRYPOINT ["lfkit-server", "--host", "0.0.0.0", "--port", "7860"]
