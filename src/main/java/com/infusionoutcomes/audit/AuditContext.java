package com.infusionoutcomes.audit;

import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.ext.web.RoutingContext;

/**
 * Per-request audit state, kept on the HTTP request itself: its id, its source address, and whether it was
 * audited already. (Part of a request runs on the I/O thread, before the worker's request scope exists.)
 */
final class AuditContext {

    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String REQUEST_ID = "audit.request-id";
    private static final String RECORDED = "audit.recorded";

    private AuditContext() {
    }

    /** The client's X-Request-Id when it is a safe token, else one generated for this request. */
    static String requestId(RoutingContext rc) {
        if (rc == null) {
            return null;
        }
        String id = rc.get(REQUEST_ID);
        if (id == null) {
            String given = rc.request().getHeader("X-Request-Id");
            id = given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
            rc.put(REQUEST_ID, id);
        }
        return id;
    }

    static String sourceIp(RoutingContext rc) {
        return rc == null || rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
    }

    static boolean recorded(RoutingContext rc) {
        return rc != null && Boolean.TRUE.equals(rc.get(RECORDED));
    }

    static void markRecorded(RoutingContext rc) {
        if (rc != null) {
            rc.put(RECORDED, Boolean.TRUE);
        }
    }

    /** The event recorded was not kept after all (its read failed): the failure is to be audited instead. */
    static void forgetRecorded(RoutingContext rc) {
        if (rc != null) {
            rc.remove(RECORDED);
        }
    }
}
