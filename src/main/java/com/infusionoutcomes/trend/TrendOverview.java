package com.infusionoutcomes.trend;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The four domains of one patient at a glance, in their clinical order (pain, sleep, mobility, mood).
 * Each trend's {@code series} is null unless the client asked for it.
 */
@Schema(name = "TrendOverview")
public record TrendOverview(UUID patientId, List<Trend> domains) {
}
