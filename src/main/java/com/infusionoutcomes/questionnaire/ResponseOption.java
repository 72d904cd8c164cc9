package com.infusionoutcomes.questionnaire;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One answer a patient may give and the value it scores; numeric scales label only their anchors. */
@Schema(name = "ResponseOption")
public record ResponseOption(int value, String label) {
}
