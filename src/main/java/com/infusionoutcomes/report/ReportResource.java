package com.infusionoutcomes.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.csv.Csv;
import com.infusionoutcomes.csv.CsvExport;
import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.paging.QueryParameters;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.trend.Domain;

@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final PanelService panels;

    ReportResource(PanelService panels) {
        this.panels = panels;
    }

    /** A clinician's own caseload, one page. Patients and administrators have none (403). */
    @GET
    @Path("/panel")
    @RolesAllowed(Role.CLINICIAN_NAME)
    public Response getPanel(@RestQuery String domain, @RestQuery String sort, @RestQuery String cursor,
            @RestQuery String limit) {
        return Response.ok(panels.panel(domain(domain), sort(sort), Cursor.decode(cursor), QueryParameters.limit(limit)))
                .build();
    }

    /** The whole panel (every page, in the same order) as one CSV file. */
    @GET
    @Path("/panel.csv")
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed(Role.CLINICIAN_NAME)
    public Response exportPanel(@RestQuery String domain, @RestQuery String sort) {
        Domain chosen = domain(domain);
        return CsvExport.response(panels.export(chosen, sort(sort)), "panel-" + chosen.path());
    }

    private static Domain domain(String value) {
        return Domain.fromParameter("domain", value);
    }

    private static PanelSort sort(String value) {
        if (value == null || value.isBlank()) {
            return PanelSort.DEFAULT;
        }
        return PanelSort.fromParameter(value.trim()).orElseThrow(() -> ProblemException.invalidParameter("sort",
                "must be one of " + PanelSort.parameters()));
    }
}
