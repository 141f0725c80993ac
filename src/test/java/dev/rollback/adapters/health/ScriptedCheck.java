package dev.rollback.adapters.health;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A check that answers healthy/unhealthy from a script, repeating the last answer at the end. */
final class ScriptedCheck implements HealthCheck {
    private final List<Boolean> script;
    private final AtomicInteger probes = new AtomicInteger();

    ScriptedCheck(Boolean... script) {
        this.script = List.of(script);
    }

    int probes() {
        return probes.get();
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public HealthResult probe() {
        int index = probes.getAndIncrement();
        boolean healthy = script.get(Math.min(index, script.size() - 1));
        String detail = "probe " + (index + 1);
        return healthy ? HealthResult.healthy(name(), detail) : HealthResult.unhealthy(name(), detail);
    }
}
