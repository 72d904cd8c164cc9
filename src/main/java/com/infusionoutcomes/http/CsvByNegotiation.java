package com.infusionoutcomes.http;

import java.net.URI;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.infusionoutcomes.csv.Csv;

/**
 * A list that is also a CSV file has two paths: the JSON pages ({@code .../check-ins}) and the file
 * ({@code .../check-ins.csv}), so a generated client knows which it gets. Clients that ask the list itself for
 * CSV (an Accept that prefers text/csv, see {@link Negotiation}) are still answered with the file: the request is
 * routed to its {@code .csv} twin before a route is chosen.
 */
public class CsvByNegotiation {

    /** The lists with a CSV twin at the same path plus {@code .csv}. */
    private static final Pattern LISTS_WITH_A_FILE =
            Pattern.compile("/api/v1/patients/[^/]+/check-ins|/api/v1/reports/panel");

    @ServerRequestFilter(preMatching = true)
    public void routeToFile(ContainerRequestContext request) {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path == null || !LISTS_WITH_A_FILE.matcher(path).matches() || !Negotiation.prefers(
                request.getHeaderString(HttpHeaders.ACCEPT), Csv.MEDIA_TYPE, MediaType.APPLICATION_JSON)) {
            return;
        }
        String query = uri.getRawQuery();
        request.setRequestUri(URI.create(path + ".csv" + (query == null ? "" : "?" + query)));
    }
}
