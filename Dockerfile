# The rollback CLI as an image: JRE 17, PostgreSQL client 15, Docker CLI and compose v2.
# Built from source in two stages; no local build needed first:
#   docker build -t rollback .
# Run with the Docker socket and the stack's directory mounted:
#   docker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v "$PWD:/stack" -w /stack \
#     -e DB_PASSWORD rollback verify
# The base images come from a registry (Docker Hub); see docs/install.md for machines without one.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=debian:bookworm-slim
ARG DOCKER_CLI_IMAGE=docker:27-cli
ARG COMPOSE_IMAGE=docker/compose-bin:v2.29.7

# Stage 1: the fat jar, completion and man pages (mvn package; tests run in CI, not here).
FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests -Dcds.skip=true package

# Stage 2 and 3: static Docker CLI and compose plugin binaries, copied below.
FROM ${DOCKER_CLI_IMAGE} AS docker-cli
FROM ${COMPOSE_IMAGE} AS compose

# Stage 4: the runtime image.
FROM ${RUNTIME_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless postgresql-client-15 \
      ca-certificates git \
 && rm -rf /var/lib/apt/lists/*
COPY --from=docker-cli /usr/local/bin/docker /usr/local/bin/docker
COPY --from=compose /docker-compose /usr/local/lib/docker/cli-plugins/docker-compose
# bin/install.sh lays out the launcher, jar, completion and man pages as on a host, and makes the
# class-data-sharing archive for this image's JVM.
COPY bin/rollback bin/install.sh /tmp/rollback-src/bin/
COPY src/cds/training.yml /tmp/rollback-src/src/cds/training.yml
COPY --from=build /src/target/rollback.jar /tmp/rollback-src/target/rollback.jar
COPY --from=build /src/target/completion /tmp/rollback-src/target/completion
COPY --from=build /src/target/man /tmp/rollback-src/target/man
RUN /tmp/rollback-src/bin/install.sh /usr/local && rm -rf /tmp/rollback-src
# Smoke check: the image fails to build unless the installed CLI starts.
RUN rollback --version && docker --version && docker compose version && pg_dump --version
WORKDIR /stack
ENTRYPOINT ["rollback"]
CMD ["--help"]
