package com.infusionoutcomes.alert;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.paging.QueryParameters;

/** One patient's alerts (a separate root: the patient resources own the /api/v1/patients prefix). */
@Path("/api/v1/patients/{patientId}/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.CLINICIAN_NAME)
public class PatientAlertResource {

    private final AlertService service;

    PatientAlertResource(AlertService service) {
        this.service = service;
    }

    @GET
    public Page<AlertResponse> listPatientAlerts(@RestPath UUID patientId, @RestQuery List<String> status,
            @RestQuery String severity, @RestQuery String rule, @RestQuery String cursor, @RestQuery String limit) {
        return service.listForPatient(patientId, QueryParameters.enumerations("status", status, AlertStatus.class),
                QueryParameters.enumeration("severity", severity, AlertSeverity.class),
                QueryParameters.enumeration("rule", rule, AlertRule.class), cursor, QueryParameters.limit(limit));
    }
}
