package dev.rollback.redeploy;

/**
 * One service going back: the reference it runs under, the image ID it runs now (null when no
 * container runs), the recorded image ID it goes back to, and the immutable reference to that image
 * a Swarm service is pointed at ({@link dev.rollback.release.ServiceImage#pinnedReference()}: the
 * registry digest, else the release's protective tag).
 */
record ServiceChange(String service, String image, String fromImageId, String toImageId, String targetTag) {

    String describe() {
        return service + ": " + shortId(fromImageId) + " → " + shortId(toImageId) + " (" + image + ")";
    }

    static String shortId(String imageId) {
        if (imageId == null) {
            return "nothing running";
        }
        String bare = imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
        return bare.substring(0, Math.min(12, bare.length()));
    }
}
