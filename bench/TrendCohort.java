import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a realistic cohort straight into a database the service has already migrated (Flyway), for the trend and
 * panel benchmark (bench/trends.sh). Nothing goes through the API: a year of data for thousands of patients would
 * take hours that way. Every row is one the API could have written (same columns, same enum spellings, sessions
 * numbered by startedAt, pre/post check-ins pointing at their own patient's session).
 *
 * The cohort, per patient (random but reproducible from --seed):
 *   - enrolled 365-378 days before now, in one of a few US, European and Australian timezones;
 *   - a response shape: 40 % clear responders, 35 % partial, 25 % non-responders, each jittered around the demo
 *     cohort's profiles (demo/CohortPlan): relief after infusion k peaks at peak[k] points below the pain baseline
 *     and fades with halfLife[k] towards floor[k]; sleep, mobility and mood follow the relief with their own gain;
 *     a slow day-to-day "flare" (AR(1)) and per-report noise on top;
 *   - an induction course of 6 infusions (days 14, 16, 18, 21, 23, 25 after enrolment), then boosters every 4-6
 *     weeks whose relief fades over 1-3 weeks, so pain creeps back before each booster; 5 % of boosters are
 *     cancelled and done 3-7 days later; the next booster is SCHEDULED;
 *   - a PRE_INFUSION check-in 12-18 minutes before each infusion and a POST_INFUSION one 12-18 minutes after it
 *     (5 % missing; no sleep item after an infusion, as in the demo cohort);
 *   - a DAILY check-in every evening (10 % in the morning), missed on 2-20 % of days (the patient's own rate) plus
 *     an occasional 2-6 day gap; never missed on infusion days; 2 % carry a short note; most are synced within two
 *     minutes, 3 % hours later;
 *   - about 360 check-ins a year in all;
 *   - 3 % have an OPEN blood-pressure alert and 2 % a RESOLVED side-effect alert.
 *
 * Rows are written in time order, one day of the whole cohort per transaction, as a clinic's database fills up:
 * a patient's year ends up spread over the table (and its heap pages), not stored together, so a trend read
 * costs what it would cost in production. Clinicians: one CLINICIAN account per --caseload patients
 * (bench.clinician.0001, ...), on the care team of exactly those patients; their password hash is copied from
 * the existing account --password-like (the bootstrap admin), so they log in with that account's password.
 *
 * Columns are always named: a column this program does not know (one a later migration adds with a default)
 * keeps its default.
 *
 * Java 17 single-file program, with the database's JDBC driver on the class path:
 *   java -cp h2.jar bench/TrendCohort.java --url 'jdbc:h2:file:...' --patients 2000 --password-like bench.admin
 *
 * Options (all --name value):
 *   --url            JDBC URL of a migrated database with no patients (required)
 *   --user           default sa;  --password  default empty
 *   --patients       default 2000;  --caseload  patients per clinician, default 100
 *   --seed           default 1
 *   --password-like  username whose password hash the clinicians get (required)
 *   --out            file for "patientId clinicianUsername" lines, default patients.tsv
 *   --progress       print progress every this many days of data, default 60
 */
public class TrendCohort {

    static final int[] INDUCTION_DAYS = { 14, 16, 18, 21, 23, 25 };
    static final String[] ZONES = { "America/New_York", "America/New_York", "America/New_York", "America/Chicago",
            "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Los_Angeles", "Europe/London",
            "Europe/Berlin", "Australia/Sydney" };
    static final String[] CONDITIONS = { "FIBROMYALGIA", "NEUROPATHY", "CRPS", "MIGRAINE", "OTHER" };
    static final String[] FIRST = { "Ada", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jon",
            "Kira", "Luis", "Maya", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wes",
            "Xenia", "Yusuf", "Zoe", "Aiko", "Bruno", "Chloe", "Dara", "Emil", "Fatima", "Gus", "Hana", "Ivan",
            "June", "Kofi", "Lena", "Marco", "Nora" };
    static final String[] LAST = { "Abbott", "Baker", "Castillo", "Dubois", "Evans", "Fischer", "Garcia", "Haddad",
            "Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Patel", "Quist", "Rossi",
            "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Young", "Zeller", "Ahmed", "Brennan", "Costa",
            "Delgado", "Eriksen", "Fontaine", "Grant", "Hughes", "Iqbal", "Jovanovic", "Kim", "Lindqvist", "Mendes",
            "Novak" };
    static final String[] NOTES = { "Flare after a long day at work.", "Slept badly, neighbours.",
            "Weather change, joints worse.", "Good day, walked 30 minutes.", "Headache in the afternoon.",
            "Busy week, forgot yesterday." };

    static final String INSERT_USER = "insert into app_user (id, username, password_hash, role, display_name,"
            + " patient_id, created_at) values (?, ?, ?, 'CLINICIAN', ?, null, ?)";
    static final String INSERT_PATIENT = "insert into patient (id, external_id, display_name, birth_year,"
            + " conditions, timezone, enrolled_at, created_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, 0)";
    static final String INSERT_TEAM = "insert into care_team_member (patient_id, user_id, added_at) values (?, ?, ?)";
    static final String INSERT_SESSION = "insert into infusion_session (id, patient_id, status, scheduled_at,"
            + " started_at, ended_at, weight_kg, dose_mg_per_kg, total_dose_mg, rate_mg_per_kg_per_hour, notes,"
            + " created_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
    // Versions count from 1 (V5); changed_at is when the current version was written, changed_by null (the service).
    static final String INSERT_CHECK_IN = "insert into check_in (id, patient_id, session_id, context, recorded_at,"
            + " pain, sleep, mobility, mood, note, created_at, changed_at, version)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
    static final String INSERT_ALERT = "insert into alert (id, patient_id, rule, severity, severity_rank, status,"
            + " open_key, detail, source_type, source_id, raised_at, last_triggered_at, trigger_count,"
            + " acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution_note, version)"
            + " values (?, ?, ?, 'HIGH', 1, ?, ?, ?, 'InfusionSession', ?, ?, ?, 1, ?, ?, ?, ?, ?, 0)";

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("url", null);
        o.put("user", "sa");
        o.put("password", "");
        o.put("patients", "2000");
        o.put("caseload", "100");
        o.put("seed", "1");
        o.put("password-like", null);
        o.put("out", "patients.tsv");
        o.put("progress", "60");
        for (int i = 0; i < args.length; i += 2) {
            String k = args[i].replaceFirst("^--", "");
            if (!o.containsKey(k) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete option " + args[i]);
            }
            o.put(k, args[i + 1]);
        }
        if (o.get("url") == null || o.get("password-like") == null) {
            throw new IllegalArgumentException("--url and --password-like are required");
        }
        int patientCount = Integer.parseInt(o.get("patients"));
        int caseload = Integer.parseInt(o.get("caseload"));
        long seed = Long.parseLong(o.get("seed"));
        int progress = Integer.parseInt(o.get("progress"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long t0 = System.nanoTime();

        Properties props = new Properties();
        props.setProperty("user", o.get("user"));
        props.setProperty("password", o.get("password"));
        if (o.get("url").startsWith("jdbc:postgresql:")) {
            // One multi-row INSERT per batch instead of one round trip per row.
            props.setProperty("reWriteBatchedInserts", "true");
        }
        Connection c = DriverManager.getConnection(o.get("url"), props);
        try {
            c.setAutoCommit(false);
            requireKnownColumns(c);
            String hash = passwordHash(c, o.get("password-like"));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from patient")) {
                rs.next();
                if (rs.getLong(1) != 0) {
                    throw new IllegalStateException("the database already has patients: generate into a fresh one");
                }
            }

            Random cohortRandom = new Random(seed);
            int clinicianCount = (patientCount + caseload - 1) / caseload;
            UUID[] clinicians = new UUID[clinicianCount];
            String[] usernames = new String[clinicianCount];
            Instant accountsAt = now.minus(Duration.ofDays(400));
            try (PreparedStatement u = c.prepareStatement(INSERT_USER)) {
                for (int i = 0; i < clinicianCount; i++) {
                    clinicians[i] = uuid(cohortRandom);
                    usernames[i] = String.format("bench.clinician.%04d", i + 1);
                    u.setObject(1, clinicians[i]);
                    u.setString(2, usernames[i]);
                    u.setString(3, hash);
                    u.setString(4, "Dr. Bench " + (i + 1));
                    u.setObject(5, odt(accountsAt));
                    u.addBatch();
                }
                u.executeBatch();
            }

            List<PatientPlan> cohort = new ArrayList<>(patientCount);
            for (int i = 0; i < patientCount; i++) {
                cohort.add(new PatientPlan(i, new Random(seed * 1_000_003L + i), now));
            }
            try (PreparedStatement p = c.prepareStatement(INSERT_PATIENT);
                    PreparedStatement team = c.prepareStatement(INSERT_TEAM);
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(o.get("out"))))) {
                for (PatientPlan plan : cohort) {
                    plan.bindPatient(p);
                    p.addBatch();
                    int clinician = plan.index / caseload;
                    team.setObject(1, plan.id);
                    team.setObject(2, clinicians[clinician]);
                    team.setObject(3, odt(plan.enrolledAt));
                    team.addBatch();
                    out.println(plan.id + " " + usernames[clinician]);
                }
                p.executeBatch();
                team.executeBatch();
            }
            c.commit();

            LocalDate first = cohort.stream().map(pl -> pl.firstDay).min(LocalDate::compareTo).orElseThrow();
            LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
            long sessions = 0;
            long checkIns = 0;
            try (PreparedStatement ps = c.prepareStatement(INSERT_SESSION);
                    PreparedStatement pc = c.prepareStatement(INSERT_CHECK_IN)) {
                Sink sink = new Sink(ps, pc);
                int day = 0;
                for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1), day++) {
                    for (PatientPlan plan : cohort) {
                        plan.emit(date, sink);
                    }
                    // Sessions first: the day's pre/post check-ins refer to them.
                    ps.executeBatch();
                    pc.executeBatch();
                    c.commit();
                    sessions += sink.sessions;
                    checkIns += sink.checkIns;
                    sink.sessions = 0;
                    sink.checkIns = 0;
                    if (progress > 0 && day % progress == 0) {
                        System.out.printf("  %s: %,d sessions, %,d check-ins, %.0f s%n", date, sessions, checkIns,
                                (System.nanoTime() - t0) / 1e9);
                    }
                }
                for (PatientPlan plan : cohort) {
                    plan.emitScheduled(sink);
                }
                ps.executeBatch();
                sessions += sink.sessions;
                c.commit();
            }
            long alerts = 0;
            try (PreparedStatement pa = c.prepareStatement(INSERT_ALERT)) {
                for (PatientPlan plan : cohort) {
                    if (plan.bindAlert(pa, clinicians[plan.index / caseload])) {
                        pa.addBatch();
                        alerts++;
                    }
                }
                pa.executeBatch();
            }
            c.commit();
            long loaded = System.nanoTime();
            c.setAutoCommit(true);
            // A production database has statistics and, on PostgreSQL, a vacuumed table (hint bits set, visibility
            // map current) thanks to autovacuum; without it the first reads of each page would also write it.
            try (Statement s = c.createStatement()) {
                s.execute(o.get("url").startsWith("jdbc:postgresql:") ? "vacuum (analyze)" : "analyze");
            }
            long analyzed = System.nanoTime();
            c.close();
            if (o.get("url").startsWith("jdbc:h2:file:")) {
                compactH2(o.get("url"));
            }
            long compacted = System.nanoTime();
            System.out.printf("cohort: %,d patients, %,d clinicians (caseload %d), %,d sessions, %,d check-ins"
                    + " (%.0f per patient), %,d alerts; %s .. %s%n", patientCount, clinicianCount, caseload, sessions,
                    checkIns, (double) checkIns / patientCount, alerts, first, now);
            System.out.printf("RESULT patients=%d clinicians=%d sessions=%d check_ins=%d alerts=%d load_s=%.1f"
                    + " analyze_s=%.1f compact_s=%.1f%n", patientCount, clinicianCount, sessions, checkIns, alerts,
                    (loaded - t0) / 1e9, (analyzed - loaded) / 1e9, (compacted - analyzed) / 1e9);
        } finally {
            if (!c.isClosed()) {
                c.close();
            }
        }
    }

    /**
     * One commit per day leaves H2's file at several GB of mostly dead chunks (6 GB for 2,000 patients, 100 MB of
     * it live). Rewritten here with only the live pages, uncompressed as the app writes them: "SHUTDOWN COMPACT"
     * would LZF-compress every page, and every read that misses H2's cache would then pay for decompressing it,
     * which the app's own files never do (COMPRESS=FALSE). By reflection, so this file compiles without H2.
     */
    static void compactH2(String url) throws ReflectiveOperationException {
        String path = url.substring("jdbc:h2:file:".length()).split(";", 2)[0] + ".mv.db";
        Class.forName("org.h2.mvstore.MVStoreTool").getMethod("compact", String.class, boolean.class)
                .invoke(null, path, false);
    }

    /** The columns each INSERT names; any other column of these tables must be nullable or have a default. */
    static final Map<String, List<String>> WRITTEN = Map.of(
            "app_user", List.of("id", "username", "password_hash", "role", "display_name", "patient_id", "created_at"),
            "patient", List.of("id", "external_id", "display_name", "birth_year", "conditions", "timezone",
                    "enrolled_at", "created_at", "version"),
            "care_team_member", List.of("patient_id", "user_id", "added_at"),
            "infusion_session", List.of("id", "patient_id", "status", "scheduled_at", "started_at", "ended_at",
                    "weight_kg", "dose_mg_per_kg", "total_dose_mg", "rate_mg_per_kg_per_hour", "notes", "created_at",
                    "version"),
            "check_in", List.of("id", "patient_id", "session_id", "context", "recorded_at", "pain", "sleep",
                    "mobility", "mood", "note", "created_at", "changed_at", "version"),
            "alert", List.of("id", "patient_id", "rule", "severity", "severity_rank", "status", "open_key", "detail",
                    "source_type", "source_id", "raised_at", "last_triggered_at", "trigger_count", "acknowledged_at",
                    "acknowledged_by", "resolved_at", "resolved_by", "resolution_note", "version"));

    /**
     * A later migration may add columns: with a default (or nullable) they simply keep it; a required one without a
     * default would make every insert fail, so say which one, before writing anything.
     */
    static void requireKnownColumns(Connection c) throws SQLException {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, List<String>> table : WRITTEN.entrySet()) {
            try (ResultSet rs = c.getMetaData().getColumns(null, null, table.getKey(), null)) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT);
                    boolean required = rs.getInt("NULLABLE") == java.sql.DatabaseMetaData.columnNoNulls
                            && rs.getString("COLUMN_DEF") == null && !"YES".equals(rs.getString("IS_AUTOINCREMENT"));
                    if (required && !table.getValue().contains(column)) {
                        unknown.add(table.getKey() + "." + column);
                    }
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("required columns without a default that this generator does not write: "
                    + unknown + "; add them to its INSERTs");
        }
    }

    static String passwordHash(Connection c, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select password_hash from app_user where username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no account " + username + " to copy the password hash from");
                }
                return rs.getString(1);
            }
        }
    }

    /** A version-4 UUID from the seeded generator, so a seed always gives the same ids. */
    static UUID uuid(Random r) {
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    static OffsetDateTime odt(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static int score(double value) {
        return (int) Math.max(0, Math.min(10, Math.round(value)));
    }

    static double uniform(Random r, double from, double to) {
        return from + r.nextDouble() * (to - from);
    }

    /** Collects one day's rows into the two statements' batches. */
    static final class Sink {
        final PreparedStatement session;
        final PreparedStatement checkIn;
        long sessions;
        long checkIns;

        Sink(PreparedStatement session, PreparedStatement checkIn) {
            this.session = session;
            this.checkIn = checkIn;
        }

        void session(UUID patient, Session s) throws SQLException {
            session.setObject(1, s.id);
            session.setObject(2, patient);
            session.setString(3, s.status);
            session.setObject(4, odt(s.scheduledAt));
            session.setObject(5, s.start == null ? null : odt(s.start));
            session.setObject(6, s.end == null ? null : odt(s.end));
            boolean done = "COMPLETED".equals(s.status);
            session.setBigDecimal(7, done ? s.weightKg : null);
            session.setBigDecimal(8, done ? s.doseMgPerKg : null);
            session.setBigDecimal(9, done ? s.weightKg.multiply(s.doseMgPerKg).setScale(2, RoundingMode.HALF_UP)
                    : null);
            session.setBigDecimal(10, done ? s.doseMgPerKg.multiply(BigDecimal.valueOf(60))
                    .divide(BigDecimal.valueOf(Duration.between(s.start, s.end).toMinutes()), 3, RoundingMode.HALF_UP)
                    : null);
            session.setString(11, s.notes);
            session.setObject(12, odt(s.createdAt));
            session.addBatch();
            sessions++;
        }

        void checkIn(UUID id, UUID patient, UUID sessionId, String context, Instant at, int pain, Integer sleep,
                int mobility, int mood, String note, Instant createdAt) throws SQLException {
            checkIn.setObject(1, id);
            checkIn.setObject(2, patient);
            checkIn.setObject(3, sessionId);
            checkIn.setString(4, context);
            checkIn.setObject(5, odt(at));
            checkIn.setInt(6, pain);
            if (sleep == null) {
                checkIn.setNull(7, java.sql.Types.INTEGER);
            } else {
                checkIn.setInt(7, sleep);
            }
            checkIn.setInt(8, mobility);
            checkIn.setInt(9, mood);
            checkIn.setString(10, note);
            checkIn.setObject(11, odt(createdAt));
            checkIn.setObject(12, odt(createdAt));
            checkIn.addBatch();
            checkIns++;
        }
    }

    /** One infusion: its relief parameters travel with it, so boosters can differ from the induction. */
    static final class Session {
        UUID id;
        String status;
        LocalDate day;
        Instant scheduledAt;
        Instant start;
        Instant end;
        Instant createdAt;
        BigDecimal weightKg;
        BigDecimal doseMgPerKg;
        String notes;
        double peak;
        double floor;
        double halfLifeDays;
        boolean postReported;
    }

    /** One patient's year, planned up front (sessions) and emitted day by day (sessions and check-ins). */
    static final class PatientPlan {
        final int index;
        final Random r;
        final Instant now;
        final UUID id;
        final ZoneId zone;
        final LocalDate firstDay;
        final LocalDate today;
        final Instant enrolledAt;
        final String displayName;
        final int birthYear;
        final String conditions;
        final double pain, sleep, mobility, mood;
        final double sleepGain, mobilityGain, moodGain, noise;
        final double missRate;
        final List<Session> sessions = new ArrayList<>();
        double flare;
        int gapDaysLeft;

        PatientPlan(int index, Random r, Instant now) {
            this.index = index;
            this.r = r;
            this.now = now;
            this.id = uuid(r);
            this.zone = ZoneId.of(ZONES[r.nextInt(ZONES.length)]);
            this.today = LocalDate.ofInstant(now, zone);
            this.firstDay = today.minusDays(365 + r.nextInt(14));
            this.enrolledAt = local(firstDay, LocalTime.of(9, 0).plusMinutes(r.nextInt(480)));
            this.displayName = FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
            this.birthYear = 1950 + r.nextInt(52);
            String c = CONDITIONS[r.nextInt(CONDITIONS.length)];
            String c2 = CONDITIONS[r.nextInt(CONDITIONS.length)];
            this.conditions = r.nextDouble() < 0.3 && !c2.equals(c) ? c + "," + c2 : c;
            this.missRate = uniform(r, 0.02, 0.20);

            // Shapes and gains around the demo cohort's three profiles (demo/CohortPlan).
            double shape = r.nextDouble();
            double f = uniform(r, 0.8, 1.2);
            double[] peak;
            double[] floor;
            double[] half;
            double boosterPeak;
            double boosterFloor;
            double boosterHalfFrom;
            double boosterHalfTo;
            if (shape < 0.40) {
                peak = new double[] { 3.5, 4.0, 4.5, 5.0, 5.3, 5.6 };
                floor = new double[] { 0.5, 1.2, 2.0, 3.0, 4.0, 5.0 };
                half = new double[] { 1.0, 1.5, 2.5, 4.0, 7.0, 21.0 };
                boosterPeak = 5.4;
                boosterFloor = 1.5;
                boosterHalfFrom = 10;
                boosterHalfTo = 21;
                sleepGain = 0.85 * f;
                mobilityGain = 0.75 * f;
                moodGain = 0.7 * f;
            } else if (shape < 0.75) {
                peak = new double[] { 2.6, 2.8, 3.0, 3.2, 3.2, 3.3 };
                floor = new double[] { 0.3, 0.6, 1.0, 1.4, 1.8, 2.2 };
                half = new double[] { 1.5, 1.5, 2.0, 2.0, 2.5, 2.5 };
                boosterPeak = 3.2;
                boosterFloor = 1.0;
                boosterHalfFrom = 5;
                boosterHalfTo = 12;
                sleepGain = 0.6 * f;
                mobilityGain = 0.5 * f;
                moodGain = 0.5 * f;
            } else {
                peak = new double[] { 1.5, 1.5, 1.5, 1.5, 1.5, 1.5 };
                floor = new double[] { 0, 0, 0, 0, 0, 0 };
                half = new double[] { 0.25, 0.25, 0.25, 0.25, 0.25, 0.25 };
                boosterPeak = 1.5;
                boosterFloor = 0;
                boosterHalfFrom = 0.25;
                boosterHalfTo = 0.5;
                sleepGain = 0.3 * f;
                mobilityGain = 0.3 * f;
                moodGain = 0.5 * f;
            }
            this.pain = Math.max(5, Math.min(9.2, 7.2 + r.nextGaussian() * 0.6));
            this.sleep = Math.max(1.5, Math.min(6, 3.6 + r.nextGaussian() * 0.7));
            this.mobility = Math.max(1.5, Math.min(6, 3.9 + r.nextGaussian() * 0.7));
            this.mood = Math.max(2, Math.min(6.5, 4.4 + r.nextGaussian() * 0.7));
            this.noise = uniform(r, 0.5, 0.8);

            double weight = uniform(r, 50, 110);
            double[] induction = { 0.5, 0.6, 0.7, 0.75, 0.8, 0.8 };
            int minutes = 40 + r.nextInt(21);
            for (int k = 0; k < INDUCTION_DAYS.length; k++) {
                addSession(firstDay.plusDays(INDUCTION_DAYS[k]), weight, induction[k], minutes,
                        "Induction course, infusion " + (k + 1) + " of " + INDUCTION_DAYS.length + ".",
                        peak[k] * f, floor[k] * f, half[k] * uniform(r, 0.8, 1.25));
            }
            LocalDate day = firstDay.plusDays(INDUCTION_DAYS[INDUCTION_DAYS.length - 1]);
            while (true) {
                day = day.plusDays(28 + r.nextInt(15));
                if (day.isBefore(today) && r.nextDouble() < 0.05) {
                    Session cancelled = new Session();
                    cancelled.id = uuid(r);
                    cancelled.status = "CANCELLED";
                    cancelled.day = day;
                    cancelled.scheduledAt = local(day, LocalTime.of(9, 30));
                    cancelled.createdAt = cancelled.scheduledAt.minus(Duration.ofDays(14));
                    cancelled.notes = "Cancelled by the patient: unwell on the day.";
                    sessions.add(cancelled);
                    day = day.plusDays(3 + r.nextInt(5));
                }
                if (!day.isBefore(today)) {
                    // The next booster is booked, not given yet.
                    Session next = new Session();
                    next.id = uuid(r);
                    next.status = "SCHEDULED";
                    next.day = day;
                    next.scheduledAt = local(day, LocalTime.of(9, 30));
                    next.createdAt = now.minus(Duration.ofDays(1 + r.nextInt(20)));
                    next.notes = "Booster; review the pain trend before confirming.";
                    sessions.add(next);
                    break;
                }
                addSession(day, weight, 0.8, minutes, "Booster infusion.", boosterPeak * f,
                        boosterFloor * f * uniform(r, 0.5, 1.5), uniform(r, boosterHalfFrom, boosterHalfTo));
            }
        }

        private void addSession(LocalDate day, double weight, double dose, int minutes, String notes, double peak,
                double floor, double halfLifeDays) {
            Session s = new Session();
            s.id = uuid(r);
            s.status = "COMPLETED";
            s.day = day;
            s.start = local(day, LocalTime.of(8, 30).plusMinutes(r.nextInt(121)));
            s.scheduledAt = s.start.minus(Duration.ofMinutes(30));
            s.end = s.start.plus(Duration.ofMinutes(minutes + r.nextInt(11) - 5));
            s.createdAt = s.end.plus(Duration.ofMinutes(5 + r.nextInt(30)));
            s.weightKg = BigDecimal.valueOf(weight + r.nextGaussian() * 0.4).setScale(1, RoundingMode.HALF_UP);
            s.doseMgPerKg = BigDecimal.valueOf(dose).setScale(3, RoundingMode.HALF_UP);
            s.notes = notes;
            s.peak = peak;
            s.floor = Math.min(floor, peak);
            s.halfLifeDays = halfLifeDays;
            s.postReported = r.nextDouble() >= 0.05;
            sessions.add(s);
        }

        Instant local(LocalDate date, LocalTime time) {
            return date.atTime(time).atZone(zone).toInstant();
        }

        void bindPatient(PreparedStatement p) throws SQLException {
            p.setObject(1, id);
            p.setString(2, String.format("BENCH-%06d", index + 1));
            p.setString(3, displayName);
            p.setInt(4, birthYear);
            p.setString(5, conditions);
            p.setString(6, zone.getId());
            p.setObject(7, odt(enrolledAt));
            p.setObject(8, odt(enrolledAt));
        }

        /** Pain relief in points at {@code t}: whatever the latest infusion ended before it has left. */
        double relief(Instant t) {
            double relief = 0;
            for (Session s : sessions) {
                if (s.end == null) {
                    continue;
                }
                if (s.end.isAfter(t)) {
                    break;
                }
                double days = Duration.between(s.end, t).toMinutes() / 1440.0;
                relief = s.floor + (s.peak - s.floor) * Math.pow(0.5, days / s.halfLifeDays);
            }
            return relief;
        }

        /** Emits {@code date}'s rows (by the patient's local calendar), those up to now only. */
        void emit(LocalDate date, Sink sink) throws SQLException {
            if (date.isBefore(firstDay) || date.isAfter(today)) {
                return;
            }
            // The slow part of how a day feels: flares build and settle over days, not per report.
            flare = 0.85 * flare + r.nextGaussian() * 0.35;
            boolean infusionDay = false;
            for (Session s : sessions) {
                if (!s.day.equals(date) || "SCHEDULED".equals(s.status)) {
                    continue;
                }
                sink.session(id, s);
                if (!"COMPLETED".equals(s.status)) {
                    continue;
                }
                infusionDay = true;
                Instant pre = s.start.minus(Duration.ofMinutes(12 + r.nextInt(7)));
                Instant post = s.end.plus(Duration.ofMinutes(12 + r.nextInt(7)));
                checkIn(sink, s.id, "PRE_INFUSION", pre, true, null);
                if (s.postReported) {
                    checkIn(sink, s.id, "POST_INFUSION", post, false, null);
                }
            }
            if (gapDaysLeft > 0) {
                gapDaysLeft--;
            } else if (!infusionDay && r.nextDouble() < 0.004) {
                gapDaysLeft = 1 + r.nextInt(5);
            }
            boolean missed = !infusionDay && (gapDaysLeft > 0 || r.nextDouble() < missRate);
            LocalTime time = r.nextDouble() < 0.1 ? LocalTime.of(7, 0).plusMinutes(r.nextInt(120))
                    : LocalTime.of(19, 30).plusMinutes(r.nextInt(121));
            Instant at = local(date, time).plusSeconds(r.nextInt(60));
            String note = r.nextDouble() < 0.02 ? NOTES[r.nextInt(NOTES.length)] : null;
            if (!missed && !at.isAfter(now)) {
                checkIn(sink, null, "DAILY", at, true, note);
            }
        }

        private void checkIn(Sink sink, UUID sessionId, String context, Instant at, boolean askSleep, String note)
                throws SQLException {
            double relief = relief(at);
            // The sleep item asks about last night: the relief in the small hours, not at report time.
            double reliefLastNight = relief(LocalDate.ofInstant(at, zone).atTime(3, 0).atZone(zone).toInstant());
            int p = score(pain - relief + flare + r.nextGaussian() * noise);
            int sl = score(sleep + sleepGain * reliefLastNight - 0.5 * flare + r.nextGaussian() * noise);
            int mo = score(mobility + mobilityGain * relief - 0.6 * flare + r.nextGaussian() * noise);
            int md = score(mood + moodGain * relief - 0.4 * flare + r.nextGaussian() * noise);
            // Most reports sync at once; some phones were offline for hours.
            Instant created = r.nextDouble() < 0.03 ? at.plus(Duration.ofMinutes(60 + r.nextInt(600)))
                    : at.plusSeconds(1 + r.nextInt(120));
            if (created.isAfter(now)) {
                created = now;
            }
            sink.checkIn(uuid(r), id, sessionId, context, at, p, askSleep ? sl : null, mo, md, note, created);
        }

        void emitScheduled(Sink sink) throws SQLException {
            for (Session s : sessions) {
                if ("SCHEDULED".equals(s.status)) {
                    sink.session(id, s);
                }
            }
        }

        /** 3 %: an OPEN blood-pressure alert on the latest infusion; 2 %: a RESOLVED side-effect alert. */
        boolean bindAlert(PreparedStatement a, UUID clinician) throws SQLException {
            double draw = r.nextDouble();
            if (draw >= 0.05) {
                return false;
            }
            Session source = null;
            for (Session s : sessions) {
                if ("COMPLETED".equals(s.status)) {
                    source = s;
                }
            }
            boolean open = draw < 0.03;
            Instant raised = source.end.minus(Duration.ofMinutes(10));
            a.setObject(1, uuid(r));
            a.setObject(2, id);
            a.setString(3, open ? "BLOOD_PRESSURE" : "SEVERE_SIDE_EFFECT");
            a.setString(4, open ? "OPEN" : "RESOLVED");
            a.setString(5, open ? id + ":BLOOD_PRESSURE" : null);
            a.setString(6, open ? "Blood pressure 184/102 mmHg during the infusion."
                    : "Side effect NAUSEA of severity SEVERE.");
            a.setObject(7, source.id);
            a.setObject(8, odt(raised));
            a.setObject(9, odt(raised));
            Instant handled = raised.plus(Duration.ofHours(2));
            a.setObject(10, open ? null : odt(handled));
            a.setObject(11, open ? null : clinician);
            a.setObject(12, open ? null : odt(handled));
            a.setObject(13, open ? null : clinician);
            a.setString(14, open ? null : "Settled with ondansetron; rate lowered next time.");
            return true;
        }
    }
}
