package com.infusionoutcomes.user;

import java.net.URI;
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

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class UserResource {

    private final UserService service;

    UserResource(UserService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createUser(@Valid @NotNull NewUserRequest request) {
        UserResponse created = service.createStaff(request);
        return Response.created(URI.create("/api/v1/users/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/{userId}")
    public UserResponse getUser(@RestPath UUID userId) {
        return service.get(userId).orElseThrow(() -> ProblemException.notFound("User"));
    }

    @POST
    @Path("/{userId}/deactivate")
    public UserResponse deactivateUser(@RestPath UUID userId) {
        return service.deactivate(userId);
    }

    @POST
    @Path("/{userId}/reactivate")
    public UserResponse reactivateUser(@RestPath UUID userId) {
        return service.reactivate(userId);
    }

    @GET
    public Page<UserResponse> listUsers(@RestQuery String cursor, @RestQuery String limit) {
        return service.list(Cursor.decode(cursor), QueryParameters.limit(limit));
    }
}
