package com.infusionoutcomes.checkin;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Up to 500 check-ins an offline client queued. Each item is read and judged on its own (an unreadable or
 * invalid item does not sink the others), so items arrive as JSON and are bound one by one.
 */
@Schema(name = "CheckInBatchRequest")
public record CheckInBatchRequest(@NotNull @Size(min = 1, max = CheckInBatchRequest.MAX_ITEMS) List<JsonNode> checkIns) {

    public static final int MAX_ITEMS = 500;
}
