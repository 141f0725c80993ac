package dev.rollback.incident;

import dev.rollback.adapters.git.GitRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code git.txt}: the commit the stack's checkout is at, its branch, and what is changed in it. */
final class GitCollector implements Collector {
    private final Supplier<GitRepository> git;

    GitCollector(Supplier<GitRepository> git) {
        this.git = git;
    }

    @Override
    public String name() {
        return "git";
    }

    @Override
    public void collect(Bundle bundle) {
        GitRepository repo = git.get();
        String head = repo.head();
        List<String> changed = repo.uncommittedPaths();
        List<String> lines = new ArrayList<>();
        lines.add("HEAD " + head + " " + repo.subject(head));
        lines.add("branch " + repo.currentBranch());
        lines.add(changed.isEmpty() ? "status: clean" : "status: " + changed.size() + " uncommitted path(s)");
        changed.forEach(path -> lines.add("  " + path));
        bundle.file("git.txt", String.join("\n", lines) + "\n");
        bundle.section("Git", List.of("- " + lines.get(0), "- " + lines.get(1), "- " + lines.get(2)));
    }
}
