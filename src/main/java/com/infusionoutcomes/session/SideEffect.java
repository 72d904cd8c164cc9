package com.infusionoutcomes.session;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.infusionoutcomes.validation.PlainText;

public record SideEffect(@NotNull SideEffectType type, @NotNull Severity severity,
        @Size(max = 2000) @PlainText String note) {

    static SideEffect from(InfusionSession.Effect effect) {
        return new SideEffect(effect.type, effect.severity, effect.note);
    }

    InfusionSession.Effect toEntry() {
        InfusionSession.Effect effect = new InfusionSession.Effect();
        effect.type = type;
        effect.severity = severity;
        effect.note = note;
        return effect;
    }
}
