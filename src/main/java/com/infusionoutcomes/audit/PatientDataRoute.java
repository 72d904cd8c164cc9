package com.infusionoutcomes.audit;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which patient data a request path addresses, for auditing attempts that failed before (or instead of) the
 * service recording them.
 */
record PatientDataRoute(AuditAction action, String resourceType, String resourceId, UUID patientId) {

    private static final String PATIENTS = "/api/v1/patients";
    private static final Map<String, String> CHILDREN = Map.ofEntries(
            Map.entry("sessions", "InfusionSession"),
            Map.entry("check-ins", "CheckIn"),
            Map.entry("check-ins.csv", "CheckIn"),
            Map.entry("check-ins:batch", "CheckInBatch"),
            Map.entry("care-team", "CareTeam"),
            Map.entry("enrollment-code", "EnrollmentCode"),
            Map.entry("trends", "Trend"),
            Map.entry("questionnaire-responses", "QuestionnaireResponse"),
            Map.entry("alerts", "Alert"),
            Map.entry("report", "Report"),
            Map.entry("fhir", "FhirExport"));
    /** Children that are one document, not a collection: a GET of them reads one thing. */
    private static final Set<String> SINGLE_DOCUMENTS = Set.of("report");
    /** Children whose every GET is an export of the patient's record, whatever the Accept. */
    private static final Set<String> EXPORTS = Set.of("fhir", "check-ins.csv");

    /** Null for paths that carry no patient data (accounts, tokens, health). */
    static PatientDataRoute of(String method, String path, String accept) {
        if (path.startsWith("/api/v1/reports")) {
            boolean file = "GET".equals(method) && path.endsWith(".csv");
            return new PatientDataRoute(file || exporting(method, accept) ? AuditAction.EXPORT : AuditAction.LIST,
                    "Report", null, null);
        }
        if (path.startsWith("/api/v1/alerts")) {
            String[] parts = path.split("/");
            // "", api, v1, alerts, alertId, acknowledge|resolve
            String id = parts.length > 4 ? parts[4] : null;
            return new PatientDataRoute(action(method, id != null), "Alert", printable(id, 64), null);
        }
        if (!path.equals(PATIENTS) && !path.startsWith(PATIENTS + "/")) {
            return null;
        }
        String[] parts = path.substring(PATIENTS.length()).split("/");
        // parts: "", patientId, child, childId, ...
        String patient = parts.length > 1 ? parts[1] : null;
        String child = parts.length > 2 ? parts[2] : null;
        String childId = parts.length > 3 ? parts[3] : null;
        String type = child == null ? "Patient" : CHILDREN.getOrDefault(child, printable(child, 32));
        String id = child == null ? patient : childId;
        boolean export = "GET".equals(method) && child != null && EXPORTS.contains(child);
        AuditAction action = id == null && (export || exporting(method, accept)) ? AuditAction.EXPORT
                : action(method, id != null || (child != null && SINGLE_DOCUMENTS.contains(child)));
        return new PatientDataRoute(action, type, printable(id, 64), uuid(patient));
    }

    /**
     * A list asked for as a CSV file (its {@code .csv} path is an export whatever the Accept): the attempt is
     * recorded as the export it would have been. Only a request that names text/csv and no JSON type can have
     * been routed to an export.
     */
    private static boolean exporting(String method, String accept) {
        return "GET".equals(method) && accept != null && accept.contains("text/csv") && !accept.contains("json");
    }

    private static AuditAction action(String method, boolean addressesOne) {
        return switch (method) {
            case "POST" -> AuditAction.CREATE;
            case "PATCH", "PUT" -> AuditAction.UPDATE;
            case "DELETE" -> AuditAction.DELETE;
            default -> addressesOne ? AuditAction.READ : AuditAction.LIST;
        };
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A path segment as the audit trail can store it, whatever a client put there: visible ASCII only (a NUL
     * cannot be stored in PostgreSQL text), at most as long as its column.
     */
    private static String printable(String segment, int max) {
        if (segment == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder(Math.min(segment.length(), max));
        for (int i = 0; i < segment.length() && safe.length() < max; i++) {
            char c = segment.charAt(i);
            safe.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        return safe.toString();
    }
}
