package com.infusionoutcomes.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.summary.OutcomeSummaries;
import com.infusionoutcomes.trend.Domain;

/**
 * The orders of a panel, each in the direction a clinician triages in: whoever needs attention first. Every
 * order ends in patientId (in its text order, as clients and both databases sort ids), so it is total and a page
 * boundary is exact.
 */
enum PanelSort {

    /** Least improved first; patients without a percentage (no data, or a baseline of 0) last. */
    IMPROVEMENT_PERCENT("improvementPercent", "s.improvementRank, s.improvementKey, s.patientId") {
        @Override
        Object[] key(Position p) {
            return new Object[] { p.rank(), p.number() == null ? BigDecimal.ZERO : p.number(), p.patientId() };
        }

        @Override
        Position position(PanelRow row) {
            return new Position(row.improvementPercent() == null ? 1 : 0, row.improvementPercent(), null,
                    row.patientId());
        }
    },
    /** Longest silent first: patients who never reported lead, then the oldest last check-in. */
    LAST_CHECK_IN_AT("lastCheckInAt", "s.checkInRank, s.checkInKey, s.patientId") {
        @Override
        Object[] key(Position p) {
            return new Object[] { p.rank(), p.time() == null ? OutcomeSummaries.NO_TIME : p.time(), p.patientId() };
        }

        @Override
        Position position(PanelRow row) {
            return new Position(row.lastCheckInAt() == null ? 0 : 1, null, row.lastCheckInAt(), row.patientId());
        }
    },
    /**
     * WORSENED, NO_CHANGE, MINIMAL, MODERATE, SUBSTANTIAL, then INSUFFICIENT_DATA; within a category the least
     * improved first.
     */
    CATEGORY("category", "s.categoryRank, s.improvementRank, s.improvementKey, s.patientId") {
        @Override
        Object[] key(Position p) {
            return new Object[] { p.rank(), p.number() == null ? 1 : 0,
                    p.number() == null ? BigDecimal.ZERO : p.number(), p.patientId() };
        }

        @Override
        Position position(PanelRow row) {
            return new Position(OutcomeSummaries.CATEGORY_ORDER.indexOf(row.category()), row.improvementPercent(), null,
                    row.patientId());
        }
    },
    /**
     * Soonest booster due first (an overdue one leads) among those no scheduled infusion covers, then the covered
     * ones by due date, then patients without a due date.
     */
    BOOSTER_DUE_ON("boosterDueOn", "s.boosterRank, s.boosterKey, s.patientId") {
        @Override
        Object[] key(Position p) {
            return new Object[] { p.rank(),
                    p.time() == null ? OutcomeSummaries.NO_DATE : LocalDate.ofInstant(p.time(), ZoneOffset.UTC),
                    p.patientId() };
        }

        @Override
        Position position(PanelRow row) {
            if (row.boosterDueOn() == null) {
                return new Position(2, null, null, row.patientId());
            }
            return new Position(Boolean.TRUE.equals(row.boosterCovered()) ? 1 : 0, null,
                    row.boosterDueOn().atStartOfDay(ZoneOffset.UTC).toInstant(), row.patientId());
        }
    };

    static final PanelSort DEFAULT = IMPROVEMENT_PERCENT;

    private final String parameter;
    private final String columns;

    PanelSort(String parameter, String columns) {
        this.parameter = parameter;
        this.columns = columns;
    }

    abstract Position position(PanelRow row);

    /**
     * The position as the values of the summary's key columns for this order ({@link #columns}): the stored keys
     * are non-null (a missing value is placed by its rank), so a page boundary is one row comparison.
     */
    abstract Object[] key(Position position);

    /** The summary columns ({@code s.}) whose ascending order is this order; one index serves each. */
    String columns() {
        return columns;
    }

    static Optional<PanelSort> fromParameter(String value) {
        for (PanelSort sort : values()) {
            if (sort.parameter.equals(value)) {
                return Optional.of(sort);
            }
        }
        return Optional.empty();
    }

    static List<String> parameters() {
        return Arrays.stream(values()).map(s -> s.parameter).toList();
    }

    /**
     * Where a row stands in an order: a rank (which puts missing values where the order wants them), the value
     * itself, and the patient's id to break ties. Values are the rounded ones the row shows, so what a client
     * reads is in order and a cursor can carry them exactly.
     */
    record Position(int rank, BigDecimal number, Instant time, UUID patientId) implements Comparable<Position> {

        private static final Comparator<Position> ORDER = Comparator.comparingInt(Position::rank)
                .thenComparing(Position::number, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Position::time, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(p -> p.patientId().toString());

        @Override
        public int compareTo(Position other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * A keyset cursor over the computed order: the last row's position, not an offset, so a patient joining or
     * leaving the caseload between pages does not shift the rest. It names its domain and order, and is refused
     * with any other.
     */
    Cursor cursor(Domain domain, PanelRow row) {
        Position p = position(row);
        return Cursor.after(String.join("|", domain.path(), parameter, Integer.toString(p.rank()),
                p.number() == null ? "" : p.number().toPlainString(), p.time() == null ? "" : p.time().toString()),
                p.patientId());
    }

    Position after(Domain domain, Cursor cursor) {
        String[] parts = cursor.key().split("\\|", -1);
        if (parts.length != 5 || !parts[0].equals(domain.path()) || !parts[1].equals(parameter)) {
            throw ProblemException.badParameter("cursor", "issued for another domain or sort; start without a cursor");
        }
        try {
            return new Position(Integer.parseInt(parts[2]), parts[3].isEmpty() ? null : new BigDecimal(parts[3]),
                    parts[4].isEmpty() ? null : Instant.parse(parts[4]), cursor.id());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ProblemException.badParameter("cursor", "not a cursor issued by this API");
        }
    }
}
