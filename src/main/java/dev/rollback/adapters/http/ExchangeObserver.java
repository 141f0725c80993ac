package dev.rollback.adapters.http;

/**
 * Sees every exchange a {@link JsonApi} completes, before its answer is judged: the place to check
 * requests and answers against an API's OpenAPI description. An exchange that got no answer (a
 * stall, a refused connection) is not observed. Throwing here fails the call with that exception.
 */
@FunctionalInterface
public interface ExchangeObserver {
    ExchangeObserver NONE = exchange -> { };

    void observe(Exchange exchange);
}
