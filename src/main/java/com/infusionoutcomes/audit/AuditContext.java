package com.infusionoutcomes.audit;

import jakarta.enterprise.context.RequestScoped;

/** What the audit trail needs to know about the current request, and whether it has been audited already. */
@RequestScoped
public class AuditContext {

    String requestId;
    String sourceIp;
    boolean recorded;
}
