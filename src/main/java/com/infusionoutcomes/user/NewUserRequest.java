package com.infusionoutcomes.user;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.json.SelfChecking;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.validation.PlainText;

/** A staff account (CLINICIAN, ADMIN or RESEARCHER); patients get theirs through an enrollment code. */
@Schema(name = "NewUserRequest")
public record NewUserRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._@-]{3,64}", message = "3-64 letters, digits or . _ @ -") String username,
        @NotNull @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String password,
        @NotNull Role role,
        @NotBlank @Size(max = 200) @PlainText String displayName) implements SelfChecking {

    @Override
    public List<FieldError> ruleViolations() {
        return role == Role.PATIENT
                ? List.of(FieldError.at("/role", "patients get a login through an enrollment code"))
                : List.of();
    }
}
