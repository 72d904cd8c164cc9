package com.infusionoutcomes.questionnaire;

import java.net.URI;
import java.time.Instant;
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
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.paging.QueryParameters;
import com.infusionoutcomes.problem.ProblemException;

@Path("/api/v1/patients/{patientId}/questionnaire-responses")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME })
public class QuestionnaireResource {

    private final QuestionnaireService service;

    QuestionnaireResource(QuestionnaireService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createQuestionnaireResponse(@RestPath UUID patientId,
            @Valid @NotNull QuestionnaireResponseRequest request) {
        QuestionnaireService.Recorded recorded = service.record(patientId, request);
        if (!recorded.created()) {
            return Response.ok(recorded.response()).build();
        }
        return Response.created(URI.create("/api/v1/patients/" + patientId + "/questionnaire-responses/"
                + recorded.response().id())).entity(recorded.response()).build();
    }

    @GET
    public Page<QuestionnaireResponseView> listQuestionnaireResponses(@RestPath UUID patientId,
            @RestQuery String instrument, @RestQuery String from, @RestQuery String to, @RestQuery String cursor,
            @RestQuery String limit) {
        Instant start = QueryParameters.instant("from", from);
        Instant end = QueryParameters.instant("to", to);
        QueryParameters.requireOrdered(start, end);
        Instrument only = instrument == null || instrument.isBlank() ? null
                : Instrument.fromCode(instrument.trim()).orElseThrow(() -> ProblemException
                        .invalidParameter("instrument", "must be one of [peg, phq9, gad7, phq2]"));
        return service.list(patientId, only, start, end, Cursor.decode(cursor), QueryParameters.limit(limit));
    }

    @GET
    @Path("/{responseId}")
    public QuestionnaireResponseView getQuestionnaireResponse(@RestPath UUID patientId,
            @RestPath UUID responseId) {
        return service.get(patientId, responseId);
    }
}
