package com.infusionoutcomes.caller;

import java.util.UUID;

/**
 * Who is acting: an authenticated account, or the service itself (the demo loader at start-up). The system actor
 * can only be chosen in code, never from a request.
 */
public record Actor(UUID userId, Role role, UUID patientId) {

    static final Actor SYSTEM = new Actor(null, null, null);

    public boolean isSystem() {
        return this == SYSTEM;
    }

    public boolean is(Role r) {
        return role == r;
    }

    /** How the audit trail names the role. */
    public String roleName() {
        return isSystem() ? "SYSTEM" : role.name();
    }
}
