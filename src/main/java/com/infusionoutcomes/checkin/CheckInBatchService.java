package com.infusionoutcomes.checkin;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.hibernate.jpa.AvailableHints;

import com.fasterxml.jackson.databind.JsonNode;
import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.caller.Actor;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.checkin.CheckInBatchResult.Outcome;
import com.infusionoutcomes.json.RequestBodies;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.persistence.Persistence;
import com.infusionoutcomes.problem.Problem;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.problem.ProblemType;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Offline sync: a phone's queue of check-ins in one request. Each item is judged on its own and answered in
 * order; the valid new ones are stored together in one transaction whatever happens to the others, so sending
 * the same batch again (the phone never saw the answer) stores nothing twice.
 *
 * <p>The cost is a handful of statements per batch, not per item: one read of the patient, one of the sessions
 * the items name, one multi-row insert (then one read of the ids only when some were taken already) and one
 * audit event.
 */
@ApplicationScoped
public class CheckInBatchService {

    static final String RESOURCE = "CheckInBatch";
    private static final int ATTEMPTS = 3;
    private static final String INSERT = "insert into check_in (id, patient_id, session_id, context, recorded_at,"
            + " pain, sleep, mobility, mood, note, created_at, version, status, changed_at, changed_by,"
            + " changed_by_role) values ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final EntityManager em;
    private final PatientService patients;
    private final Caller caller;
    private final AuditLog audit;
    private final RequestBodies bodies;
    private final CheckInVersionRepository versions;
    private final Event<CheckInsRecorded> recorded;
    private final Event<CheckInStored> checkInStored;

    CheckInBatchService(EntityManager em, PatientService patients, Caller caller, AuditLog audit, RequestBodies bodies,
            CheckInVersionRepository versions, Event<CheckInsRecorded> recorded,
            Event<CheckInStored> checkInStored) {
        this.checkInStored = checkInStored;
        this.recorded = recorded;
        this.em = em;
        this.patients = patients;
        this.caller = caller;
        this.audit = audit;
        this.bodies = bodies;
        this.versions = versions;
    }

    /** A readable, well-formed item and where it stood in the request. */
    private record Item(int index, CheckInRequest request) {
        String pointer() {
            return "/checkIns/" + index;
        }
    }

    public CheckInBatchResponse ingest(UUID patientId, CheckInBatchRequest batch, String instance) {
        CheckInBatchResult[] results = new CheckInBatchResult[batch.checkIns().size()];
        List<Item> readable = read(batch.checkIns(), results, instance);
        Actor actor = caller.actor();
        for (int attempt = 1;; attempt++) {
            CheckInBatchResult[] attemptResults = results.clone();
            try {
                QuarkusTransaction.requiringNew().run(() -> store(patientId, readable, attemptResults, actor, instance));
                return summary(attemptResults);
            } catch (RuntimeException e) {
                // A copy of this batch stored concurrently (another instance, a retry racing its original) can
                // take a row between our read and our insert; running again classifies it as a duplicate.
                if (attempt == ATTEMPTS || !Persistence.isWorthRetrying(e)) {
                    throw e;
                }
            }
        }
    }

