package com.infusionoutcomes.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

import com.infusionoutcomes.access.Actor;
import com.infusionoutcomes.access.Caller;
import com.infusionoutcomes.access.Role;
import com.infusionoutcomes.alert.AlertRepository;
import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.patient.PatientRepository;
import com.infusionoutcomes.system.CsvExport;
import com.infusionoutcomes.system.Cursor;
import com.infusionoutcomes.system.Page;
import com.infusionoutcomes.system.ProblemException;
import com.infusionoutcomes.trend.CheckInRow;
import com.infusionoutcomes.trend.CompletedSession;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.Granularity;
import com.infusionoutcomes.trend.TrendInput;
import com.infusionoutcomes.trend.TrendQuery;
import com.infusionoutcomes.trend.TrendRepository;

/**
 * A clinician's caseload in one domain. Five reads whatever the caseload's size (its patients, all their
 * check-ins, all their completed and scheduled sessions, their unresolved alert counts), then one pass of the same computation the trend endpoint uses per
 * patient. Sorting by a computed figure needs every row, so the whole caseload is computed on each page: the
 * cost grows with the caseload's data, never with a query per patient.
 */
@ApplicationScoped
@Transactional
public class PanelService {

    private static final String RESOURCE = "Report";

    private final PatientRepository patients;
    private final TrendRepository trends;
    private final Caller caller;
    private final AuditLog audit;
    private final AlertRepository alerts;

    PanelService(PatientRepository patients, TrendRepository trends, Caller caller, AuditLog audit,
            AlertRepository alerts) {
        this.patients = patients;
        this.trends = trends;
        this.alerts = alerts;
        this.caller = caller;
        this.audit = audit;
    }

    public Page<PanelRow> panel(Domain domain, PanelSort sort, Cursor after, int limit) {
        requireClinician();
        PanelSort.Position start = after == null ? null : sort.after(domain, after);
        List<PanelRow> rows = rows(domain, sort).stream()
                .filter(row -> start == null || sort.position(row).compareTo(start) > 0)
                .limit(limit + 1L)
                .toList();
        Page<PanelRow> page = Page.of(rows, limit, row -> sort.cursor(domain, row), row -> row);
        audit.successShowing(AuditAction.LIST, RESOURCE, page.items(), PanelRow::patientId);
        return page;
    }

    /**
     * The whole panel in the same order, as CSV. The rows are computed before the first byte is sent (the order
     * needs all of them, as for a page), then written as they are formatted.
     */
    public StreamingOutput export(Domain domain, PanelSort sort) {
        requireClinician();
        List<PanelRow> rows = rows(domain, sort);
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

    /** Every patient of the caller's caseload, as of now, in the sort's order. */
    private List<PanelRow> rows(Domain domain, PanelSort sort) {
        Actor actor = caller.actor();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TrendQuery query = new TrendQuery(domain, null, now, now, Granularity.DAY);
        List<Patient> caseload = patients.caseload(actor.userId());
        Map<UUID, List<CheckInRow>> checkIns = trends.checkInsOfCaseload(actor.userId(), now);
        Map<UUID, List<CompletedSession>> sessions = trends.completedSessionsOfCaseload(actor.userId(), now);
        Map<UUID, List<Instant>> scheduled = trends.scheduledStartsOfCaseload(actor.userId());
        Map<UUID, Integer> openAlerts = alerts.unresolvedCountsOfCaseload(actor.userId());
        return caseload.stream()
                .map(patient -> row(patient, new TrendInput(TrendRepository.subject(patient),
                        checkIns.getOrDefault(patient.id, List.of()),
                        sessions.getOrDefault(patient.id, List.of()), scheduled.getOrDefault(patient.id, List.of())),
                        query, openAlerts.getOrDefault(patient.id, 0)))
                .sorted(Comparator.comparing(sort::position))
                .toList();
    }

    private static PanelRow row(Patient patient, TrendInput input, TrendQuery query, int openAlerts) {
        return PanelRow.of(patient, input.trend(query), input.lastCheckInAt(), openAlerts);
    }
}
