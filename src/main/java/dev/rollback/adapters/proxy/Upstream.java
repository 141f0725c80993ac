package dev.rollback.adapters.proxy;

/** One entry of Caddy's {@code /reverse_proxy/upstreams}: an address it dials and its counters. */
public record Upstream(String address, int requests, int fails) {
}
