package com.infusionoutcomes.alert;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.validation.PlainText;

/** What the clinician did about the alert. */
@Schema(name = "AlertResolveRequest")
public record ResolveRequest(@NotBlank @Size(max = 2000) @PlainText String note) {
}
