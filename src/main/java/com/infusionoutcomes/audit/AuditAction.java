package com.infusionoutcomes.audit;

public enum AuditAction {
    CREATE, READ, LIST, UPDATE, DELETE
}
