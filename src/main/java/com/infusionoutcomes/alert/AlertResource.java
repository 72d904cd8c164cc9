package com.infusionoutcomes.alert;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.paging.QueryParameters;

/** Safety alerts, for the clinicians caring for the patient. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.CLINICIAN_NAME)
public class AlertResource {

    private final AlertService service;

    AlertResource(AlertService service) {
        this.service = service;
    }

    @GET
    public Page<AlertResponse> listAlerts(@RestQuery List<String> status, @RestQuery String severity,
            @RestQuery String rule, @RestQuery String cursor, @RestQuery String limit) {
        return service.listForCareTeam(QueryParameters.enumerations("status", status, AlertStatus.class),
                QueryParameters.enumeration("severity", severity, AlertSeverity.class),
                QueryParameters.enumeration("rule", rule, AlertRule.class), cursor, QueryParameters.limit(limit));
    }

    @POST
    @Path("/{alertId}/acknowledge")
    public AlertResponse acknowledgeAlert(@RestPath UUID alertId) {
        return service.acknowledge(alertId);
    }

    @POST
    @Path("/{alertId}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    public AlertResponse resolveAlert(@RestPath UUID alertId, @Valid @NotNull ResolveRequest request) {
        return service.resolve(alertId, request);
    }
}
