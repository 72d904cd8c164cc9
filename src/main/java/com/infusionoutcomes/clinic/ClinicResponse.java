package com.infusionoutcomes.clinic;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Clinic")
public record ClinicResponse(String name, String crisisContact, String crisisPhone) {
}
