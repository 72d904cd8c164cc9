package com.infusionoutcomes.clinic;

import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The clinic's crisis contact. Open to everyone: a patient whose sign-in lapsed, or whose phone is offline with
 * a cached copy, must still be told whom to call; it holds no patient data, so there is nothing to audit.
 */
@Path("/api/v1/clinic")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ClinicResource {

    private final ClinicResponse clinic;

    ClinicResource(@ConfigProperty(name = "infusion.clinic.name") String name,
            @ConfigProperty(name = "infusion.clinic.crisis-contact") String crisisContact,
            @ConfigProperty(name = "infusion.clinic.crisis-phone") Optional<String> crisisPhone) {
        this.clinic = new ClinicResponse(name, crisisContact, crisisPhone.orElse(null));
    }

    @GET
    public ClinicResponse getClinic() {
        return clinic;
    }
}
