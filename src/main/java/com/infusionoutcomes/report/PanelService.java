package com.infusionoutcomes.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.caller.Actor;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.csv.CsvExport;
import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.summary.OutcomeSummaries;
import com.infusionoutcomes.trend.Domain;

/**
 * A clinician's caseload in one domain, read from the patients' stored outcome summaries (kept equal to the trend
 * endpoint's figures by every write, see {@link OutcomeSummaries}): one keyset-paged query over the caseload's
 * summaries in the sort's index order, so a page costs the same whatever the length of the patients' histories.
 */
@ApplicationScoped
@Transactional
public class PanelService {

    private static final String RESOURCE = "Report";
    // Open alerts are counted for the rows read only: the panel shows them but does not order by them. The row's
    // columns only, not the summary entity: a page is read, never changed, and 51 managed entities (every column,
    // a snapshot each, a dirty check at commit) cost more app CPU than the query. The name is a per-row lookup
    // rather than a third joined table: PostgreSQL plans this query on every page (the plan depends on the
    // caseload's size), and searching the join orders of three tables took it longer than running the query.
    private static final String ROWS = "select s.patientId,"
            + " (select p.displayName from Patient p where p.id = s.patientId),"
            + " s.completedSessions, s.lastCheckInAt, s.baseline, s.current, s.improvementPercent, s.category,"
            + " s.lastDurabilityDays,"
            + " (select count(a) from Alert a where a.patientId = s.patientId and a.openKey is not null),"
            + " s.boosterStatus, s.boosterDueOn, s.boosterCovered"
            + " from CareTeamMember m join OutcomeSummary s on s.patientId = m.patientId"
            + " where m.userId = :clinician and s.domain = :domain";

    private final EntityManager em;
    private final OutcomeSummaries summaries;
    private final Caller caller;
    private final AuditLog audit;

    PanelService(EntityManager em, OutcomeSummaries summaries, Caller caller, AuditLog audit) {
        this.em = em;
        this.summaries = summaries;
        this.caller = caller;
        this.audit = audit;
    }

    public Page<PanelRow> panel(Domain domain, PanelSort sort, Cursor after, int limit) {
        requireClinician();
        PanelSort.Position start = after == null ? null : sort.after(domain, after);
        List<PanelRow> rows = rows(domain, sort, start, limit + 1);
        Page<PanelRow> page = Page.of(rows, limit, row -> sort.cursor(domain, row), row -> row);
        audit.successShowing(AuditAction.LIST, RESOURCE, page.items(), PanelRow::patientId);
        return page;
    }

    /** The whole panel in the same order, as CSV, read before the first byte is sent. */
    public StreamingOutput export(Domain domain, PanelSort sort) {
        requireClinician();
        List<PanelRow> rows = rows(domain, sort, null, null);
        audit.successShowing(AuditAction.EXPORT, RESOURCE, rows, PanelRow::patientId);
        return CsvExport.of(PanelRow.COLUMNS, csv -> {
            for (PanelRow row : rows) {
                row.writeTo(csv, domain);
            }
        });
    }

    private void requireClinician() {
        if (!caller.actor().is(Role.CLINICIAN)) {
            throw ProblemException.forbidden("Only clinicians have a panel");
        }
    }

    /** The caseload's rows as of now in the sort's order, after {@code start}, at most {@code max}. */
    private List<PanelRow> rows(Domain domain, PanelSort sort, PanelSort.Position start, Integer max) {
        Actor actor = caller.actor();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        summaries.refreshDue(actor.userId(), now);
        String keyset = "";
        Object[] key = null;
        if (start != null) {
            key = sort.key(start);
            StringBuilder params = new StringBuilder();
            for (int i = 0; i < key.length; i++) {
                params.append(i == 0 ? "" : ", ").append(":k").append(i);
            }
            keyset = " and (" + sort.columns() + ") > (" + params + ")";
        }
        TypedQuery<Object[]> query = em.createQuery(ROWS + keyset + " order by " + sort.columns(), Object[].class)
                .setParameter("clinician", actor.userId()).setParameter("domain", domain);
        if (key != null) {
            for (int i = 0; i < key.length; i++) {
                query.setParameter("k" + i, key[i]);
            }
        }
        if (max != null) {
            query.setMaxResults(max);
        }
        return query.getResultList().stream()
                .map(PanelRow::of)
                .toList();
    }
}
