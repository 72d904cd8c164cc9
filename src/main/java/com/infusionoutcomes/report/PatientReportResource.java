package com.infusionoutcomes.report;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import com.infusionoutcomes.caller.Role;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * A patient's clinician report as one self-contained HTML page, for the screen and for the browser's print to
 * PDF. Clinicians only: it shows the patient's alerts, which patients do not see. (A separate root: the patient
 * resources own the /api/v1/patients prefix.)
 */
@Path("/api/v1/patients/{patientId}/report")
@RolesAllowed(Role.CLINICIAN_NAME)
public class PatientReportResource {

    @CheckedTemplate(basePath = "report")
    static class Templates {
        static native TemplateInstance patient(PatientReport report, ReportStyle style);
    }

    private final PatientReportService service;

    PatientReportResource(PatientReportService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response getPatientReport(@RestPath UUID patientId) {
        ReportStyle style = ReportStyle.INSTANCE;
        String html = Templates.patient(service.report(patientId), style).render();
        return Response.ok(html).type(MediaType.TEXT_HTML + "; charset=UTF-8")
                .header("Content-Security-Policy", style.headerPolicy())
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
