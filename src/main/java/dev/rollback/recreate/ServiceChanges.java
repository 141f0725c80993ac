package dev.rollback.recreate;

import dev.rollback.adapters.docker.ContainerInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which services an update to other files must recreate, and which keep running untouched.
 * A service is recreated when one of its containers was created from another definition (compose's
 * {@code com.docker.compose.config-hash} label against the hash of the files now in place), runs
 * another image than its reference now points at (a tag moved back to an older image), or is not
 * running; services the files no longer name are removed.
 *
 * @param recreate  services to recreate, sorted
 * @param unchanged services whose containers keep running, sorted
 * @param removed   services that have containers but are no longer in the files, sorted
 */
record ServiceChanges(List<String> recreate, List<String> unchanged, List<String> removed) {

    /**
     * @param hashes     per service in the files, its definition's hash
     * @param imageIds   per service, the image ID its reference points at now (absent: not compared)
     * @param containers the project's containers
     */
    static ServiceChanges between(Map<String, String> hashes, Map<String, String> imageIds,
                                  List<ContainerInfo> containers) {
        TreeSet<String> recreate = new TreeSet<>();
        TreeSet<String> unchanged = new TreeSet<>();
        for (Map.Entry<String, String> service : hashes.entrySet()) {
            List<ContainerInfo> own = containers.stream().filter(c -> service.getKey().equals(c.service())).toList();
            String imageId = imageIds.get(service.getKey());
            boolean same = !own.isEmpty() && own.stream().allMatch(c -> c.running()
                && service.getValue().equals(c.configHash()) && (imageId == null || imageId.equals(c.imageId())));
            (same ? unchanged : recreate).add(service.getKey());
        }
        TreeSet<String> removed = new TreeSet<>();
        containers.stream().map(ContainerInfo::service).filter(Objects::nonNull)
            .filter(service -> !hashes.containsKey(service)).forEach(removed::add);
        return new ServiceChanges(List.copyOf(recreate), List.copyOf(unchanged), List.copyOf(removed));
    }

    boolean nothingToDo() {
        return recreate.isEmpty() && removed.isEmpty();
    }
}
