package com.infusionoutcomes.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The audit event of a refused request survives a connection pool with no connection to give. */
@QuarkusTest
class AuditSpoolTest {

    @Inject
    AgroalDataSource pool;

    @Inject
    AuditLog audit;

    @ConfigProperty(name = "infusion.audit.spool")
    Path spool;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size")
    int poolSize;

    @Test
    void shouldKeepTheEventOfARefusedRequestWhileThePoolIsExhausted() throws Exception {
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        TestData.signOut();
        String requestId = "starved-" + UUID.randomUUID();
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < poolSize; i++) {
                held.add(pool.getConnection());
            }
            TestData.anonymous().header("X-Request-Id", requestId).get("/api/v1/patients/{p}/check-ins", patient)
                    .then().statusCode(401);
            // The write waits for a connection until the pool's acquisition timeout, then goes to the spool.
            long deadline = System.currentTimeMillis() + 60_000;
            while (!(Files.exists(spool) && Files.readString(spool).contains(requestId))) {
                assertTrue(System.currentTimeMillis() < deadline, "the refused request's event was not spooled");
                Thread.sleep(100);
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertTrue(audit.replaySpooled() >= 1);
        List<Map<String, Object>> events = TestData.as(TestData.adminToken()).queryParam("patientId", patient)
                .get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
        List<Map<String, Object>> refused = events.stream().filter(e -> requestId.equals(e.get("requestId")))
                .toList();
        assertEquals(1, refused.size(), events.toString());
        assertEquals("DENIED", refused.get(0).get("outcome"));
        assertEquals("CheckIn", refused.get(0).get("resourceType"));
        assertEquals(0, audit.replaySpooled(), "the spool is empty once written");
    }
}
