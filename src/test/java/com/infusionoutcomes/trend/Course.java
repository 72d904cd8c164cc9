package com.infusionoutcomes.trend;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.infusionoutcomes.checkin.CheckInContext;

/** A patient's course written the way a test reads: check-ins and infusions at literal instants. */
final class Course {

    static final UUID PATIENT = UUID.fromString("7d3c9a1e-0000-4000-8000-000000000001");

    private final ZoneId zone;
    private Instant enrolledAt = Instant.parse("2025-12-01T00:00:00Z");
    private final List<Observation> observations = new ArrayList<>();
    private final List<CompletedSession> sessions = new ArrayList<>();
    private final List<Instant> scheduled = new ArrayList<>();

    private Course(ZoneId zone) {
        this.zone = zone;
    }

    static Course utc() {
        return new Course(ZoneOffset.UTC);
    }

    static Course in(String zone) {
        return new Course(ZoneId.of(zone));
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** The JSON text of a reported decimal, or null: "7.33", "4", "-3.5". */
    static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    Course enrolledAt(String instant) {
        enrolledAt = at(instant);
        return this;
    }

    Course daily(String recordedAt, Integer value) {
        observations.add(Observation.of(at(recordedAt), CheckInContext.DAILY, null, value));
        return this;
    }

    /** A decimal score, as a PEG mean is stored: "6.33". */
    Course dailyDecimal(String recordedAt, String score) {
        observations.add(new Observation(at(recordedAt), CheckInContext.DAILY, null, Fraction.of(new BigDecimal(score))));
        return this;
    }

    Course pre(CompletedSession session, String recordedAt, Integer value) {
        observations.add(Observation.of(at(recordedAt), CheckInContext.PRE_INFUSION, session.sessionId(), value));
        return this;
    }

    Course post(CompletedSession session, String recordedAt, Integer value) {
        observations.add(Observation.of(at(recordedAt), CheckInContext.POST_INFUSION, session.sessionId(), value));
        return this;
    }

    /** Sessions are numbered in the order a test adds them, which is also their order in time. */
    CompletedSession session(String startedAt, String endedAt) {
        int number = sessions.size() + 1;
        CompletedSession session = new CompletedSession(new UUID(0xC0FFEEL, number), number, at(startedAt),
                at(endedAt));
        sessions.add(session);
        return session;
    }

    /** A SCHEDULED infusion to start at this instant. */
    Course scheduled(String startsAt) {
        scheduled.add(at(startsAt));
        return this;
    }

    /**
     * Pain 3 every day at the end's time of day from the day after {@code session} ended, then pain 8 exactly
     * {@code days} days after its end (relief of a baseline 8 ends there); with {@code days} null the relief never
     * ends and the last value is {@code lastDay} days after the end.
     */
    Course relief(CompletedSession session, Integer days, int lastDay) {
        int last = days == null ? lastDay : days;
        for (int day = 1; day <= last; day++) {
            Instant at = session.endedAt().plus(java.time.Duration.ofDays(day));
            observations.add(Observation.of(at, CheckInContext.DAILY, null, days != null && day == days ? 8 : 3));
        }
        return this;
    }

    Subject subject() {
        return new Subject(PATIENT, zone, enrolledAt);
    }

    List<Observation> observations() {
        return List.copyOf(observations);
    }

    List<CompletedSession> sessions() {
        return List.copyOf(sessions);
    }

    /** Everything up to {@code to}, asked at {@code to}, by day. */
    Trend trend(Measure domain, String to) {
        return trend(new TrendQuery(domain, null, at(to), at(to), Granularity.DAY));
    }

    Trend trend(TrendQuery query) {
        return Trends.compute(subject(), query, observations, sessions, scheduled);
    }
}
