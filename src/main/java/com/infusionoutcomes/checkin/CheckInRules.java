package com.infusionoutcomes.checkin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.infusionoutcomes.caller.Actor;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.problem.Problem.FieldError;

/**
 * The clinical rules for a check-in, shared by the single, batch and correction paths so none of them can store
 * what another would refuse. The caller says how to tell the patient's sessions apart (one query per request,
 * or one for a whole batch).
 */
final class CheckInRules {

    private CheckInRules() {
    }

    /** The rule violations of a well-formed request, each at its JSON pointer under {@code prefix}. */
    static List<FieldError> check(CheckInRequest r, Instant now, Predicate<UUID> isPatientsSession, String prefix) {
        List<FieldError> errors = new ArrayList<>(ownRules(r, now, prefix));
        if (r.sessionId() != null && !isPatientsSession.test(r.sessionId())) {
            errors.add(FieldError.at(prefix + "/sessionId", "is not an infusion session of this patient"));
        }
        return errors;
    }

    /** The rules that need no stored data; any field may be null (it failed an earlier check, or is absent). */
    static List<FieldError> ownRules(CheckInRequest r, Instant now, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (r.recordedAt() != null && r.recordedAt().toInstant().isAfter(now.plus(PatientService.CLOCK_SKEW))) {
            errors.add(FieldError.at(prefix + "/recordedAt", "must not be more than 5 minutes in the future"));
        }
        if (r.scores() != null && r.scores().isEmpty()) {
            errors.add(FieldError.at(prefix + "/scores", "at least one of pain, sleep, mobility, mood is required"));
        }
        if (r.sessionId() == null && r.context() != null && r.context().needsSession()) {
            errors.add(FieldError.at(prefix + "/sessionId", "is required for a " + r.context() + " check-in"));
        }
        return errors;
    }

    /** The row to insert for a valid request: version 1, final, written by the actor now. */
    static CheckIn toEntity(UUID patientId, CheckInRequest r, Instant now, Actor actor) {
        CheckIn c = new CheckIn();
        c.id = r.id() != null ? r.id() : UUID.randomUUID();
        c.patientId = patientId;
        setContent(c, r);
        c.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        c.status = CheckInStatus.FINAL;
        c.version = 1;
        stamp(c, c.createdAt, actor);
        return c;
    }

    static void setContent(CheckIn c, CheckInRequest r) {
        c.sessionId = r.sessionId();
        c.context = r.context();
        // The databases keep microseconds; truncating first makes a retry compare equal to what was stored.
        c.recordedAt = r.recordedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        c.pain = r.scores().pain();
        c.sleep = r.scores().sleep();
        c.mobility = r.scores().mobility();
        c.mood = r.scores().mood();
        c.note = r.note();
    }

    static void stamp(CheckIn c, Instant at, Actor actor) {
        c.changedAt = at.truncatedTo(ChronoUnit.MICROS);
        c.changedBy = actor.userId();
        c.changedByRole = actor.roleName();
    }
}
