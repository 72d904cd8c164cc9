package com.infusionoutcomes.questionnaire;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.problem.ProblemException;

/** The instrument catalogue: reference data, the same for every signed-in user, so it is not audited. */
@Path("/api/v1/instruments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME, Role.ADMIN_NAME, Role.RESEARCHER_NAME })
public class InstrumentResource {

    @GET
    public List<InstrumentResponse> listInstruments() {
        return Arrays.stream(Instrument.values()).map(Instrument::describe).toList();
    }

    @GET
    @Path("/{code}")
    public InstrumentResponse getInstrument(@RestPath String code) {
        return Instrument.fromCode(code).map(Instrument::describe)
                .orElseThrow(() -> ProblemException.notFound("Instrument"));
    }
}
