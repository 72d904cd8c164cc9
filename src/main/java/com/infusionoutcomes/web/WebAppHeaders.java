package com.infusionoutcomes.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

import com.infusionoutcomes.report.ReportStyle;

/**
 * The security headers of the web apps served under / (everything but the API and the /q endpoints, which answer
 * with their own). The apps run only their own files: no inline script or style, no other origin, nothing framed.
 * The one exception is the printable report's style block, by hash: the clinician app shows the report as a
 * blob: document, which inherits this policy.
 */
@ApplicationScoped
class WebAppHeaders {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' " + ReportStyle.styleSource()
            + "; img-src 'self' data: blob:; connect-src 'self'; manifest-src 'self'; worker-src 'self';"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.normalizedPath();
            if (!path.startsWith("/api/") && !path.startsWith("/q/")) {
                var headers = context.response().headers();
                headers.set("Content-Security-Policy", POLICY);
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "no-referrer");
                // Revalidate every file on each load: a clinic upgrading the service gets the new app at once;
                // the patient app's service worker keeps its own copy for offline use.
                headers.set("Cache-Control", "no-cache");
            }
            context.next();
        }, 100);
    }
}
