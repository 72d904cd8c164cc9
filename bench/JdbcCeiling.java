import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ceiling the check-in API is measured against: plain JDBC, no HTTP, no pool, no ORM, no token check. N
 * threads, each with its own connection, run one committed transaction after the other (autocommit off,
 * statements, COMMIT) against a fresh database built from the service's own migration files, for a fixed time,
 * after a warm-up. What a transaction does is the mode:
 *
 *   checkin        INSERT the check_in row the API writes for a DAILY check-in; COMMIT. (The ceiling the
 *                  benchmark used before the API audited every access.)
 *   checkin+audit  INSERT that check_in row, the audit_event row the API writes with it (CREATE CheckIn,
 *                  SUCCESS, actor, request id, source address) and its audit_event_patient row; COMMIT. The same rows as one API POST: the
 *                  like-for-like ceiling for the POST phase.
 *   list+audit     SELECT the newest page of a patient's check-ins (limit+1 rows, the API's order, every column
 *                  read) and INSERT the audit_event and audit_event_patient rows the API writes for it (LIST
 *                  CheckIn); COMMIT. The same
 *                  work as one API list GET, without HTTP, JSON and the ORM: a ceiling for the GET phase.
 *
 * Java 17 single-file program: java -cp h2.jar bench/JdbcCeiling.java --url jdbc:h2:file:/tmp/x;... ...
 *
 * Options (all --name value):
 *   --url        JDBC URL of an empty database (required)
 *   --user       default sa;  --password  default empty
 *   --schema     migration directory (its V<n>__*.sql in version order, as Flyway) or one SQL file to apply
 *                first; default src/main/resources/db/migration
 *   --mode       checkin (default), checkin+audit or list+audit
 *   --threads    default 16;  --patients  default 300
 *   --seed       check-ins per patient inserted before the run (default 0; list+audit needs some)
 *   --limit      list+audit: page size, default 50 (the query fetches limit+1 rows, as the API does)
 *   --warmup     seconds, default 10;  --duration  seconds, default 30
 *   --progress   seconds: also print the rate of every such interval, warm-up included (default 0: off); with
 *                an H2 file URL, also the size of the database file
 *   --lookup     true: also run the API's visibility query (the patient row, if the clinician is on its care
 *                team) in each transaction, as the API does first (default false)
 *
 * Setup also creates one CLINICIAN app_user on every patient's care team, so the audit rows name a real actor
 * and the lookup has rows to find. Prints a human summary and one machine-readable line starting with "RESULT ".
 */
public class JdbcCeiling {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("url", null);
        o.put("user", "sa");
        o.put("password", "");
        o.put("schema", "src/main/resources/db/migration");
        o.put("threads", "16");
        o.put("patients", "300");
        o.put("warmup", "10");
        o.put("duration", "30");
        o.put("lookup", "false");
        o.put("mode", "checkin");
        o.put("seed", "0");
        o.put("limit", "50");
        o.put("progress", "0");
        for (int i = 0; i < args.length; i += 2) {
            String k = args[i].replaceFirst("^--", "");
            if (!o.containsKey(k) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete option " + args[i]);
            }
            o.put(k, args[i + 1]);
        }
        String url = o.get("url");
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        int threads = Integer.parseInt(o.get("threads"));
        int patientCount = Integer.parseInt(o.get("patients"));
        long warmupNs = Long.parseLong(o.get("warmup")) * 1_000_000_000L;
        long durationNs = Long.parseLong(o.get("duration")) * 1_000_000_000L;
        boolean lookup = Boolean.parseBoolean(o.get("lookup"));
        Mode mode = Mode.of(o.get("mode"));
        int seed = Integer.parseInt(o.get("seed"));
        int limit = Integer.parseInt(o.get("limit"));
        int progress = Integer.parseInt(o.get("progress"));
        if (mode == Mode.LIST_AUDIT && seed == 0) {
            System.out.println("note: --mode list+audit with --seed 0 reads empty lists");
        }
        String user = o.get("user");
        String password = o.get("password");

