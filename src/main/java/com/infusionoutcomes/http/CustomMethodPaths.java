package com.infusionoutcomes.http;

import java.net.URI;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Custom methods are named after a colon ({@code .../check-ins:batch}, Google's AIP-136). Some HTTP clients
 * percent-encode that colon; routing compares the path as sent, so {@code %3A} is turned back into the colon
 * before a route is chosen. No id or other path segment of this API contains a colon.
 */
public class CustomMethodPaths {

    private static final Pattern ENCODED_COLON = Pattern.compile("%3[aA]");

    @ServerRequestFilter(preMatching = true)
    public void decodeColon(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String raw = uri.getRawPath();
        if (raw == null || (raw.indexOf("%3A") < 0 && raw.indexOf("%3a") < 0)) {
            return;
        }
        String query = uri.getRawQuery();
        request.setRequestUri(URI.create(ENCODED_COLON.matcher(raw).replaceAll(":")
                + (query == null ? "" : "?" + query)));
    }
}
