package com.infusionoutcomes.checkin;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every version of a check-in, oldest first; the last one is the current check-in. */
@Schema(name = "CheckInHistory")
public record CheckInHistory(UUID checkInId, UUID patientId, List<CheckInVersion> versions) {
}
