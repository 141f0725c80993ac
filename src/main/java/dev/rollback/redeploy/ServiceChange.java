package dev.rollback.redeploy;

/**
 * One service going back: the reference it runs under, the image ID it runs now (null when no
 * container runs) and the recorded image ID it goes back to.
 */
record ServiceChange(String service, String image, String fromImageId, String toImageId) {

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
