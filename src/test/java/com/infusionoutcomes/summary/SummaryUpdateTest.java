package com.infusionoutcomes.summary;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;

import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;
import com.infusionoutcomes.trend.Domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A write on a long course updates the summary from the last few weeks, not from the whole course: the slope by
 * its sums, the rest from the bounded window. The figures are still the trend's, to the last digit.
 */
@QuarkusTest
class SummaryUpdateTest {

    @Inject
    MeterRegistry registry;

    @Inject
    OutcomeSummaries summaries;

    @Inject
    EntityManagerFactory database;

    private double updates(String read) {
        return registry.counter("infusion.summary.updates", "read", read).count();
    }

    /**
     * A course of {@code days} days up to yesterday: two weeks of baseline, then an infusion every three weeks;
     * daily pain only, as many clinics ask.
     */
    private static String course(int days) {
        String patient = TestData.enrollPatient("{\"displayName\": \"Long course\", \"timezone\": \"UTC\"}");
        Instant start = Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        for (int day = 14; day < days; day += 21) {
            TestData.completedSession(patient, start.plus(day, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS));
        }
        List<String> items = new ArrayList<>();
        for (int day = 0; day < days - 1; day++) {
            int sinceInfusion = (day - 14) % 21;
            int pain = day < 14 ? 8 : sinceInfusion < 10 ? 3 + day % 2 : 7;
            items.add(TestData.dailyPainItem(start.plus(day, ChronoUnit.DAYS).plus(18, ChronoUnit.HOURS), pain));
        }
        TestData.syncCheckIns(patient, items);
        return patient;
    }

    /** Check-in rows the application read (as trends read them) while serving {@code request}. */
    private long checkInRowsRead(Runnable request) {
        var statistics = database.unwrap(SessionFactory.class).getStatistics();
        assertTrue(statistics.isStatisticsEnabled(), "%test.quarkus.hibernate-orm.statistics must be on");
        java.util.function.LongSupplier rows = () -> java.util.Arrays.stream(statistics.getQueries())
                .filter(q -> q.contains("new com.infusionoutcomes.trend.CheckInRow"))
                .mapToLong(q -> statistics.getQueryStatistics(q).getExecutionRowCount()).sum();
        long before = rows.getAsLong();
        request.run();
        return rows.getAsLong() - before;
    }

    @Test
    void aCheckInShouldReadAsManyRowsOnAYearLongCourseAsOnAFiveMonthOne() {
        TestData.signInAsNewClinician();
        String fiveMonths = course(150);
        String year = course(360);
        Instant now = Instant.now();
        long onFiveMonths = checkInRowsRead(() -> TestData.dailyCheckIn(fiveMonths, now.minus(1, ChronoUnit.HOURS), 4));
        long onYear = checkInRowsRead(() -> TestData.dailyCheckIn(year, now.minus(1, ChronoUnit.HOURS), 4));
        // Since the end of the 4th most recent infusion (about 9 weeks) and the baseline's two weeks.
        assertTrue(onYear < 100, onYear + " rows read on a year of 359 check-ins");
        assertTrue(Math.abs(onYear - onFiveMonths) <= 21, onYear + " rows on a year, " + onFiveMonths
                + " on five months");
    }

    @Test
    void writesOnAFiveMonthCourseShouldReadOnlyItsLastWeeksAndKeepTheTrendsFigures() {
        TestData.signInAsNewClinician();
        String patient = course(150);
        Instant start = Instant.now().minus(150, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        double window = updates("window");
        double course = updates("course");
        String checkIn = TestData.dailyCheckIn(patient, Instant.now().minus(1, ChronoUnit.HOURS), 2);
        // A late-synced value from the first week moves the slope only.
        TestData.syncCheckIns(patient, List.of(TestData.dailyPainItem(start.plus(3, ChronoUnit.HOURS), 9)));
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"scores\": {\"pain\": 5}}")
                .patch("/api/v1/patients/{p}/check-ins/{c}", patient, checkIn).then().statusCode(200);
        given().contentType("application/merge-patch+json").header("If-Match", "\"2\"")
                .body("{\"status\": \"entered-in-error\"}")
                .patch("/api/v1/patients/{p}/check-ins/{c}", patient, checkIn).then().statusCode(200);

        assertEquals(4, updates("window") - window, "updates from the window");
        assertEquals(0, updates("course") - course, "updates from the whole course");
        JsonPath trend = given().get("/api/v1/patients/{p}/trends/pain", patient).then().statusCode(200).extract()
                .jsonPath();
        JsonPath row = given().contentType(ContentType.JSON).queryParam("domain", "pain").queryParam("limit", 10)
                .get("/api/v1/reports/panel").then().statusCode(200).extract().jsonPath();
        OutcomeSummary stored = QuarkusTransaction.requiringNew()
                .call(() -> summaries.stored(UUID.fromString(patient)).get(Domain.PAIN));
        assertEquals(trend.getString("slopePerWeek"), OutcomeSummary.shown(stored.slopePerWeek).toPlainString());
        assertEquals(trend.getString("improvementPercent"), row.getString("items[0].improvementPercent"));
        assertEquals(trend.getString("category"), row.getString("items[0].category"));
        assertEquals(trend.getString("boosterForecast.dueOn"), row.getString("items[0].boosterDueOn"));
        assertEquals(7, row.getInt("items[0].completedSessions"));
    }
}
