package dev.rollback.adapters.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * docker-java's transport with a deadline over each whole exchange, status line to last body byte,
 * as {@link EngineTimeouts} sets it. The Apache transport has only a connect timeout and a socket
 * read timeout for the whole client, and a read timeout cannot be both the 10 s an inspect deserves
 * and the hour a helper container's wait may take.
 *
 * <p>A bounded request runs on its own daemon thread, which reads the whole answer into memory
 * (Engine answers outside streams are small JSON documents); the caller waits at most the bound.
 * When it passes, the answer is closed (which aborts the request and closes its connection) and the
 * thread interrupted (which closes a unix socket's channel), and the caller gets an
 * {@link EngineStall}. Streams pass through untouched: their callers bound them.
 */
final class BoundedTransport implements DockerHttpClient {
    private final DockerHttpClient delegate;
    private final EngineTimeouts timeouts;

    BoundedTransport(DockerHttpClient delegate, EngineTimeouts timeouts) {
        this.delegate = delegate;
        this.timeouts = timeouts;
    }

    @Override
    public Response execute(Request request) {
        Optional<Duration> bound = timeouts.boundFor(request.method(), request.path());
        if (bound.isEmpty()) {
            return delegate.execute(request);
        }
        return within(bound.get(), request);
    }

    private Response within(Duration bound, Request request) {
        AtomicReference<Response> answering = new AtomicReference<>();
        CompletableFuture<Response> answer = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try (Response response = delegate.execute(request)) {
                answering.set(response);
                answer.complete(new Buffered(response.getStatusCode(), response.getHeaders(), readAll(response)));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        }, "docker-call");
        worker.setDaemon(true);
        worker.start();
        try {
            return answer.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            boolean headersArrived = answering.get() != null;
            giveUp(worker, answering.get());
            throw new EngineStall(request.method() + " " + pathOf(request), bound, headersArrived);
        } catch (InterruptedException e) {
            giveUp(worker, answering.get());
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Docker engine", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static byte[] readAll(Response response) throws IOException {
        InputStream body = response.getBody();
        return body == null ? new byte[0] : body.readAllBytes();
    }

    private static void giveUp(Thread worker, Response answering) {
        if (answering != null) {
            answering.close(); // aborts the request: the blocked read fails and the connection is dropped
        }
        worker.interrupt();
    }

    /** The path without its query: filters may be long, and they are not what stalled. */
    private static String pathOf(Request request) {
        String path = request.path();
        int question = path.indexOf('?');
        return question < 0 ? path : path.substring(0, question);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /** An answer read to its end. */
    private record Buffered(int status, Map<String, List<String>> headers, byte[] body) implements Response {
        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public String getHeader(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty())
                .map(h -> h.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public void close() {
            // nothing held: the real answer was closed once read
        }
    }

    /** A bounded call that did not complete within its bound. */
    static final class EngineStall extends RuntimeException {
        private final Duration bound;

        EngineStall(String call, Duration bound, boolean headersArrived) {
            super(call + (headersArrived ? " stalled in the middle of its answer" : " got no answer"));
            this.bound = bound;
        }

        Duration bound() {
            return bound;
        }
    }
}
