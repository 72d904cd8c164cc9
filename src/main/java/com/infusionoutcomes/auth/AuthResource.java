package com.infusionoutcomes.auth;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.infusionoutcomes.idempotency.NeverReplayed;
import com.infusionoutcomes.user.UserResponse;

import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class AuthResource {

    private final TokenService tokens;
    private final EnrollmentService enrollment;
    private final PasswordService passwords;

    AuthResource(TokenService tokens, EnrollmentService enrollment, PasswordService passwords) {
        this.tokens = tokens;
        this.enrollment = enrollment;
        this.passwords = passwords;
    }

    @POST
    @NeverReplayed
    @Path("/token")
    public TokenResponse createToken(@Valid @NotNull TokenRequest request, HttpServerRequest http) {
        return tokens.login(request, address(http));
    }

    @POST
    @NeverReplayed
    @Path("/refresh")
    public TokenResponse refreshToken(@Valid @NotNull RefreshRequest request, HttpServerRequest http) {
        return tokens.refresh(request, address(http));
    }

    @POST
    @NeverReplayed
    @Path("/sign-out")
    public Response signOut(@Valid @NotNull RefreshRequest request) {
        tokens.signOut(request);
        return Response.noContent().build();
    }

    @POST
    @NeverReplayed
    @Path("/password-reset")
    public Response resetPassword(@Valid @NotNull PasswordResetRequest request, HttpServerRequest http) {
        passwords.redeem(request, address(http));
        return Response.noContent().build();
    }

    @POST
    @NeverReplayed
    @Path("/enroll")
    public Response enroll(@Valid @NotNull EnrollRequest request, HttpServerRequest http) {
        UserResponse created = enrollment.redeem(request, address(http));
        return Response.created(URI.create("/api/v1/users/" + created.id())).entity(created).build();
    }

    static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
