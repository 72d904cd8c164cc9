import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.trend.CheckInRow;
import com.infusionoutcomes.trend.CompletedSession;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.Granularity;
import com.infusionoutcomes.trend.Subject;
import com.infusionoutcomes.trend.Trend;
import com.infusionoutcomes.trend.TrendInput;
import com.infusionoutcomes.trend.TrendQuery;

/**
 * The trend engine alone, in process, on a cohort bench/trends.sh generated in PostgreSQL: no HTTP, no ORM, no
 * audit. Two modes, both against the compiled classes given on the class path, so a before and an after build can
 * be compared on the same rows:
 *
 *   digest DB_URL PATIENTS OUT   every trend, headline and booster forecast of the first PATIENTS patients, all four
 *                                domains, whole course and narrowed windows, DAY and WEEK, as JSON lines to OUT and
 *                                a SHA-256 of them: two builds that must give exactly the same figures give the same
 *                                digest
 *   bench DB_URL PATIENTS WARMUP SECONDS [json]
 *                                single-domain whole-course trends of random patients on one thread, and the CPU
 *                                time of that thread per trend (with "json": serialised too, by a plain ObjectMapper)
 *
 *   CP=target/classes:target/quarkus-app/lib/main/\*
 *   java -cp "$CP" bench/TrendEngine.java digest jdbc:postgresql://127.0.0.1:5432/bench_trends_p1000_c100_s1 300 a.txt
 *   java -cp "$CP" bench/TrendEngine.java bench jdbc:postgresql://127.0.0.1:5432/bench_trends_p1000_c100_s1 300 15 15
 *
 * "Now" is an hour after the latest check-in, so a digest does not change with the clock.
 */
public class TrendEngine {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        int patients = Integer.parseInt(args[2]);
        List<TrendInput> inputs = new ArrayList<>();
        Instant now;
        try (Connection c = DriverManager.getConnection(url, System.getProperty("user", "postgres"), System.getProperty("password", ""))) {
            try (ResultSet r = c.createStatement().executeQuery("select max(recorded_at) from check_in")) {
                r.next();
                now = r.getObject(1, java.time.OffsetDateTime.class).toInstant().plusSeconds(3600);
            }
            List<Object[]> ps = new ArrayList<>();
            try (ResultSet r = c.createStatement().executeQuery(
                    "select id, timezone, enrolled_at from patient order by id limit " + patients)) {
                while (r.next()) {
                    ps.add(new Object[] {r.getObject(1, UUID.class), r.getString(2),
                            r.getObject(3, java.time.OffsetDateTime.class).toInstant()});
                }
            }
            PreparedStatement ci = c.prepareStatement("select recorded_at, context, session_id, pain, sleep, mobility,"
                    + " mood from check_in where patient_id = ? and status <> 'entered-in-error' order by recorded_at, id");
            PreparedStatement ss = c.prepareStatement("select id, started_at, ended_at from infusion_session"
                    + " where patient_id = ? and status = 'COMPLETED' order by started_at, id");
            PreparedStatement sc = c.prepareStatement("select scheduled_at from infusion_session"
                    + " where patient_id = ? and status = 'SCHEDULED' and scheduled_at is not null order by scheduled_at");
            for (Object[] p : ps) {
                UUID id = (UUID) p[0];
                List<CheckInRow> rows = new ArrayList<>();
                ci.setObject(1, id);
                try (ResultSet r = ci.executeQuery()) {
                    while (r.next()) {
                        rows.add(new CheckInRow(id, r.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                                CheckInContext.valueOf(r.getString(2)), r.getObject(3, UUID.class),
                                (Integer) r.getObject(4), (Integer) r.getObject(5), (Integer) r.getObject(6),
                                (Integer) r.getObject(7)));
                    }
                }
                List<CompletedSession> sessions = new ArrayList<>();
                ss.setObject(1, id);
                try (ResultSet r = ss.executeQuery()) {
                    while (r.next()) {
                        sessions.add(new CompletedSession(r.getObject(1, UUID.class), sessions.size() + 1,
                                r.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                                r.getObject(3, java.time.OffsetDateTime.class).toInstant()));
                    }
                }
                List<Instant> scheduled = new ArrayList<>();
                sc.setObject(1, id);
                try (ResultSet r = sc.executeQuery()) {
                    while (r.next()) {
                        scheduled.add(r.getObject(1, java.time.OffsetDateTime.class).toInstant());
                    }
                }
                inputs.add(new TrendInput(new Subject(id, ZoneId.of((String) p[1]), (Instant) p[2]), rows, sessions,
                        scheduled));
            }
        }
        System.out.println("loaded " + inputs.size() + " patients, " + inputs.stream().mapToInt(i -> i.checkIns().size()).sum()
                + " check-ins; now " + now);
        Instant to = now.truncatedTo(ChronoUnit.MICROS);
        if (mode.equals("digest")) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3])))) {
                for (TrendInput input : inputs) {
                    for (Domain d : Domain.values()) {
                        List<String> lines = new ArrayList<>();
                        lines.add(json.writeValueAsString(input.trend(new TrendQuery(d, null, to, to, Granularity.DAY))));
                        lines.add(json.writeValueAsString(input.trend(new TrendQuery(d, to.minus(Duration.ofDays(90)), to, to, Granularity.WEEK))));
                        Instant mid = to.minus(Duration.ofDays(200));
                        lines.add(json.writeValueAsString(input.trend(new TrendQuery(d, mid.minus(Duration.ofDays(30)), mid, to, Granularity.DAY))));
                        Instant early = to.minus(Duration.ofDays(330));
                        lines.add(json.writeValueAsString(input.trend(new TrendQuery(d, null, early, to, Granularity.WEEK))));
                        lines.add(String.valueOf(input.headline(d, to)));
                        lines.add(String.valueOf(input.headline(d, mid)));
                        lines.add(String.valueOf(input.boosterForecast(d, to)));
                        lines.add(String.valueOf(input.boosterForecast(d, mid)));
                        for (String l : lines) {
                            out.println(l);
                            sha.update(l.getBytes());
                        }
                    }
                }
            }
            System.out.println("digest " + HexFormat.of().formatHex(sha.digest()));
            return;
        }
        // bench: seconds warm-up then measured, single thread, thread CPU per trend
        int warm = Integer.parseInt(args[3]);
        int secs = Integer.parseInt(args[4]);
        boolean withJson = args.length > 5 && args[5].equals("json");
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Domain[] domains = Domain.values();
        Random random = new Random(1);
        long sink = 0;
        for (int phase = 0; phase < 2; phase++) {
            long end = System.nanoTime() + (phase == 0 ? warm : secs) * 1_000_000_000L;
            long cpu0 = mx.getCurrentThreadCpuTime();
            long n = 0;
            while (System.nanoTime() < end) {
                for (int k = 0; k < 20; k++) {
                    TrendInput input = inputs.get(random.nextInt(inputs.size()));
                    Trend t = input.trend(new TrendQuery(domains[random.nextInt(4)], null, to, to, Granularity.DAY));
                    sink += t.series().size();
                    if (withJson) {
                        sink += json.writeValueAsBytes(t).length;
                    }
                    n++;
                }
            }
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            System.out.printf("%s: %d trends, %.1f us CPU per trend%s%n", phase == 0 ? "warm-up" : "measured", n,
                    cpu / 1000.0 / n, withJson ? " (with JSON)" : "");
        }
        System.out.println("sink " + sink);
    }
}
