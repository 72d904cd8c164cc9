package com.infusionoutcomes.checkin;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.csv.Csv;
import com.infusionoutcomes.csv.CsvExport;

/**
 * Every check-in matching from, to and context as one CSV file: a path of its own (a separate root, beside the
 * list it exports), so a client generated from the contract downloads a file instead of parsing CSV as JSON.
 * Never paged.
 */
@Path("/api/v1/patients/{patientId}/check-ins.csv")
@RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME })
public class CheckInExportResource {

    private final CheckInService service;

    CheckInExportResource(CheckInService service) {
        this.service = service;
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    public Response exportCheckIns(@RestPath UUID patientId, @RestQuery String from, @RestQuery String to,
            @RestQuery String context) {
        CheckInResource.Filter filter = CheckInResource.Filter.of(from, to, context);
        return CsvExport.response(service.export(patientId, filter.from(), filter.to(), filter.context()),
                "check-ins-" + patientId);
    }
}