    /** Binds and validates each item alone; an item that fails is answered invalid and goes no further. */
    private List<Item> read(List<JsonNode> nodes, CheckInBatchResult[] results, String instance) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = "/checkIns/" + i;
            JsonNode node = nodes.get(i);
            UUID id = clientId(node);
            if (node == null || !node.isObject()) {
                results[i] = invalid(id, List.of(FieldError.at(at, "must be a check-in object")), instance);
                continue;
            }
            RequestBodies.Reading<CheckInRequest> reading = bodies.read(node, CheckInRequest.class, at);
            List<FieldError> errors = new ArrayList<>(reading.errors());
            if (node.path("id").isMissingNode() || node.path("id").isNull()) {
                errors.add(FieldError.at(at + "/id", "is required in a batch: the client's id makes a retry safe"));
            }
            if (!errors.isEmpty()) {
                Problem problem = (reading.wrongType() ? ProblemException.wrongType(errors)
                        : ProblemException.invalid(errors)).toProblem(instance);
                results[i] = new CheckInBatchResult(id, Outcome.INVALID, problem);
                continue;
            }
            items.add(new Item(i, reading.value()));
        }
        return items;
    }

    private void store(UUID patientId, List<Item> items, CheckInBatchResult[] results, Actor actor, String instance) {
        patients.requireForCare(patientId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Set<UUID> sessions = sessionsOfPatient(patientId, items);

        // The first valid item under each id is the candidate; later items with that id are judged against it.
        Map<UUID, CheckIn> candidates = new LinkedHashMap<>();
        Map<Integer, CheckIn> byIndex = new HashMap<>();
        for (Item item : items) {
            List<FieldError> errors = CheckInRules.check(item.request(), now, sessions::contains, item.pointer());
            if (!errors.isEmpty()) {
                results[item.index()] = invalid(item.request().id(), errors, instance);
                continue;
            }
            CheckIn candidate = CheckInRules.toEntity(patientId, item.request(), now, actor);
            byIndex.put(item.index(), candidate);
            candidates.putIfAbsent(candidate.id, candidate);
        }

        // Insert first and read the ids back only when some were taken: a batch of new check-ins, the usual case,
        // costs no read of its 500 ids. A taken id is either a row stored before (a retry, or a conflict) or one a
        // concurrent copy of this batch stored since this transaction began; "on conflict do nothing" skips both.
        List<CheckIn> toInsert = candidates.values().stream()
                .sorted(Comparator.comparing((CheckIn c) -> c.id)) // one lock order for concurrent copies
                .toList();
        if (!toInsert.isEmpty()) {
            patients.lockForWrite(patientId); // before inserting, as every write that changes a patient's figures does
        }
        Set<UUID> created = new HashSet<>();
        Map<UUID, CheckIn> stored = new HashMap<>();
        if (insert(toInsert) == toInsert.size()) {
            toInsert.forEach(c -> created.add(c.id));
        } else {
            stored.putAll(existing(candidates.keySet()));
            for (CheckIn c : toInsert) {
                if (writtenBy(stored.get(c.id), c)) {
                    created.add(c.id);
                }
            }
            stored.keySet().removeAll(created);
        }
        Map<UUID, CheckIn> originals = versions.originals(stored.values());

        Set<UUID> answered = new HashSet<>();
        for (Map.Entry<Integer, CheckIn> entry : byIndex.entrySet()) {
            CheckIn candidate = entry.getValue();
            CheckIn first = candidates.get(candidate.id);
            CheckIn reference = stored.getOrDefault(candidate.id, first);
            boolean same = reference.sameReportAs(candidate)
                    || (originals.containsKey(candidate.id) && originals.get(candidate.id).sameReportAs(candidate));
            Outcome outcome = !same ? Outcome.CONFLICT
                    : created.contains(candidate.id) && candidate == first && answered.add(candidate.id)
                            ? Outcome.CREATED
                            : Outcome.DUPLICATE;
            results[entry.getKey()] = new CheckInBatchResult(candidate.id, outcome, outcome != Outcome.CONFLICT ? null
                    : new ProblemException(ProblemType.CONFLICT,
                            "A different check-in with this id already exists", null).toProblem(instance));
        }
        audit.success(AuditAction.CREATE, RESOURCE, null, patientId);
        // Counted after commit, like the single path, so the metric never includes a rolled-back batch.
        toInsert.stream().filter(c -> created.contains(c.id))
                .forEach(c -> checkInStored.fire(new CheckInStored(c.context)));
        // Observers run once per batch, on the patient's state after the whole batch: the items' order in it (or
        // the order batches arrive in) changes nothing.
        List<CheckIn> added = toInsert.stream().filter(c -> created.contains(c.id))
                .sorted(Comparator.comparing((CheckIn c) -> c.recordedAt).thenComparing(c -> c.id)).toList();
        if (!added.isEmpty()) {
            recorded.fire(new CheckInsRecorded(patientId, added, added.stream().anyMatch(CheckIn::painOrMoodOverTime)));
        }
    }

    /** The sessions the items name that are this patient's: one query for the whole batch. */
    private Set<UUID> sessionsOfPatient(UUID patientId, List<Item> items) {
        Set<UUID> named = new HashSet<>();
        items.stream().map(i -> i.request().sessionId()).filter(Objects::nonNull).forEach(named::add);
        if (named.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select s.id from InfusionSession s where s.patientId = :patient"
                + " and s.id in :ids", UUID.class).setParameter("patient", patientId).setParameter("ids", named)
                .getResultList());
    }

    /** The check-ins already stored under these ids, of any patient: one query. */
    private Map<UUID, CheckIn> existing(Set<UUID> ids) {
        Map<UUID, CheckIn> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        em.createQuery("from CheckIn c where c.id in :ids", CheckIn.class).setParameter("ids", ids)
                .setHint(AvailableHints.HINT_READ_ONLY, true).getResultList()
                .forEach(c -> found.put(c.id, c));
        return found;
    }

    /**
     * One multi-row insert for the batch; returns how many rows it wrote. A row another request stored before is
     * skipped rather than failing the batch (on conflict do nothing, which H2 accepts in PostgreSQL mode).
     */
    private int insert(List<CheckIn> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        String sql = INSERT + String.join(", ", Collections.nCopies(rows.size(), ROW))
                + " on conflict do nothing";
        int[] count = new int[1];
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                int p = 1;
                for (CheckIn c : rows) {
                    insert.setObject(p++, c.id);
                    insert.setObject(p++, c.patientId);
                    setUuid(insert, p++, c.sessionId);
                    insert.setString(p++, c.context.name());
                    insert.setObject(p++, c.recordedAt.atOffset(ZoneOffset.UTC));
                    insert.setObject(p++, c.pain, Types.INTEGER);
                    insert.setObject(p++, c.sleep, Types.INTEGER);
                    insert.setObject(p++, c.mobility, Types.INTEGER);
                    insert.setObject(p++, c.mood, Types.INTEGER);
                    insert.setString(p++, c.note);
                    insert.setObject(p++, c.createdAt.atOffset(ZoneOffset.UTC));
                    insert.setLong(p++, c.version);
                    insert.setString(p++, c.status.code());
                    insert.setObject(p++, c.changedAt.atOffset(ZoneOffset.UTC));
                    setUuid(insert, p++, c.changedBy);
                    insert.setString(p++, c.changedByRole);
                }
                count[0] = insert.executeUpdate();
            }
        });
        return count[0];
    }

    /** Whether the stored row is the one this batch inserted: it carries the batch's own creation stamp. */
    private static boolean writtenBy(CheckIn row, CheckIn inserted) {
        return row != null && row.createdAt.equals(inserted.createdAt) && row.sameReportAs(inserted)
                && Objects.equals(row.changedBy, inserted.changedBy);
    }

    private static void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, value);
        }
    }

    private static CheckInBatchResult invalid(UUID id, List<FieldError> errors, String instance) {
        Problem problem = ProblemException.invalid(errors).toProblem(instance);
        return new CheckInBatchResult(id, Outcome.INVALID, problem);
    }

    /** The item's id when it has a readable one, so a client can match an invalid answer to its queue. */
    private static UUID clientId(JsonNode node) {
        JsonNode id = node == null ? null : node.get("id");
        if (id == null || !id.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(id.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static CheckInBatchResponse summary(CheckInBatchResult[] results) {
        int[] counts = new int[Outcome.values().length];
        for (CheckInBatchResult r : results) {
            counts[r.status().ordinal()]++;
        }
        return new CheckInBatchResponse(counts[Outcome.CREATED.ordinal()], counts[Outcome.DUPLICATE.ordinal()],
                counts[Outcome.CONFLICT.ordinal()], counts[Outcome.INVALID.ordinal()], List.of(results));
    }
}
