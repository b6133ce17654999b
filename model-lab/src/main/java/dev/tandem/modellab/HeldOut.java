package dev.tandem.modellab;

/**
 * The training world's validation accounts: one in five, by a hash of the entity id, so an account's
 * events are all on one side and the card's metrics come from accounts the model never saw.
 */
final class HeldOut {

    private HeldOut() {
    }

    static boolean isValidation(LabelledEvent event) {
        return Math.floorMod(event.entityId().hashCode(), 5) == 0;
    }
}
