package com.infusionoutcomes.research;

import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import com.infusionoutcomes.caller.Role;

/**
 * The de-identified research export: researchers only, and researchers see nothing else. Nothing in it names,
 * dates or links back to a patient (see {@link ResearchExportService}).
 */
@Path("/api/v1/research-export")
@RolesAllowed(Role.RESEARCHER_NAME)
public class ResearchExportResource {

    static final String MEDIA_TYPE = "application/zip";

    private final ResearchExportService service;

    ResearchExportResource(ResearchExportService service) {
        this.service = service;
    }

    @GET
    @Produces(MEDIA_TYPE)
    public Response getResearchExport() {
        return Response.ok(service.export()).type(MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"research-export-"
                        + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "") + ".zip\"")
                .build();
    }
}
