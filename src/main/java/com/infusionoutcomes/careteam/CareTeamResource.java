package com.infusionoutcomes.careteam;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import com.infusionoutcomes.caller.Role;

@Path("/api/v1/patients/{patientId}/care-team")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.CLINICIAN_NAME, Role.ADMIN_NAME })
public class CareTeamResource {

    private final CareTeamService service;

    CareTeamResource(CareTeamService service) {
        this.service = service;
    }

    @GET
    public List<CareTeamMemberResponse> listCareTeam(@RestPath UUID patientId) {
        return service.members(patientId);
    }

    /** Only a clinician already on the team adds one: an administrator never gives anyone access to care. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.CLINICIAN_NAME)
    public Response addCareTeamMember(@RestPath UUID patientId, @Valid @NotNull CareTeamRequest request) {
        boolean added = service.add(patientId, request.userId());
        return Response.status(added ? 201 : 200).entity(service.members(patientId)).build();
    }

    @DELETE
    @Path("/{userId}")
    public Response removeCareTeamMember(@RestPath UUID patientId, @RestPath UUID userId) {
        service.remove(patientId, userId);
        return Response.noContent().build();
    }
}
