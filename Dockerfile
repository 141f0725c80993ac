# The rollback CLI as an image: JRE 17, PostgreSQL client 15, Docker CLI and compose v2.
# Built from source in two stages; no local build needed first:
#   docker build -t rollback .
# Run with the Docker socket and the stack's directory mounted:
#   docker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v "$PWD:/stack" -w /stack \
#     -e DB_PASSWORD rollback verify
# The base images come from a registry (Docker Hub). Without one, scripts/build-image.sh makes
# them locally and builds this same file with the build arguments below (docs/install.md).

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=debian:bookworm-slim
ARG DOCKER_CLI_IMAGE=docker:27-cli
ARG COMPOSE_IMAGE=docker/compose-bin:v2.29.7
# Where /src/target (jar, completion, man pages) comes from: the build stage below (default), or
# an image holding a host build's target/ (scripts/build-image.sh; BuildKit then skips Maven).
ARG ARTIFACTS_FROM=build
# More Debian packages for the runtime stage: docker-compose (v1) when no compose v2 plugin is
# copied in (scripts/build-image.sh without a registry).
ARG EXTRA_PACKAGES=

# Stage 1: the fat jar, completion and man pages (mvn package; tests run in CI, not here).
FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests -Dcds.skip=true package

# Stage 2: the build's output, from the build stage or from ARTIFACTS_FROM.
FROM ${ARTIFACTS_FROM} AS artifacts

# Stage 3 and 4: static Docker CLI and compose plugin binaries, copied below.
FROM ${DOCKER_CLI_IMAGE} AS docker-cli
FROM ${COMPOSE_IMAGE} AS compose

# Stage 5: the runtime image.
FROM ${RUNTIME_IMAGE} AS runtime
ARG EXTRA_PACKAGES
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless postgresql-client-15 \
      ca-certificates git ${EXTRA_PACKAGES} \
 && rm -rf /var/lib/apt/lists/*
COPY --from=docker-cli /usr/local/bin/docker /usr/local/bin/docker
# The compose image's whole (scratch) filesystem, mounted for one step rather than copied (a
# COPY layer would keep a second 64 MB copy of the plugin): /docker-compose is the v2 plugin; an
# image without it leaves compose to EXTRA_PACKAGES.
RUN --mount=type=bind,from=compose,target=/tmp/compose \
    if [ -e /tmp/compose/docker-compose ]; then \
      install -D -m 0755 /tmp/compose/docker-compose /usr/local/lib/docker/cli-plugins/docker-compose; \
    fi
# bin/install.sh lays out the launcher, jar, completion and man pages as on a host, and makes the
# class-data-sharing archive for this image's JVM.
COPY bin/rollback bin/install.sh /tmp/rollback-src/bin/
COPY src/cds/training.yml /tmp/rollback-src/src/cds/training.yml
COPY --from=artifacts /src/target/rollback.jar /tmp/rollback-src/target/rollback.jar
COPY --from=artifacts /src/target/completion /tmp/rollback-src/target/completion
COPY --from=artifacts /src/target/man /tmp/rollback-src/target/man
RUN /tmp/rollback-src/bin/install.sh /usr/local && rm -rf /tmp/rollback-src
# Smoke check: the image fails to build unless the installed CLI starts (and a compose answers).
RUN rollback --version && docker --version && { docker compose version 2>/dev/null || docker-compose version; } \
 && pg_dump --version
WORKDIR /stack
# The entrypoint is the launcher (bin/rollback), which sets umask 077 before starting the JVM.
ENTRYPOINT ["rollback"]
CMD ["--help"]
