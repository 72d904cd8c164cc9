import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Puts N check-ins straight into an existing patient's rows, for benchmarks that need a long history fast: one
 * DAILY check-in every hour back from now, all four scores, every tenth with a note that needs CSV quoting.
 * The rows are what the API would store (same columns, version 0); the audit trail is not written (no client
 * made them). Batched inserts, one commit per 5,000 rows.
 *
 * Java 17 single-file program: java -cp h2.jar bench/SeedCheckIns.java --url ... --patient UUID --count 100000
 * Options: --url (required), --user (default sa), --password (default empty), --patient (required), --count
 */
public class SeedCheckIns {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("user", "sa");
        o.put("password", "");
        o.put("count", "100000");
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (o.get("url") == null || o.get("patient") == null) {
            throw new IllegalArgumentException("--url and --patient are required");
        }
        UUID patient = UUID.fromString(o.get("patient"));
        int count = Integer.parseInt(o.get("count"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(o.get("url"), o.get("user"), o.get("password"))) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into check_in (id, patient_id, session_id,"
                    + " context, recorded_at, pain, sleep, mobility, mood, note, created_at, version, status, changed_at)"
                    + " values (?, ?, null, 'DAILY', ?, ?, ?, ?, ?, ?, ?, 1, 'final', ?)")) {
                for (int i = 0; i < count; i++) {
                    Instant at = now.minus(i + 1L, ChronoUnit.HOURS);
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, patient);
                    insert.setObject(3, at.atOffset(ZoneOffset.UTC));
                    insert.setInt(4, i % 11);
                    insert.setInt(5, (i + 3) % 11);
                    insert.setInt(6, (i + 5) % 11);
                    insert.setInt(7, (i + 7) % 11);
                    insert.setString(8, i % 10 == 0 ? "Slept badly, woke at \"3 am\"; check-in " + i : null);
                    insert.setObject(9, at.plusSeconds(2).atOffset(ZoneOffset.UTC));
                    insert.setObject(10, at.plusSeconds(2).atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                    if ((i + 1) % 5_000 == 0 || i + 1 == count) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        System.out.printf("seeded %d check-ins for %s in %.1f s%n", count, patient,
                (System.nanoTime() - started) / 1e9);
    }
}
