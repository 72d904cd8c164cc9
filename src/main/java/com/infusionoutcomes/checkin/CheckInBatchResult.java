package com.infusionoutcomes.checkin;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.infusionoutcomes.problem.Problem;

/**
 * What became of one item of a batch, in the order sent: {@code id} is the item's client id (absent when it had
 * none or it was unreadable); {@code problem} says why an item is a {@code conflict} or {@code invalid}.
 */
@Schema(name = "CheckInBatchResult")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckInBatchResult(UUID id, Outcome status, Problem problem) {

    /** created: stored now; duplicate: this exact report was stored before (nothing changed). */
    @Schema(name = "CheckInBatchOutcome")
    public enum Outcome {
        CREATED, DUPLICATE, CONFLICT, INVALID;

        @JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
