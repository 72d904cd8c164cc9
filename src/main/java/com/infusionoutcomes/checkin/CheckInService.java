package com.infusionoutcomes.checkin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

import org.hibernate.ScrollableResults;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.csv.CsvExport;
import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.persistence.Persistence;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.session.SessionService;

import io.quarkus.narayana.jta.QuarkusTransaction;

@ApplicationScoped
public class CheckInService {

    private final CheckInRepository checkIns;
    private final PatientService patients;
    private final SessionService sessions;
    private final AuditLog audit;
    private final Event<CheckInsRecorded> recorded;
    private final CheckInVersionRepository versions;
    private final Caller caller;
    private final Event<CheckInStored> checkInStored;

    CheckInService(CheckInRepository checkIns, PatientService patients, SessionService sessions, AuditLog audit,
            Event<CheckInsRecorded> recorded, CheckInVersionRepository versions, Caller caller,
            Event<CheckInStored> checkInStored) {
        this.versions = versions;
        this.caller = caller;
        this.checkInStored = checkInStored;
        this.checkIns = checkIns;
        this.patients = patients;
        this.sessions = sessions;
        this.audit = audit;
        this.recorded = recorded;
    }

    private static final String RESOURCE = "CheckIn";
    /** Rows per database round trip of an export: fast to stream, small enough to keep memory flat. */
    private static final int EXPORT_FETCH_SIZE = 500;

    /** The stored check-in and whether this call created it (false: an identical retry). */
    public record Recorded(CheckInResponse checkIn, boolean created) {
    }

    /**
     * Stores a check-in exactly once. Retries carry the client's id; two copies of one report racing each other
     * are settled by the primary key: the loser's insert fails, and it answers with the winner's record.
     */
    public Recorded record(UUID patientId, CheckInRequest request) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                CheckIn candidate = validate(patientId, request);
                CheckIn stored = request.id() == null ? null : checkIns.findById(request.id());
                if (stored != null) {
                    return replay(stored, candidate);
                }
                patients.lockForWrite(patientId);
                checkIns.persistAndFlush(candidate);
                audit.success(AuditAction.CREATE, RESOURCE, candidate.id, patientId);
                checkInStored.fire(new CheckInStored(candidate.context));
                recorded.fire(new CheckInsRecorded(patientId, List.of(candidate), candidate.painOrMoodOverTime()));
                return new Recorded(CheckInResponse.from(candidate), true);
            });
        } catch (PersistenceException e) {
            if (request.id() == null || !Persistence.isUniqueViolation(e)) {
                throw e;
            }
            return QuarkusTransaction.requiringNew()
                    .call(() -> replay(checkIns.findById(request.id()), validate(patientId, request)));
        }
    }

    @Transactional
    public CheckInResponse get(UUID patientId, UUID checkInId) {
        patients.requireForCare(patientId);
        CheckIn checkIn = checkInId == null ? null : checkIns.findById(checkInId);
        if (checkIn == null || !checkIn.patientId.equals(patientId)) {
            throw ProblemException.notFound("Check-in");
        }
        audit.success(AuditAction.READ, RESOURCE, checkInId, patientId);
        return CheckInResponse.from(checkIn);
    }

    @Transactional
    public Page<CheckInResponse> list(UUID patientId, Instant from, Instant to, CheckInContext context,
            Cursor after, int limit) {
        patients.checkForCare(patientId);
        audit.success(AuditAction.LIST, RESOURCE, null, patientId);
        return Page.of(checkIns.listForPatient(patientId, from, to, context, after, limit + 1), limit,
                r -> Cursor.after(r.recordedAt(), r.id()), CheckInResponse::from);
    }

    /**
     * Every check-in {@link #list} would page through (same filters, same order: newest first), as CSV written
     * while it is read. Access is checked and the export audited here, before a byte is sent.
     */
    @Transactional
    public StreamingOutput export(UUID patientId, Instant from, Instant to, CheckInContext context) {
        patients.requireForCare(patientId);
        audit.success(AuditAction.EXPORT, RESOURCE, null, patientId);
        return CsvExport.reading(CheckInRow.COLUMNS, csv -> {
            try (Persistence.Scope lazy = Persistence.lazyResults(checkIns.getEntityManager());
                    ScrollableResults<CheckInRow> rows = checkIns.scrollForPatient(patientId, from, to, context,
                            EXPORT_FETCH_SIZE)) {
                while (rows.next()) {
                    rows.get().writeTo(csv);
                }
            }
        });
    }

    private Recorded replay(CheckIn stored, CheckIn candidate) {
        // A retry of a report that was corrected since is still the same report: it matches the first version.
        if (!stored.sameReportAs(candidate) && !versions.originalIsSameReportAs(stored, candidate)) {
            throw ProblemException.conflict("A different check-in with this id already exists");
        }
        audit.success(AuditAction.READ, RESOURCE, stored.id, stored.patientId);
        return new Recorded(CheckInResponse.from(stored), false);
    }

    /** Applies the clinical rules of CheckInRules and builds the row to insert; nothing is written here. */
    CheckIn validate(UUID patientId, CheckInRequest r) {
        patients.requireForCare(patientId);
        Instant now = Instant.now();
        List<FieldError> errors = CheckInRules.check(r, now, session -> sessions.belongsTo(session, patientId), "");
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return CheckInRules.toEntity(patientId, r, now, caller.actor());
    }
}
