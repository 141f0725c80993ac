package dev.rollback.release;

/**
 * What one service ran in a release.
 *
 * @param image      the reference the service's containers were created from ({@code merq/backend:current})
 * @param imageId    the image ID behind it at the time ({@code sha256:…}): what a rollback restores
 * @param protectTag the tag that keeps the image from being pruned while the release is in the ledger
 * @param repoDigest where the image can be pulled back from after all ({@code repository@sha256:…},
 *                   its registry digest at record time); null when it had none (built or loaded
 *                   here, never pushed) or the release was recorded before digests were kept
 */
public record ServiceImage(String image, String imageId, String protectTag, String repoDigest) {

    public ServiceImage(String image, String imageId, String protectTag) {
        this(image, imageId, protectTag, null);
    }

    /**
     * An immutable reference to the recorded image that a Swarm service can be pointed at: the
     * registry digest when one was recorded in the service's own repository, which every node of
     * the swarm can pull; else the protective tag, which only the host that recorded the release
     * has (enough on a one-node swarm, or for tasks placed on that node). A digest of another
     * repository (the same image pushed elsewhere too) is not used: the service would change name.
     */
    public String pinnedReference() {
        boolean ownRepository = repoDigest != null && image != null
            && repoDigest.startsWith(ImageRef.parse(image).repository() + "@");
        return ownRepository ? repoDigest : protectTag;
    }

    /**
     * The registry digest to record for an image: the one in the reference's own repository when
     * the image has several, else the first; null when it has none.
     */
    public static String chooseDigest(String image, java.util.List<String> repoDigests) {
        String repository = ImageRef.parse(image).repository();
        return repoDigests.stream().filter(d -> d.startsWith(repository + "@")).findFirst()
            .orElse(repoDigests.isEmpty() ? null : repoDigests.get(0));
    }
}
