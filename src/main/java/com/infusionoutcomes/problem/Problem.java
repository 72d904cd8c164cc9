package com.infusionoutcomes.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document: the one shape every error of the API takes.
 * {@code errors} names each offending field (JSON pointer into the body) or query parameter.
 */
@Schema(name = "Problem")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(name = "FieldError")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String pointer, String parameter, String detail) {

        public static FieldError at(String pointer, String detail) {
            return new FieldError(pointer, null, detail);
        }

        public static FieldError parameter(String parameter, String detail) {
            return new FieldError(null, parameter, detail);
        }
    }
}
