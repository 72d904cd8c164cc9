package com.infusionoutcomes.trend;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.paging.QueryParameters;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.patient.PatientService;

/**
 * Serves the trends of one patient. The work is three reads (check-ins and completed sessions up to
 * {@code to}, scheduled sessions) and one pass of the pure computation, so the cost follows the patient's own data, whatever the
 * size of the clinic.
 */
@ApplicationScoped
@Transactional
public class TrendService {

    private static final String RESOURCE = "Trend";

    private final PatientService patients;
    private final TrendRepository repository;
    private final AuditLog audit;

    TrendService(PatientService patients, TrendRepository repository, AuditLog audit) {
        this.patients = patients;
        this.repository = repository;
        this.audit = audit;
    }

    /** @param to null for now */
    public Trend trend(UUID patientId, Domain domain, Instant from, Instant to, Granularity granularity) {
        TrendQuery query = query(domain, from, to, granularity);
        Patient patient = patients.requireForCare(patientId);
        // One domain's score of each check-in is all this trend reads; it computes through TrendInput all the same.
        TrendInput input = new TrendInput(TrendRepository.subject(patient),
                repository.checkIns(patient.id, query.to(), domain),
                repository.completedSessions(patient.id, query.to()), repository.scheduledStarts(patient.id));
        Trend trend = input.trend(query);
        audit.success(AuditAction.READ, RESOURCE, domain.path(), patientId);
        return trend;
    }

    /** The trend of an instrument's total score: the same computation over its responses instead of check-ins. */
    public Trend instrumentTrend(UUID patientId, InstrumentScore score, Instant from, Instant to,
            Granularity granularity) {
        TrendQuery query = query(score, from, to, granularity);
        Patient patient = patients.requireForCare(patientId);
        Trend trend = Trends.compute(TrendRepository.subject(patient), query,
                repository.instrumentScores(patient.id, score, query.to()),
                repository.completedSessions(patient.id, query.to()), repository.scheduledStarts(patient.id));
        audit.success(AuditAction.READ, RESOURCE, score.path(), patientId);
        return trend;
    }

    /** All four domains from the same two reads; {@code series} only when asked, as it is most of the bytes. */
    public TrendOverview overview(UUID patientId, Instant from, Instant to, Granularity granularity,
            boolean includeSeries) {
        TrendQuery pain = query(Domain.PAIN, from, to, granularity);
        List<Trend> trends = allDomains(patients.requireForCare(patientId), pain).stream()
                .map(trend -> includeSeries ? trend : trend.withoutSeries())
                .toList();
        audit.success(AuditAction.LIST, RESOURCE, null, patientId);
        return new TrendOverview(patientId, trends);
    }

    /**
     * The whole course of a patient the caller was already allowed to see, all four domains with their daily
     * series, as of now: the same reads and computation as {@link #overview}, for a caller that audits its own
     * read (the clinician report shows these figures, it does not compute its own).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Trend> course(Patient patient) {
        return allDomains(patient, query(Domain.PAIN, null, null, Granularity.DAY));
    }

    /**
     * The trends of every instrument with a total score (PEG, PHQ-9, GAD-7) of a patient the caller was already
     * allowed to see, as of now, with their daily series: what {@link #instrumentTrend} gives each, for a caller
     * that audits its own read.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Trend> instrumentCourse(Patient patient) {
        TrendQuery first = query(InstrumentScore.PEG, null, null, Granularity.DAY);
        List<CompletedSession> sessions = repository.completedSessions(patient.id, first.to());
        List<Instant> scheduled = repository.scheduledStarts(patient.id);
        return Arrays.stream(InstrumentScore.values())
                .map(score -> Trends.compute(TrendRepository.subject(patient),
                        new TrendQuery(score, null, first.to(), first.now(), Granularity.DAY),
                        repository.instrumentScores(patient.id, score, first.to()), sessions, scheduled))
                .toList();
    }

    private List<Trend> allDomains(Patient patient, TrendQuery first) {
        TrendInput input = load(patient, first.to());
        return Arrays.stream(Domain.values())
                .map(domain -> input.trend(new TrendQuery(domain, first.from(), first.to(), first.now(),
                        first.granularity())))
                .toList();
    }

    private TrendInput load(Patient patient, Instant to) {
        return new TrendInput(TrendRepository.subject(patient), repository.checkIns(patient.id, to),
                repository.completedSessions(patient.id, to), repository.scheduledStarts(patient.id));
    }

    /**
     * {@code to} defaults to now, in microseconds as the databases store instants, so an echoed {@code to} reads
     * like every other time; {@code from} after it is a well-formed but impossible window (422).
     */
    private static TrendQuery query(Measure domain, Instant from, Instant to, Granularity granularity) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant end = to == null ? now : to;
        QueryParameters.requireOrdered(from, end);
        return new TrendQuery(domain, from, end, now, granularity);
    }
}
