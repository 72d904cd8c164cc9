package com.infusionoutcomes.checkin;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One result per item, in the order of the request. */
@Schema(name = "CheckInBatchResponse")
public record CheckInBatchResponse(int created, int duplicate, int conflict, int invalid,
        List<CheckInBatchResult> results) {
}
