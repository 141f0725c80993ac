package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.ComposeProject;
import dev.rollback.adapters.docker.HostPortBinding;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.release.RunningStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where blue-green differs between the platforms: how a side (blue, the primary, green) is read,
 * and how green is started and the primary updated. The strategy (images, green file, start green,
 * gate it, switch Caddy, update the primary, switch back, remove green, undo at each point) is the
 * same for all; the platform answers this ({@code Platform.blueGreen}), a side named by its project
 * or stack name ({@code <stack>} or {@code <stack>-green}).
 * <ul>
 *   <li>{@link ComposeSides}: green is the app services of a compose project, created, attached to
 *       blue's networks, then started; blue is stopped and the primary's app services recreated.</li>
 *   <li>a stack of its own ({@link #greenIsOwnStack}, Swarm): green is deployed whole from a file
 *       holding only the app services, joined to blue's networks in the file itself; it is removed
 *       whole; the primary is updated by deploying the stack files, and awaited until it runs them.</li>
 * </ul>
 */
public interface SidePlatform {
    /** Whether green is a stack of its own, deployed whole ({@link StackTool#deploy}) and removed whole. */
    boolean greenIsOwnStack();

    /** What a side runs now, and the check per service (containers, or Swarm tasks). */
    RunningStack side(String name);

    /** The containers or services of a side, in any state; empty when there is none. */
    List<String> members(String name);

    /** Of {@code services}, those with nothing running in the side. */
    List<String> notRunning(String name, List<String> services);

    /** Per app service of the side, the host ports it publishes (as Docker records them, also while stopped). */
    Map<String, List<HostPortBinding>> publishedPorts(String name, List<String> services);

    /** The host names that stand for an app service in a dial: the service's, and its containers' names. */
    Map<String, String> hostNames(String name, List<String> services);

    /** The platform's tool for a side's files: green's derived file, the primary's stack files. */
    StackTool stackTool(ComposeProject project);

    /**
     * Returns once the side's {@code services} run what was last deployed (not the tasks from
     * before), or throws (exit 1) after {@code timeout}. Immediate where deploying returns only then.
     */
    void awaitDeployed(String name, List<String> services, Duration timeout);
}
