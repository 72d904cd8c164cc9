package com.infusionoutcomes.trend;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.paging.QueryParameters;
import com.infusionoutcomes.problem.ProblemException;

@Path("/api/v1/patients/{patientId}/trends")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME })
public class TrendResource {

    private final TrendService service;

    TrendResource(TrendService service) {
        this.service = service;
    }

    @GET
    public TrendOverview listTrends(@RestPath UUID patientId, @RestQuery String from, @RestQuery String to,
            @RestQuery String granularity, @RestQuery String includeSeries) {
        return service.overview(patientId, QueryParameters.instant("from", from), QueryParameters.instant("to", to),
                granularity(granularity), QueryParameters.flag("includeSeries", includeSeries));
    }

    /**
     * The domain (or instrument) is part of the resource's name, so an unknown one is a resource that does not
     * exist (404).
     */
    @GET
    @Path("/{domain}")
    public Trend getTrend(@RestPath UUID patientId, @RestPath String domain, @RestQuery String from,
            @RestQuery String to, @RestQuery String granularity) {
        Instant start = QueryParameters.instant("from", from);
        Instant end = QueryParameters.instant("to", to);
        Optional<Domain> item = Domain.fromPath(domain);
        if (item.isPresent()) {
            return service.trend(patientId, item.get(), start, end, granularity(granularity));
        }
        InstrumentScore score = InstrumentScore.fromPath(domain)
                .orElseThrow(() -> ProblemException.notFound("Trend domain"));
        return service.instrumentTrend(patientId, score, start, end, granularity(granularity));
    }

    private static Granularity granularity(String value) {
        Granularity granularity = QueryParameters.enumeration("granularity", value, Granularity.class);
        return granularity == null ? Granularity.DAY : granularity;
    }
}
