package com.infusionoutcomes.checkin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.Session;
import org.hibernate.jpa.AvailableHints;
import org.hibernate.query.SelectionQuery;

import com.infusionoutcomes.paging.Cursor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class CheckInRepository implements PanacheRepositoryBase<CheckIn, UUID> {

    // patientId is constant in these queries; naming it lets H2, which reads indexes forwards only, walk the
    // descending index (and stop after one page) instead of sorting all of the patient's check-ins.
    private static final String NEWEST_FIRST = " order by patientId desc, recordedAt desc, id desc";

    /** Every check-in of the patient, oldest first, read-only, for the FHIR export. */
    public List<CheckIn> allForExport(UUID patientId) {
        return find("patientId = ?1 order by recordedAt, id", patientId)
                .withHint(AvailableHints.HINT_READ_ONLY, true).list();
    }

    /** Newest first; {@code from} and {@code to} are inclusive. */
    public List<CheckInRow> listForPatient(UUID patientId, Instant from, Instant to, CheckInContext context,
            Cursor after, int rows) {
        Filter filter = filter(patientId, from, to, context);
        if (after != null) {
            filter.where.append(" and (recordedAt < :at or (recordedAt = :at and id < :id))");
            filter.params.and("at", after.instantKey()).and("id", after.id());
        }
        return rows(filter).setMaxResults(rows).getResultList();
    }

    /**
     * The check-ins {@link #listForPatient} would page through, in the same order, as one forward-only cursor
     * over plain values: nothing piles up in the session however many rows there are, and the driver fetches
     * {@code fetchSize} rows at a time. Close it; it needs the caller's transaction.
     */
    public ScrollableResults<CheckInRow> scrollForPatient(UUID patientId, Instant from, Instant to,
            CheckInContext context, int fetchSize) {
        return rows(filter(patientId, from, to, context)).setFetchSize(fetchSize).scroll(ScrollMode.FORWARD_ONLY);
    }

    private SelectionQuery<CheckInRow> rows(Filter filter) {
        SelectionQuery<CheckInRow> query = getEntityManager().unwrap(Session.class).createSelectionQuery(
                "select new com.infusionoutcomes.checkin.CheckInRow(id, patientId, sessionId, context,"
                        + " recordedAt, pain, sleep, mobility, mood, note, createdAt, version, status) from CheckIn where "
                        + filter.where + NEWEST_FIRST,
                CheckInRow.class);
        filter.params.map().forEach(query::setParameter);
        return query.setReadOnly(true);
    }

    private record Filter(StringBuilder where, Parameters params) {
    }

    private static Filter filter(UUID patientId, Instant from, Instant to, CheckInContext context) {
        StringBuilder where = new StringBuilder("patientId = :patient");
        Parameters params = Parameters.with("patient", patientId);
        if (from != null) {
            where.append(" and recordedAt >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.append(" and recordedAt <= :to");
            params.and("to", to);
        }
        if (context != null) {
            where.append(" and context = :context");
            params.and("context", context);
        }
        return new Filter(where, params);
    }
}
