package com.infusionoutcomes.audit;

/** EXPORT is a bulk read that leaves the service as a file (a CSV download), kept apart from LIST for reviews. */
public enum AuditAction {
    CREATE, READ, LIST, UPDATE, DELETE, EXPORT
}
