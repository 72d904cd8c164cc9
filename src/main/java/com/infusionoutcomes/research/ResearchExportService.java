package com.infusionoutcomes.research;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.StreamingOutput;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.audit.AuditOutcome;
import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.checkin.CheckInStatus;
import com.infusionoutcomes.csv.Csv;
import com.infusionoutcomes.csv.CsvExport;
import com.infusionoutcomes.patient.Condition;
import com.infusionoutcomes.questionnaire.Instrument;
import com.infusionoutcomes.session.SessionStatus;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Every patient's course, de-identified by the HIPAA Safe Harbor method (45 CFR 164.514(b)(2)), as CSV files in
 * one ZIP:
 * <ul>
 * <li>each patient is a pseudonym drawn from a SecureRandom for this export alone: not derived from any
 * identifier, never stored, so two exports cannot be linked to each other or back to the record;</li>
 * <li>names, record numbers, ids, time zones, free-text notes (sessions, side effects, check-ins) and enrolment
 * details are left out;</li>
 * <li>every date is a whole-day offset from the patient's first completed infusion (day 0), counted in the
 * patient's own calendar, and a vital sign's time is minutes after its infusion started;</li>
 * <li>the birth year becomes the age at the first infusion (that year minus the birth year), with 90 and over
 * as one group, "90+".</li>
 * </ul>
 * A patient without a completed infusion has no day 0 and is left out. Memory stays flat: patients are read in
 * pages, rows in keyset pages, each written as it is read; only the pseudonyms (one short string per patient)
 * are held from the first file to the last. The export is audited once it has been written, as an EXPORT with
 * its row counts (an ERROR with the counts so far when it was cut short).
 */
@ApplicationScoped
public class ResearchExportService {

    static final String RESOURCE = "ResearchExport";
    /** Safe Harbor: ages over 89 are aggregated into a single category of 90 or older. */
    static final int OLDEST_AGE = 90;
    static final int PATIENT_PAGE = 100;
    static final int ROW_PAGE = 1000;
    /** ZIP entries carry a modification time; a fixed one says nothing about when the export ran. */
    private static final long ENTRY_TIME = 315_532_800_000L;

    static final String[] PATIENTS = { "patient", "ageAtFirstInfusion", "conditions", "completedInfusions" };
    static final String[] INFUSIONS = { "patient", "infusion", "day", "durationMinutes", "weightKg", "doseMgPerKg",
            "totalDoseMg", "rateMgPerKgPerHour" };
    static final String[] SIDE_EFFECTS = { "patient", "infusion", "type", "severity" };
    static final String[] VITALS = { "patient", "infusion", "minute", "systolic", "diastolic", "heartRate", "spo2" };
    static final String[] CHECK_INS = { "patient", "day", "sequence", "context", "infusion", "pain", "sleep",
            "mobility", "mood" };
    static final String[] QUESTIONNAIRES = { "patient", "day", "sequence", "instrument", "context", "infusion",
            "score", "band" };

    private final EntityManager em;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    ResearchExportService(EntityManager em, AuditLog audit) {
        this.em = em;
        this.audit = audit;
    }

