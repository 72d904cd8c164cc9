package com.infusionoutcomes.fhir;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import com.infusionoutcomes.access.Role;

import ca.uhn.fhir.context.FhirContext;

/**
 * The patient's record as a FHIR R4 Bundle. FHIR's own media type by default; {@code application/json} when a
 * client asks for exactly that, as FHIR servers accept it too. Errors stay problem documents, like everywhere else.
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
    public String exportPatientFhir(@RestPath UUID patientId) {
        // Parsers are cheap and not meant to be shared between threads; the context is.
        return fhir.newJsonParser().encodeResourceToString(service.export(patientId));
    }
}
