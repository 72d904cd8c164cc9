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
 * The ceiling the check-in API is measured against: plain JDBC, no HTTP, no pool, no ORM. N threads, each with
 * its own connection, insert one check_in row per committed transaction (autocommit off, INSERT, COMMIT) into a
 * fresh database built from the service's own migration file, for a fixed time, after a warm-up.
 *
 * Java 17 single-file program: java -cp h2.jar bench/JdbcCeiling.java --url jdbc:h2:file:/tmp/x;... ...
 *
 * Options (all --name value):
 *   --url        JDBC URL of an empty database (required)
 *   --user       default sa;  --password  default empty
 *   --schema     migration directory (its V<n>__*.sql in version order, as Flyway) or one SQL file to apply
 *                first; default src/main/resources/db/migration
 *   --threads    default 16;  --patients  default 300
 *   --warmup     seconds, default 10;  --duration  seconds, default 30
 *   --lookup     true: also SELECT the patient row in each transaction, as the API does (default false)
 *
 * Prints a human summary and one machine-readable line starting with "RESULT ".
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
        String user = o.get("user");
        String password = o.get("password");

        UUID[] patients = new UUID[patientCount];
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            applySchema(c, Path.of(o.get("schema")));
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into patient (id, external_id, display_name,"
                    + " birth_year, conditions, timezone, enrolled_at, created_at, version)"
                    + " values (?, null, ?, null, '', 'UTC', ?, ?, 0)")) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                for (int i = 0; i < patientCount; i++) {
                    patients[i] = UUID.randomUUID();
                    ps.setObject(1, patients[i]);
                    ps.setString(2, "Bench patient " + i);
                    ps.setObject(3, now);
                    ps.setObject(4, now);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(threads);
        Worker[] workers = new Worker[threads];
        List<Thread> started = new ArrayList<>();
        long t0 = System.nanoTime();
        long measureFrom = t0 + warmupNs;
        long measureTo = measureFrom + durationNs;
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(t, threads, url, user, password, patients, lookup, measureFrom, measureTo, stop,
                    ready);
            Thread th = new Thread(workers[t], "jdbc-" + t);
            th.start();
            started.add(th);
        }
        ready.await();
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
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from check_in")) {
            rs.next();
            rows = rs.getLong(1);
        }
        System.out.printf("JDBC ceiling: %d threads, %s%s%n", threads, url,
                lookup ? " (with patient lookup per transaction)" : "");
        System.out.printf("  committed inserts in %.0f s: %d  ->  %.1f inserts/s  (errors: %d, rows in table incl."
                + " warm-up: %d)%n", seconds, count, rate, errors, rows);
        System.out.printf("  commit latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", pct(all, 50),
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
        System.out.printf("RESULT jdbc_rate=%.1f jdbc_count=%d jdbc_errors=%d jdbc_p50_ms=%.2f jdbc_p99_ms=%.2f%n",
                rate, count, errors, pct(all, 50), pct(all, 99));
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
        final boolean lookup;
        final long measureFrom;
        final long measureTo;
        final AtomicBoolean stop;
        final CountDownLatch ready;
        long measured;
        long errors;
        long[] latencies = new long[1 << 14];
        int latencyCount;
        Throwable failure;

        Worker(int index, int threads, String url, String user, String password, UUID[] patients, boolean lookup,
                long measureFrom, long measureTo, AtomicBoolean stop, CountDownLatch ready) {
            this.index = index;
            this.threads = threads;
            this.url = url;
            this.user = user;
            this.password = password;
            this.patients = patients;
            this.lookup = lookup;
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
                // The same row the API writes for a DAILY check-in with four scores and no note.
                try (PreparedStatement ins = c.prepareStatement("insert into check_in (id, patient_id, session_id,"
                        + " context, recorded_at, pain, sleep, mobility, mood, note, created_at, version)"
                        + " values (?, ?, null, 'DAILY', ?, ?, ?, ?, ?, null, ?, 0)");
                        PreparedStatement sel = c.prepareStatement("select id, display_name, timezone from patient"
                                + " where id = ?")) {
                    ready.countDown();
                    counted = true;
                    Instant base = Instant.parse("2025-01-01T00:00:00Z");
                    long n = 0;
                    while (!stop.get()) {
                        UUID patient = patients[(int) ((n * threads + index) % patients.length)];
                        long start = System.nanoTime();
                        try {
                            if (lookup) {
                                sel.setObject(1, patient);
                                try (ResultSet rs = sel.executeQuery()) {
                                    if (!rs.next()) {
                                        throw new IllegalStateException("no patient " + patient);
                                    }
                                }
                            }
                            ins.setObject(1, UUID.randomUUID());
                            ins.setObject(2, patient);
                            ins.setObject(3, OffsetDateTime.ofInstant(base.plusSeconds(n * threads + index),
                                    ZoneOffset.UTC));
                            ins.setInt(4, (int) (n % 11));
                            ins.setInt(5, (int) ((n + 3) % 11));
                            ins.setInt(6, (int) ((n + 5) % 11));
                            ins.setInt(7, (int) ((n + 7) % 11));
                            ins.setObject(8, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
                            ins.executeUpdate();
                            c.commit();
                        } catch (java.sql.SQLException e) {
                            errors++;
                            c.rollback();
                            continue;
                        }
                        long end = System.nanoTime();
                        n++;
                        if (start >= measureFrom && end <= measureTo) {
                            measured++;
                            if (latencyCount == latencies.length) {
                                latencies = Arrays.copyOf(latencies, latencies.length * 2);
                            }
                            latencies[latencyCount++] = end - start;
                        }
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
