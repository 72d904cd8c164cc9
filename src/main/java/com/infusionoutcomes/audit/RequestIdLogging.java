package com.infusionoutcomes.audit;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;

/**
 * Every log line written while serving a request carries its id ({@code requestId} in the MDC), the same id the
 * answer's {@code X-Request-Id} header and the audit trail carry, so an operator can go from a client's support
 * call to the log lines and audit events of that one request. Quarkus keeps the MDC on the request's own Vert.x
 * context, so the value follows the request from the I/O thread to the worker and never leaks into another.
 */
class RequestIdLogging {

    static final String MDC_KEY = "requestId";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            MDC.put(MDC_KEY, AuditContext.requestId(rc));
            rc.next();
        });
    }
}
