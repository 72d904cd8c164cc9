package com.infusionoutcomes.outcome;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.csv.Csv;
import com.infusionoutcomes.csv.CsvExport;
import com.infusionoutcomes.paging.QueryParameters;
import com.infusionoutcomes.report.ReportStyle;
import com.infusionoutcomes.trend.Domain;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The calling clinician's caseload outcomes, as JSON, as a printable page of charts and as CSV: one operation
 * each, so a generated client gets one typed method per representation. Clinicians only: the figures are
 * computed over the patients whose trends the caller may read, and no other role has a caseload.
 */
@Path("/api/v1/outcomes")
@RolesAllowed(Role.CLINICIAN_NAME)
public class OutcomeResource {

    @CheckedTemplate(basePath = "outcome")
    static class Templates {
        static native TemplateInstance outcomes(OutcomePage page, ReportStyle style);
    }

    static final ReportStyle STYLE = ReportStyle.load(ReportStyle.CSS_RESOURCE, "outcome/outcomes.css");

    private final OutcomeService service;

    OutcomeResource(OutcomeService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ClinicOutcomes getOutcomes(@RestQuery String domain, @RestQuery String from, @RestQuery String to) {
        return outcomes(domain, from, to, AuditAction.LIST);
    }

    @GET
    @Path("/report")
    @Produces(MediaType.TEXT_HTML)
    public Response getOutcomeReport(@RestQuery String domain, @RestQuery String from, @RestQuery String to) {
        String html = Templates.outcomes(OutcomePage.of(outcomes(domain, from, to, AuditAction.LIST)), STYLE)
                .render();
        return Response.ok(html).type(MediaType.TEXT_HTML + "; charset=UTF-8")
                .header("Content-Security-Policy", STYLE.headerPolicy())
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    @GET
    @Path("/export")
    @Produces(Csv.MEDIA_TYPE)
    public Response exportOutcomes(@RestQuery String domain, @RestQuery String from, @RestQuery String to) {
        ClinicOutcomes outcomes = outcomes(domain, from, to, AuditAction.EXPORT);
        return CsvExport.response(CsvExport.of(OutcomeCsv.COLUMNS, csv -> OutcomeCsv.write(outcomes, csv)),
                "outcomes-" + outcomes.domain().path());
    }

    private ClinicOutcomes outcomes(String domain, String from, String to, AuditAction action) {
        return service.outcomes(Domain.fromParameter("domain", domain), QueryParameters.instant("from", from),
                QueryParameters.instant("to", to), action);
    }
}
