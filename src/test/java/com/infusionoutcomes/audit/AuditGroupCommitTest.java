package com.infusionoutcomes.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reads share audit commits, and still: every answered read has its event, exactly once, and a read whose event
 * cannot be written is not answered with success.
 */
@QuarkusTest
class AuditGroupCommitTest {

    private static final int READERS = 24;
    private static final int READS_EACH = 8;

    @Inject
    AgroalDataSource database;

    @Inject
    AuditLog audit;

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static List<Map<String, Object>> eventsFor(String patientId) {
        return TestData.as(TestData.adminToken()).queryParam("patientId", patientId).queryParam("limit", 500)
                .get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
    }

    @Test
    void shouldAuditEveryConcurrentReadExactlyOnce() throws Exception {
        String token = TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        TestData.dailyCheckIn(patient, Instant.now().minus(1, ChronoUnit.HOURS), 4);
        String run = UUID.randomUUID().toString().substring(0, 8);

        // Lists, single reads and trends from many threads at once, so that their events meet in groups.
        List<List<String>> answered = TestData.concurrently(READERS, reader -> {
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < READS_EACH; i++) {
                String requestId = "group-" + run + "-" + reader + "-" + i;
                String path = switch (i % 3) {
                case 0 -> "/api/v1/patients/{p}/check-ins";
                case 1 -> "/api/v1/patients/{p}";
                default -> "/api/v1/patients/{p}/trends/pain";
                };
                int status = TestData.as(token).header("X-Request-Id", requestId).get(path, patient).statusCode();
                assertEquals(200, status, requestId);
                ids.add(requestId);
            }
            return ids;
        });

        Set<String> expected = answered.stream().flatMap(List::stream).collect(Collectors.toSet());
        assertEquals(READERS * READS_EACH, expected.size());
        Map<String, List<Map<String, Object>>> byRequest = eventsFor(patient).stream()
                .filter(e -> e.get("requestId") != null && ((String) e.get("requestId")).startsWith("group-" + run))
                .collect(Collectors.groupingBy(e -> (String) e.get("requestId")));
        assertEquals(expected, byRequest.keySet(), "every answered read has an event");
        for (var events : byRequest.values()) {
            assertEquals(1, events.size(), "audited exactly once: " + events);
            Map<String, Object> event = events.get(0);
            assertEquals("SUCCESS", event.get("outcome"));
            assertEquals(patient, event.get("patientId"));
        }
        Map<Object, Long> actions = byRequest.values().stream().map(events -> events.get(0).get("action"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(Map.of("LIST", (long) READERS * 3, "READ", (long) READERS * 5), actions);
    }

    @Test
    void shouldFailAReadWhoseAuditEventCannotBeWritten() throws Exception {
        String token = TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        String requestId = "unauditable-" + UUID.randomUUID();
        // The database refuses this one event: a rule only that request's row breaks.
        execute("alter table audit_event add constraint audit_test_refuses check (request_id <> '" + requestId + "')");
        try {
            TestData.as(token).header("X-Request-Id", requestId).get("/api/v1/patients/{p}/check-ins", patient)
                    .then().statusCode(500).contentType("application/problem+json");
            // The same read with another request id is answered: the failure was that event's alone.
            TestData.as(token).get("/api/v1/patients/{p}/check-ins", patient).then().statusCode(200);
        } finally {
            execute("alter table audit_event drop constraint audit_test_refuses");
        }
        // The refusal's own event (outcome ERROR) is written once the rule is gone, or waits in the spool if it
        // came while the rule held.
        List<Map<String, Object>> events = List.of();
        long deadline = System.currentTimeMillis() + 10_000;
        while (events.isEmpty() && System.currentTimeMillis() < deadline) {
            audit.replaySpooled();
            events = eventsFor(patient).stream().filter(e -> requestId.equals(e.get("requestId"))).toList();
            Thread.sleep(events.isEmpty() ? 100 : 0);
        }
        assertEquals(1, events.size(), events.toString());
        assertEquals("ERROR", events.get(0).get("outcome"), "no success recorded for a read that failed");
    }

    private void execute(String sql) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