        UUID[] patients = new UUID[patientCount];
        UUID clinician = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            applySchema(c, Path.of(o.get("schema")));
            c.setAutoCommit(false);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            try (PreparedStatement u = c.prepareStatement("insert into app_user (id, username, password_hash, role,"
                    + " display_name, patient_id, created_at) values (?, 'bench.clinician', ?, 'CLINICIAN',"
                    + " 'Bench clinician', null, ?)")) {
                u.setObject(1, clinician);
                u.setString(2, "$2a$10$" + "x".repeat(53)); // never checked: nobody logs in here
                u.setObject(3, now);
                u.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into patient (id, external_id, display_name,"
                    + " birth_year, conditions, timezone, enrolled_at, created_at, version)"
                    + " values (?, null, ?, null, '', 'UTC', ?, ?, 0)");
                    PreparedStatement team = c.prepareStatement("insert into care_team_member (patient_id, user_id,"
                            + " added_at) values (?, ?, ?)")) {
                for (int i = 0; i < patientCount; i++) {
                    patients[i] = UUID.randomUUID();
                    ps.setObject(1, patients[i]);
                    ps.setString(2, "Bench patient " + i);
                    ps.setObject(3, now);
                    ps.setObject(4, now);
                    ps.executeUpdate();
                    team.setObject(1, patients[i]);
                    team.setObject(2, clinician);
                    team.setObject(3, now);
                    team.executeUpdate();
                }
            }
            c.commit();
            if (seed > 0) {
                // Recorded before the run's own check-ins (2024), one commit per patient.
                Instant seedBase = Instant.parse("2024-01-01T00:00:00Z");
                try (PreparedStatement ins = c.prepareStatement(INSERT_CHECK_IN)) {
                    for (int i = 0; i < patientCount; i++) {
                        for (int k = 0; k < seed; k++) {
                            bindCheckIn(ins, UUID.randomUUID(), patients[i],
                                    seedBase.plusSeconds((long) k * patientCount + i), k, now, clinician);
                            ins.addBatch();
                        }
                        ins.executeBatch();
                        c.commit();
                    }
                }
            }
        }

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(threads);
        Worker[] workers = new Worker[threads];
        List<Thread> started = new ArrayList<>();
        long t0 = System.nanoTime();
        long measureFrom = t0 + warmupNs;
        long measureTo = measureFrom + durationNs;
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(t, threads, url, user, password, patients, clinician, mode, lookup, limit,
                    measureFrom, measureTo, stop, ready);
            Thread th = new Thread(workers[t], "jdbc-" + t);
            th.start();
            started.add(th);
        }
        ready.await();
        if (progress > 0) {
            Thread monitor = new Thread(() -> printProgress(workers, progress, t0, measureTo, h2File(url)),
                    "progress");
            monitor.setDaemon(true);
            monitor.start();
        }
        sleepUntil(measureFrom);
        long cpu0 = processCpuNanos();
        long busy0 = machineBusyTicks();
        sleepUntil(measureTo);
        long cpu1 = processCpuNanos();
        long busy1 = machineBusyTicks();
        stop.set(true);
        for (Thread th : started) {
            th.join();
        }

        long count = 0;
        long errors = 0;
        long[] all = new long[0];
        for (Worker w : workers) {
            if (w.failure != null) {
                throw new IllegalStateException("worker failed", w.failure);
            }
            count += w.measured;
            errors += w.errors;
            int from = all.length;
            all = Arrays.copyOf(all, from + w.latencyCount);
            System.arraycopy(w.latencies, 0, all, from, w.latencyCount);
        }
        Arrays.sort(all);
        double seconds = durationNs / 1e9;
        double rate = count / seconds;
        long rows;
        long auditRows;
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            rows = count(s, "select count(*) from check_in");
            auditRows = count(s, "select count(*) from audit_event");
        }
        System.out.printf("JDBC ceiling, mode %s: %d threads, %s%s%n", mode.label, threads, url,
                lookup ? " (with the visibility query per transaction)" : "");
        System.out.printf("  %s%n", mode.description);
        System.out.printf("  committed transactions in %.0f s: %d  ->  %.1f tx/s  (errors: %d; rows incl. warm-up"
                + " and seed: check_in %d, audit_event %d)%n", seconds, count, rate, errors, rows, auditRows);
        System.out.printf("  transaction latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", pct(all, 50),
                pct(all, 90), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        double self = (cpu1 - cpu0) / 1e9 / seconds;
        if (busy0 >= 0 && busy1 >= 0) {
            // USER_HZ is 100 on Linux; the rest of the machine's busy time is other processes and the kernel.
            double machine = (busy1 - busy0) / 100.0 / seconds;
            System.out.printf("  cpu (cores of %d): this program %.2f, other processes and kernel %.2f%n",
                    Runtime.getRuntime().availableProcessors(), self, Math.max(0, machine - self));
        } else {
            System.out.printf("  cpu: this program %.2f cores%n", self);
        }
        System.out.printf("RESULT mode=%s jdbc_rate=%.1f jdbc_count=%d jdbc_errors=%d jdbc_p50_ms=%.2f"
                + " jdbc_p99_ms=%.2f jdbc_cpu=%.2f%n", mode.label, rate, count, errors, pct(all, 50), pct(all, 99),
                self);
    }

    static long count(Statement s, String sql) throws java.sql.SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    enum Mode {
        CHECKIN("checkin", "per transaction: INSERT check_in; COMMIT"),
        CHECKIN_AUDIT("checkin+audit", "per transaction: INSERT check_in; INSERT audit_event, audit_event_patient; COMMIT"
                + " (the rows of one API POST)"),
        LIST_AUDIT("list+audit", "per transaction: SELECT a page of check_in; INSERT audit_event, audit_event_patient; COMMIT"
                + " (the work of one API list GET)");

        final String label;
        final String description;

        Mode(String label, String description) {
            this.label = label;
            this.description = description;
        }

        static Mode of(String label) {
            for (Mode m : values()) {
                if (m.label.equals(label)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("--mode must be checkin, checkin+audit or list+audit");
        }
    }

    /** The row CheckInService writes for a DAILY check-in with four scores and no note. */
    static final String INSERT_CHECK_IN = "insert into check_in (id, patient_id, session_id, context, recorded_at,"
            + " pain, sleep, mobility, mood, note, created_at, version, status, changed_at, changed_by, changed_by_role)"
            + " values (?, ?, null, 'DAILY', ?, ?, ?, ?, ?, null, ?, 1, 'final', ?, ?, 'CLINICIAN')";

    /** The row AuditLog.success writes (AuditEvent's columns). */
    static final String INSERT_AUDIT = "insert into audit_event (id, at, actor_id, actor_role, action,"
            + " resource_type, resource_id, patient_id, outcome, request_id, source_ip)"
            + " values (?, ?, ?, 'CLINICIAN', ?, 'CheckIn', ?, ?, 'SUCCESS', ?, '127.0.0.1')";

    /** The row naming the event's patient that AuditLog writes with every event about one patient. */
    static final String INSERT_AUDIT_PATIENT = "insert into audit_event_patient (patient_id, at, event_id)"
            + " values (?, ?, ?)";

    /** PatientRepository.findVisible for a clinician. */
    static final String SELECT_VISIBLE = "select p.id, p.external_id, p.display_name, p.birth_year, p.conditions,"
            + " p.timezone, p.enrolled_at, p.created_at, p.version from patient p where p.id = ? and exists"
            + " (select 1 from care_team_member m where m.patient_id = p.id and m.user_id = ?)";

    /** CheckInRepository.listForPatient without filters: the order names patient_id so H2 walks the index. */
    static final String SELECT_PAGE = "select id, patient_id, session_id, context, recorded_at, pain, sleep,"
            + " mobility, mood, note, created_at, version from check_in where patient_id = ?"
            + " order by patient_id desc, recorded_at desc, id desc fetch first ? rows only";

    static void bindCheckIn(PreparedStatement ins, UUID id, UUID patient, Instant recordedAt, long n,
            OffsetDateTime createdAt, UUID clinician) throws java.sql.SQLException {
        ins.setObject(1, id);
        ins.setObject(2, patient);
        ins.setObject(3, OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC));
        ins.setInt(4, (int) (n % 11));
        ins.setInt(5, (int) ((n + 3) % 11));
        ins.setInt(6, (int) ((n + 5) % 11));
        ins.setInt(7, (int) ((n + 7) % 11));
        ins.setObject(8, createdAt);
        ins.setObject(9, createdAt);
        ins.setObject(10, clinician);
    }

    /** Every {@code seconds}: the rate of that interval (warm-up included) and the H2 file's size. */
    static void printProgress(Worker[] workers, int seconds, long t0, long end, Path file) {
        long last = 0;
        long next = t0;
        try {
            while (true) {
                next += seconds * 1_000_000_000L;
                if (next > end) {
                    return;
                }
                sleepUntil(next);
                long done = 0;
                for (Worker w : workers) {
                    done += w.committed;
                }
                String size = "";
                if (file != null && Files.exists(file)) {
                    size = String.format(", H2 file %,d MB", Files.size(file) / 1_000_000);
                }
                System.out.printf("  progress %4d s: %8.1f tx/s%s%n", (next - t0) / 1_000_000_000L,
                        (done - last) / (double) seconds, size);
                last = done;
            }
        } catch (Exception e) {
            System.out.println("  progress: " + e);
        }
    }

    /** The database file of an H2 file URL (jdbc:h2:file:PATH;...), else null. */
    static Path h2File(String url) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return null;
        }
        String path = url.substring("jdbc:h2:file:".length()).split(";")[0];
        return Path.of(path + ".mv.db");
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(50, left / 1_000_000)));
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** user+nice+system+irq+softirq ticks of the whole machine from /proc/stat, or -1 off Linux. */
    static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
        } catch (Exception e) {
            return -1;
        }
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /**
     * Applies the migrations as Flyway would: a directory means all its V{n}__*.sql files in version order.
     * Each file: "--" comments stripped, split on ";" (the files have no ";" inside literals).
     */
    static void applySchema(Connection c, Path schema) throws Exception {
        if (Files.isDirectory(schema)) {
            List<Path> files;
            try (var listing = Files.list(schema)) {
                files = listing.filter(f -> f.getFileName().toString().matches("V\\d+(_\\d+)*__.*\\.sql"))
                        .sorted(java.util.Comparator.comparing(JdbcCeiling::migrationVersion,
                                JdbcCeiling::compareVersions))
                        .toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no V<n>__*.sql migrations in " + schema);
            }
            for (Path f : files) {
                applySchema(c, f);
            }
            return;
        }
        StringBuilder sql = new StringBuilder();
        for (String line : Files.readAllLines(schema)) {
            int dash = line.indexOf("--");
            sql.append(dash >= 0 ? line.substring(0, dash) : line).append('\n');
        }
        try (Statement s = c.createStatement()) {
            for (String stmt : sql.toString().split(";")) {
                if (!stmt.isBlank()) {
                    s.execute(stmt);
                }
            }
        }
    }

    static int[] migrationVersion(Path file) {
        String v = file.getFileName().toString().substring(1).split("__")[0];
        return Arrays.stream(v.split("_")).mapToInt(Integer::parseInt).toArray();
    }

    static int compareVersions(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    static final class Worker implements Runnable {
        final int index;
        final int threads;
        final String url;
        final String user;
        final String password;
        final UUID[] patients;
        final UUID clinician;
        final Mode mode;
        final boolean lookup;
        final int limit;
        final long measureFrom;
        final long measureTo;
        final AtomicBoolean stop;
        final CountDownLatch ready;
        long measured;
        volatile long committed;
        long errors;
        long[] latencies = new long[1 << 14];
        int latencyCount;
        Throwable failure;

        Worker(int index, int threads, String url, String user, String password, UUID[] patients, UUID clinician,
                Mode mode, boolean lookup, int limit, long measureFrom, long measureTo, AtomicBoolean stop,
                CountDownLatch ready) {
            this.index = index;
            this.threads = threads;
            this.url = url;
            this.user = user;
            this.password = password;
            this.patients = patients;
            this.clinician = clinician;
            this.mode = mode;
            this.lookup = lookup;
            this.limit = limit;
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            this.stop = stop;
            this.ready = ready;
        }

        @Override
        public void run() {
            boolean counted = false;
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                c.setAutoCommit(false);
                try (PreparedStatement ins = c.prepareStatement(INSERT_CHECK_IN);
                        PreparedStatement audit = c.prepareStatement(INSERT_AUDIT);
                        PreparedStatement auditPatient = c.prepareStatement(INSERT_AUDIT_PATIENT);
                        PreparedStatement sel = c.prepareStatement(SELECT_VISIBLE);
                        PreparedStatement page = c.prepareStatement(SELECT_PAGE)) {
                    ready.countDown();
                    counted = true;
                    Instant base = Instant.parse("2025-01-01T00:00:00Z");
                    long n = 0;
                    long sink = 0;
                    while (!stop.get()) {
                        UUID patient = patients[(int) ((n * threads + index) % patients.length)];
                        long start = System.nanoTime();
                        try {
                            if (lookup) {
                                sel.setObject(1, patient);
                                sel.setObject(2, clinician);
                                try (ResultSet rs = sel.executeQuery()) {
                                    if (!rs.next()) {
                                        throw new IllegalStateException("no patient " + patient);
                                    }
                                }
                            }
                            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                            UUID checkIn = null;
                            if (mode == Mode.LIST_AUDIT) {
                                page.setObject(1, patient);
                                page.setInt(2, limit + 1);
                                try (ResultSet rs = page.executeQuery()) {
                                    while (rs.next()) {
                                        for (int col = 1; col <= 12; col++) {
                                            Object v = rs.getObject(col);
                                            sink += v == null ? 0 : 1;
                                        }
                                    }
                                }
                            } else {
                                checkIn = UUID.randomUUID();
                                bindCheckIn(ins, checkIn, patient, base.plusSeconds(n * threads + index), n, now,
                                        clinician);
                                ins.executeUpdate();
                            }
                            if (mode != Mode.CHECKIN) {
                                UUID event = UUID.randomUUID();
                                audit.setObject(1, event);
                                audit.setObject(2, now);
                                audit.setObject(3, clinician);
                                audit.setString(4, mode == Mode.LIST_AUDIT ? "LIST" : "CREATE");
                                audit.setString(5, checkIn == null ? null : checkIn.toString());
                                audit.setObject(6, patient);
                                audit.setString(7, UUID.randomUUID().toString());
                                audit.executeUpdate();
                                auditPatient.setObject(1, patient);
                                auditPatient.setObject(2, now);
                                auditPatient.setObject(3, event);
                                auditPatient.executeUpdate();
                            }
                            c.commit();
                        } catch (java.sql.SQLException e) {
                            if (errors++ == 0) {
                                // A ceiling that only fails measures nothing: say why, once per thread.
                                System.err.println("thread " + index + ": " + e.getMessage());
                            }
                            c.rollback();
                            continue;
                        }
                        long end = System.nanoTime();
                        n++;
                        committed = n;
                        if (start >= measureFrom && end <= measureTo) {
                            measured++;
                            if (latencyCount == latencies.length) {
                                latencies = Arrays.copyOf(latencies, latencies.length * 2);
                            }
                            latencies[latencyCount++] = end - start;
                        }
                    }
                    if (sink == 42) {
                        System.out.print("");
                    }
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (!counted) {
                    ready.countDown();
                }
            }
        }
    }
}