    /** The caller may export (the resource checked the role); the audit event is written when the ZIP is. */
    public StreamingOutput export() {
        AuditLog.Deferred event = audit.deferred(AuditAction.EXPORT, RESOURCE);
        return output -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            try {
                QuarkusTransaction.requiringNew().timeout(CsvExport.READ_TIMEOUT_SECONDS).run(() -> {
                    try {
                        write(output, counts);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                // Cut short, usually by a client that went away: what had left by then is still on record.
                event.record(AuditOutcome.ERROR, detail(counts));
                throw e.getCause();
            } catch (RuntimeException e) {
                event.record(AuditOutcome.ERROR, detail(counts));
                throw e;
            }
            event.record(AuditOutcome.SUCCESS, detail(counts));
        };
    }

    static String detail(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** A patient as the export knows them: the pseudonym, and day 0 in their own calendar. */
    private record Subject(String pseudonym, LocalDate dayZero, ZoneId zone) {

        long day(Instant at) {
            return ChronoUnit.DAYS.between(dayZero, LocalDate.ofInstant(at, zone));
        }
    }

    private void write(OutputStream output, Map<String, Integer> counts) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(output, StandardCharsets.UTF_8);
        Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        Csv csv = new Csv(writer);
        Map<UUID, Subject> subjects = new LinkedHashMap<>();

        entry(zip, writer, csv, "patients.csv", PATIENTS);
        counts.put("patients", 0);
        UUID after = null;
        List<Object[]> page;
        do {
            page = patientPage(after);
            writePatients(page, subjects, csv, counts);
            after = page.isEmpty() ? after : (UUID) page.get(page.size() - 1)[0];
        } while (page.size() == PATIENT_PAGE);

        List<List<UUID>> pages = pages(new ArrayList<>(subjects.keySet()));
        entry(zip, writer, csv, "infusions.csv", INFUSIONS);
        counts.put("infusions", 0);
        for (List<UUID> ids : pages) {
            writeInfusions(ids, subjects, csv, counts);
        }
        entry(zip, writer, csv, "side-effects.csv", SIDE_EFFECTS);
        counts.put("sideEffects", 0);
        for (List<UUID> ids : pages) {
            writeSideEffects(ids, subjects, csv, counts);
        }
        entry(zip, writer, csv, "vitals.csv", VITALS);
        counts.put("vitals", 0);
        for (List<UUID> ids : pages) {
            writeVitals(ids, subjects, csv, counts);
        }
        entry(zip, writer, csv, "check-ins.csv", CHECK_INS);
        counts.put("checkIns", 0);
        for (List<UUID> ids : pages) {
            writeCheckIns(ids, subjects, csv, counts);
        }
        entry(zip, writer, csv, "questionnaires.csv", QUESTIONNAIRES);
        counts.put("questionnaires", 0);
        for (List<UUID> ids : pages) {
            writeQuestionnaires(ids, subjects, csv, counts);
        }
        writer.flush();
        zip.finish();
        zip.flush();
    }

    private static void entry(ZipOutputStream zip, Writer writer, Csv csv, String name, String[] header)
            throws IOException {
        writer.flush();
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(ENTRY_TIME);
        zip.putNextEntry(entry);
        csv.header(header);
    }

    private static List<List<UUID>> pages(List<UUID> ids) {
        List<List<UUID>> pages = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += PATIENT_PAGE) {
            pages.add(ids.subList(i, Math.min(ids.size(), i + PATIENT_PAGE)));
        }
        return pages;
    }

    private List<Object[]> patientPage(UUID after) {
        var query = em.createQuery("select p.id, p.birthYear, p.timezone, p.conditions from Patient p"
                + (after == null ? "" : " where p.id > :after") + " order by p.id", Object[].class)
                .setMaxResults(PATIENT_PAGE);
        if (after != null) {
            query.setParameter("after", after);
        }
        return query.getResultList();
    }

    private void writePatients(List<Object[]> page, Map<UUID, Subject> subjects, Csv csv, Map<String, Integer> counts)
            throws IOException {
        if (page.isEmpty()) {
            return;
        }
        Map<UUID, Object[]> firstInfusions = new HashMap<>();
        for (Object[] r : em.createQuery("select s.patientId, min(s.startedAt), count(s) from InfusionSession s"
                + " where s.status = :completed and s.patientId in :ids group by s.patientId", Object[].class)
                .setParameter("completed", SessionStatus.COMPLETED)
                .setParameter("ids", page.stream().map(r -> (UUID) r[0]).toList()).getResultList()) {
            firstInfusions.put((UUID) r[0], r);
        }
        Set<String> used = new HashSet<>(subjects.values().stream().map(Subject::pseudonym).toList());
        for (Object[] r : page) {
            Object[] first = firstInfusions.get((UUID) r[0]);
            if (first == null) {
                continue;
            }
            ZoneId zone = ZoneId.of((String) r[2]);
            LocalDate dayZero = LocalDate.ofInstant((Instant) first[1], zone);
            Subject subject = new Subject(pseudonym(used), dayZero, zone);
            subjects.put((UUID) r[0], subject);
            @SuppressWarnings("unchecked")
            List<Condition> conditions = (List<Condition>) r[3];
            csv.code(subject.pseudonym()).code(age((Integer) r[1], dayZero.getYear()))
                    .code(conditions.stream().map(Enum::name).collect(Collectors.joining(";")))
                    .code(first[2]).end();
            counts.merge("patients", 1, Integer::sum);
        }
    }

    /** Safe Harbor's age: the year difference, 90 and over as "90+"; null without a birth year. */
    static String age(Integer birthYear, int firstInfusionYear) {
        if (birthYear == null) {
            return null;
        }
        int age = firstInfusionYear - birthYear;
        return age >= OLDEST_AGE ? OLDEST_AGE + "+" : Integer.toString(age);
    }

    /** 12 random hex digits: 2⁴⁸ values, drawn again on the rare clash within the export. */
    private String pseudonym(Set<String> used) {
        byte[] bytes = new byte[6];
        String pseudonym;
        do {
            random.nextBytes(bytes);
            pseudonym = "P-" + HexFormat.of().formatHex(bytes);
        } while (!used.add(pseudonym));
        return pseudonym;
    }

    private void writeInfusions(List<UUID> ids, Map<UUID, Subject> subjects, Csv csv, Map<String, Integer> counts)
            throws IOException {
        Numbering numbering = new Numbering();
        for (Object[] r : em.createQuery("select s.patientId, s.id, s.startedAt, s.endedAt, s.weightKg,"
                + " s.doseMgPerKg, s.totalDoseMg, s.rateMgPerKgPerHour from InfusionSession s"
                + " where s.status = :completed and s.patientId in :ids order by s.patientId, s.startedAt, s.id",
                Object[].class).setParameter("completed", SessionStatus.COMPLETED).setParameter("ids", ids)
                .getResultList()) {
            Subject subject = subjects.get((UUID) r[0]);
            csv.code(subject.pseudonym()).number(numbering.next((UUID) r[0])).code(subject.day((Instant) r[2]))
                    .code(Duration.between((Instant) r[2], (Instant) r[3]).toMinutes())
                    .number(plain(r[4])).number(plain(r[5])).number(plain(r[6])).number(plain(r[7])).end();
            counts.merge("infusions", 1, Integer::sum);
        }
    }

    private void writeSideEffects(List<UUID> ids, Map<UUID, Subject> subjects, Csv csv, Map<String, Integer> counts)
            throws IOException {
        Map<UUID, Integer> numbers = infusionNumbers(ids);
        for (Object[] r : em.createQuery("select s.patientId, s.id, e.type, e.severity from InfusionSession s"
                + " join s.sideEffects e where s.status = :completed and s.patientId in :ids"
                + " order by s.patientId, s.startedAt, s.id, index(e)", Object[].class)
                .setParameter("completed", SessionStatus.COMPLETED).setParameter("ids", ids).getResultList()) {
            csv.code(subjects.get((UUID) r[0]).pseudonym()).number(numbers.get((UUID) r[1])).code(r[2]).code(r[3])
                    .end();
            counts.merge("sideEffects", 1, Integer::sum);
        }
    }

    private void writeVitals(List<UUID> ids, Map<UUID, Subject> subjects, Csv csv, Map<String, Integer> counts)
            throws IOException {
        Map<UUID, Integer> numbers = infusionNumbers(ids);
        for (Object[] r : em.createQuery("select s.patientId, s.id, s.startedAt, v.at, v.systolic, v.diastolic,"
                + " v.heartRate, v.spo2 from InfusionSession s join s.vitals v where s.status = :completed"
                + " and s.patientId in :ids order by s.patientId, s.startedAt, s.id, index(v)", Object[].class)
                .setParameter("completed", SessionStatus.COMPLETED).setParameter("ids", ids).getResultList()) {
            csv.code(subjects.get((UUID) r[0]).pseudonym()).number(numbers.get((UUID) r[1]))
                    .code(Duration.between((Instant) r[2], (Instant) r[3]).toMinutes())
                    .number((Integer) r[4]).number((Integer) r[5]).number((Integer) r[6]).number((Integer) r[7])
                    .end();
            counts.merge("vitals", 1, Integer::sum);
        }
    }

    private void writeCheckIns(List<UUID> ids, Map<UUID, Subject> subjects, Csv csv, Map<String, Integer> counts)
            throws IOException {
        Map<UUID, Integer> numbers = infusionNumbers(ids);
        Numbering sequence = new Numbering();
        keyset("select c.patientId, c.recordedAt, c.id, c.context, c.sessionId, c.pain, c.sleep, c.mobility, c.mood"
                + " from CheckIn c where c.status <> :withdrawn and c.patientId in :ids and ",
                "c", ids, Map.of("withdrawn", CheckInStatus.ENTERED_IN_ERROR), r -> {
                    Subject subject = subjects.get((UUID) r[0]);
                    csv.code(subject.pseudonym()).code(subject.day((Instant) r[1])).number(sequence.next((UUID) r[0]))
                            .code(r[3]).number(r[4] == null ? null : numbers.get((UUID) r[4]))
                            .number((Integer) r[5]).number((Integer) r[6]).number((Integer) r[7])
                            .number((Integer) r[8]).end();
                    counts.merge("checkIns", 1, Integer::sum);
                });
    }

    private void writeQuestionnaires(List<UUID> ids, Map<UUID, Subject> subjects, Csv csv,
            Map<String, Integer> counts) throws IOException {
        Map<UUID, Integer> numbers = infusionNumbers(ids);
        Numbering sequence = new Numbering();
        keyset("select q.patientId, q.recordedAt, q.id, q.instrument, q.context, q.sessionId, q.score, q.band"
                + " from QuestionnaireResponse q where q.patientId in :ids and ", "q", ids, Map.of(), r -> {
                    Subject subject = subjects.get((UUID) r[0]);
                    CheckInContext context = (CheckInContext) r[4];
                    csv.code(subject.pseudonym()).code(subject.day((Instant) r[1])).number(sequence.next((UUID) r[0]))
                            .code(((Instrument) r[3]).code()).code(context)
                            .number(r[5] == null ? null : numbers.get((UUID) r[5])).number(plain(r[6]))
                            .code(r[7]).end();
                    counts.merge("questionnaires", 1, Integer::sum);
                });
    }

    /** As the JSON API writes decimals: 71.5, not the column's 71.50. */
    private static BigDecimal plain(Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = ((BigDecimal) value).stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The completed infusions of these patients, numbered by startedAt as the API numbers them. */
    private Map<UUID, Integer> infusionNumbers(List<UUID> ids) {
        Map<UUID, Integer> numbers = new HashMap<>();
        Numbering numbering = new Numbering();
        for (Object[] r : em.createQuery("select s.patientId, s.id from InfusionSession s where s.status = :completed"
                + " and s.patientId in :ids order by s.patientId, s.startedAt, s.id", Object[].class)
                .setParameter("completed", SessionStatus.COMPLETED).setParameter("ids", ids).getResultList()) {
            numbers.put((UUID) r[1], numbering.next((UUID) r[0]));
        }
        return numbers;
    }

    /** 1, 2, 3 ... per patient, for rows that arrive ordered by patient. */
    private static final class Numbering {
        private UUID patient;
        private int n;

        int next(UUID patientId) {
            if (!patientId.equals(patient)) {
                patient = patientId;
                n = 0;
            }
            return ++n;
        }
    }

    @FunctionalInterface
    private interface RowWriter {
        void write(Object[] row) throws IOException;
    }

    /**
     * Rows in pages of {@link #ROW_PAGE} by (patientId, recordedAt, id), each page starting after the last row of
     * the one before: the query selects patientId, recordedAt and id first and ends its where clause with "and ".
     */
    private void keyset(String select, String alias, List<UUID> ids, Map<String, Object> parameters, RowWriter rows)
            throws IOException {
        Object[] last = null;
        List<Object[]> page;
        do {
            String after = last == null ? "1 = 1"
                    : "(%1$s.patientId > :p or %1$s.patientId = :p and (%1$s.recordedAt > :t"
                            + " or %1$s.recordedAt = :t and %1$s.id > :id))";
            var query = em.createQuery(select + after.formatted(alias) + " order by %1$s.patientId, %1$s.recordedAt,"
                    .formatted(alias) + " " + alias + ".id", Object[].class).setParameter("ids", ids)
                    .setMaxResults(ROW_PAGE);
            parameters.forEach(query::setParameter);
            if (last != null) {
                query.setParameter("p", last[0]).setParameter("t", last[1]).setParameter("id", last[2]);
            }
            page = query.getResultList();
            for (Object[] row : page) {
                rows.write(row);
            }
            last = page.isEmpty() ? null : page.get(page.size() - 1);
        } while (page.size() == ROW_PAGE);
    }
}
