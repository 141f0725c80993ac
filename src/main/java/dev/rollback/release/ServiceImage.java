package dev.rollback.release;

/**
 * What one service ran in a release.
 *
 * @param image      the reference the service's containers were created from ({@code merq/backend:current})
 * @param imageId    the image ID behind it at the time ({@code sha256:…}): what a rollback restores
 * @param protectTag the tag that keeps the image from being pruned while the release is in the ledger
 */
public record ServiceImage(String image, String imageId, String protectTag) {
}
