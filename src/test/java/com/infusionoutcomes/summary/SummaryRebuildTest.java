package com.infusionoutcomes.summary;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The backfill fills the summaries of patients that have none (a database migrated from before them), and the
 * rebuild recomputes every summary from the records, repairing one that was changed behind the application's back.
 */
@QuarkusTest
class SummaryRebuildTest {

    @Inject
    SummaryRebuild rebuild;

    @Inject
    EntityManager em;

    @Test
    void theBackfillShouldGiveAPatientWithoutSummariesTheFiguresOfTheirTrend() {
        TestData.signInAsNewClinician();
        String patient = course(5);
        given().queryParam("limit", 10).get("/api/v1/reports/panel").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].category", equalTo("MODERATE"));
        // As a database migrated from before the summaries existed: the records, and no summary.
        QuarkusTransaction.requiringNew().run(() -> em.createQuery("delete from OutcomeSummary s where s.patientId = :p")
                .setParameter("p", UUID.fromString(patient)).executeUpdate());
        given().queryParam("limit", 10).get("/api/v1/reports/panel").then().statusCode(200).body("items", hasSize(0));

        assertTrue(rebuild.run(false) >= 1);

        given().queryParam("limit", 10).get("/api/v1/reports/panel").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].patientId", equalTo(patient))
                .body("items[0].category", equalTo("MODERATE")).body("items[0].completedSessions", equalTo(1))
                .body("items[0].improvementPercent", equalTo(37.5f));
        assertEquals(0, rebuild.run(false), "nothing is missing any more");
    }

    @Test
    void theRebuildShouldRepairASummaryChangedBehindTheApplicationsBack() {
        TestData.signInAsNewClinician();
        String patient = course(4);
        QuarkusTransaction.requiringNew().run(() -> em.createQuery("update OutcomeSummary s set s.category ="
                + " com.infusionoutcomes.trend.Category.WORSENED, s.categoryRank = 0 where s.patientId = :p")
                .setParameter("p", UUID.fromString(patient)).executeUpdate());
        given().queryParam("limit", 10).get("/api/v1/reports/panel").then().body("items[0].category",
                equalTo("WORSENED"));

        assertTrue(rebuild.run(true) >= 1);

        given().queryParam("limit", 10).get("/api/v1/reports/panel").then().statusCode(200)
                .body("items[0].category", equalTo("SUBSTANTIAL")).body("items[0].improvementPercent", equalTo(50));
    }

    /** Baseline pain 8, one infusion, then a week at {@code painAfter}. */
    private static String course(int painAfter) {
        String patient = TestData.enrollPatient("{\"displayName\": \"Rebuilt\", \"timezone\": \"UTC\"}");
        Instant start = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<String> items = new ArrayList<>();
        for (int day = 1; day <= 3; day++) {
            items.add(TestData.dailyPainItem(start.minus(day, ChronoUnit.DAYS), 8));
        }
        for (int day = 2; day <= 8; day++) {
            items.add(TestData.dailyPainItem(start.plus(day, ChronoUnit.DAYS), painAfter));
        }
        TestData.completedSession(patient, start);
        TestData.syncCheckIns(patient, items);
        return patient;
    }
}
