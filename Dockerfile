# The rollback CLI as an image: JRE, PostgreSQL client tools, Docker CLI and compose.
# Build the jar first (mvn -DskipTests package), then: docker build -t rollback .
# Run with the Docker socket and the stack's directory mounted:
#   docker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v "$PWD:/stack" -w /stack \
#     -e DB_PASSWORD rollback verify
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless postgresql-client-15 \
      docker.io docker-compose ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY target/rollback.jar /usr/local/share/rollback/rollback.jar
COPY bin/rollback /usr/local/bin/rollback
ENV ROLLBACK_JAR=/usr/local/share/rollback/rollback.jar
ENTRYPOINT ["/usr/local/bin/rollback"]
CMD ["--help"]
