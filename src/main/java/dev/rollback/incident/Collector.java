package dev.rollback.incident;

/**
 * One independent part of the incident bundle (the containers, their logs, the compose config,
 * git, disk…). A collector that throws is listed under "not collected" with its message; the
 * others run regardless, so a dead Docker daemon or database never costs the rest of the bundle.
 */
interface Collector {
    /** Short name for the "not collected" list: {@code docker-ps}, {@code logs}, {@code git}. */
    String name();

    void collect(Bundle bundle) throws Exception;
}
