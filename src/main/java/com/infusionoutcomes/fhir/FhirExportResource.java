package com.infusionoutcomes.fhir;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.http.Negotiation;

import ca.uhn.fhir.context.FhirContext;

/**
 * The patient's record as a FHIR R4 Bundle. FHIR's own media type by default; {@code application/json} when a
 * client prefers exactly that, as FHIR servers accept it too. Errors stay problem documents, like everywhere else.
 */
@Path("/api/v1/patients/{patientId}/fhir")
@RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME })
public class FhirExportResource {

    public static final String FHIR_JSON = "application/fhir+json";

    private final FhirExportService service;
    private final FhirContext fhir;

    FhirExportResource(FhirExportService service, FhirContext fhir) {
        this.service = service;
        this.fhir = fhir;
    }

    @GET
    @Produces({ FHIR_JSON, MediaType.APPLICATION_JSON })
    public Response exportPatientFhir(@RestPath UUID patientId, @RestHeader("Accept") String accept) {
        // Parsers are cheap and not meant to be shared between threads; the context is.
        String bundle = fhir.newJsonParser().encodeResourceToString(service.export(patientId));
        // Decided here rather than by the framework, which may answer either type to */*.
        String type = Negotiation.prefers(accept, MediaType.APPLICATION_JSON, FHIR_JSON) ? MediaType.APPLICATION_JSON
                : FHIR_JSON;
        return Response.ok(bundle, type).build();
    }
}
