package com.infusionoutcomes.audit;

/**
 * EXPORT is a bulk read that leaves the service as a file (a CSV download), kept apart from LIST for reviews.
 * The others after it are events at the doors of the service and in the life of an account.
 */
public enum AuditAction {
    CREATE, READ, LIST, UPDATE, DELETE, EXPORT,
    SIGN_IN, SIGN_OUT, REFRESH_TOKEN_REUSE, ENROLL, DEACTIVATE, REACTIVATE, CHANGE_PASSWORD, ISSUE_PASSWORD_RESET,
    RESET_PASSWORD
}
