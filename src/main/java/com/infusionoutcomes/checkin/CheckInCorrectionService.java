package com.infusionoutcomes.checkin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.http.Preconditions;
import com.infusionoutcomes.json.JsonMergePatch;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.session.SessionService;

/**
 * Corrections never overwrite: the version being replaced is copied into the check-in's history first, and the
 * check-in's version goes up by one. A check-in is never deleted; one entered in error keeps its content and
 * history and drops out of every trend.
 */
@ApplicationScoped
@Transactional
public class CheckInCorrectionService {

    private static final String RESOURCE = "CheckIn";

    private final CheckInRepository checkIns;
    private final CheckInVersionRepository versions;
    private final PatientService patients;
    private final SessionService sessions;
    private final JsonMergePatch mergePatch;
    private final Caller caller;
    private final AuditLog audit;
    private final Event<CheckInCorrected> corrected;

    CheckInCorrectionService(CheckInRepository checkIns, CheckInVersionRepository versions, PatientService patients,
            SessionService sessions, JsonMergePatch mergePatch, Caller caller, AuditLog audit,
            Event<CheckInCorrected> corrected) {
        this.corrected = corrected;
        this.checkIns = checkIns;
        this.versions = versions;
        this.patients = patients;
        this.sessions = sessions;
        this.mergePatch = mergePatch;
        this.caller = caller;
        this.audit = audit;
    }

    /** Applies a merge patch to the version named by If-Match; a patch that changes nothing adds no version. */
    public CheckInResponse correct(UUID patientId, UUID checkInId, String ifMatch, JsonNode patch) {
        patients.requireForCare(patientId);
        // A correction may change a trend and so raise an alert: the patient's lock comes first, as for every
        // write that may raise one, then the check-in's own.
        patients.lockForWrite(patientId);
        CheckIn checkIn = require(patientId, checkInId, LockModeType.PESSIMISTIC_WRITE);
        requireReporter(checkIn);
        Preconditions.requireMatch(ifMatch, checkIn.version);
        if (checkIn.status == CheckInStatus.ENTERED_IN_ERROR) {
            throw ProblemException.conflict("This check-in was entered in error and can no longer change;"
                    + " record a new check-in instead");
        }
        CheckInCorrection before = CheckInCorrection.from(checkIn);
        CheckInCorrection after = mergePatch.apply(before, patch, CheckInCorrection.class);
        CheckIn proposed = new CheckIn();
        proposed.patientId = patientId;
        CheckInRules.setContent(proposed, after.asReport(checkInId));
        boolean contentChanged = !checkIn.sameReportAs(proposed);
        CheckInStatus status = status(checkIn, after.status(), contentChanged);
        if (!contentChanged && status == checkIn.status) {
            return CheckInResponse.from(checkIn);
        }
        if (contentChanged) {
            List<FieldError> errors = CheckInRules.check(after.asReport(checkInId), Instant.now(),
                    session -> sessions.belongsTo(session, patientId), "");
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
        }
        boolean painOrMoodBefore = checkIn.painOrMoodOverTime();
        versions.archive(checkInId);
        CheckInRules.setContent(checkIn, after.asReport(checkInId));
        checkIn.status = status;
        CheckInRules.stamp(checkIn, Instant.now(), caller.actor());
        checkIns.flush();
        audit.success(AuditAction.UPDATE, RESOURCE, checkInId, patientId);
        corrected.fire(new CheckInCorrected(patientId, checkInId, painOrMoodBefore || checkIn.painOrMoodOverTime(),
                before, CheckInCorrection.from(checkIn)));
        return CheckInResponse.from(checkIn);
    }

    public CheckInHistory history(UUID patientId, UUID checkInId) {
        CheckIn checkIn = require(patientId, checkInId, LockModeType.NONE);
        List<CheckInVersion> all = new ArrayList<>(versions.superseded(checkInId));
        all.add(CheckInVersion.current(checkIn));
        audit.success(AuditAction.READ, RESOURCE, checkInId, patientId);
        return new CheckInHistory(checkInId, patientId, all);
    }

    /**
     * A patient corrects what they reported, never what their clinician entered for them (a score taken at the
     * infusion chair, say): that stays the clinician's record to amend.
     */
    private void requireReporter(CheckIn checkIn) {
        if (!caller.actor().is(Role.PATIENT)) {
            return;
        }
        String reportedBy = checkIn.version == 1 ? checkIn.changedByRole : versions.reportedByRole(checkIn.id);
        if (!Role.PATIENT.name().equals(reportedBy)) {
            throw ProblemException.forbidden("A patient corrects only the check-ins they reported;"
                    + " ask the care team to correct this one");
        }
    }

    /**
     * The service sets final and amended; a client may only declare the check-in entered in error, and only
     * without changing its content in the same request (the history then shows what was withdrawn).
     */
    private static CheckInStatus status(CheckIn current, CheckInStatus requested, boolean contentChanged) {
        if (requested == CheckInStatus.ENTERED_IN_ERROR) {
            if (contentChanged) {
                throw ProblemException.invalid("/status",
                        "marking a check-in entered-in-error cannot change its content in the same request");
            }
            return requested;
        }
        if (requested != current.status) {
            throw ProblemException.invalid("/status", "only entered-in-error may be set; final and amended follow"
                    + " from the check-in's history");
        }
        return contentChanged ? CheckInStatus.AMENDED : current.status;
    }

    /**
     * A correction locks the row it reads: two corrections of one version take turns, and the second is told
     * (412) that the version it names is gone, instead of both passing the If-Match check.
     */
    private CheckIn require(UUID patientId, UUID checkInId, LockModeType lock) {
        patients.requireForCare(patientId);
        CheckIn checkIn = checkInId == null ? null : checkIns.findById(checkInId, lock);
        if (checkIn == null || !checkIn.patientId.equals(patientId)) {
            throw ProblemException.notFound("Check-in");
        }
        return checkIn;
    }
}
