package com.infusionoutcomes.user;

import java.util.UUID;

/**
 * Fired inside the transaction that ends every sign-in of an account (deactivation, a new password): the token
 * families are revoked in the same transaction, so the change and the revocation commit together.
 */
public record SignInsEnded(UUID userId) {
}
