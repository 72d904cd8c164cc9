package com.infusionoutcomes.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * What a refused request must not change: the number of rows of every table, and the content of every row that
 * belongs to one patient (the patient, every row with its patient_id, the rows of its sessions). Cheap enough to
 * take after every request. New tables are covered as they appear. The audit trail is left out: it records
 * refused attempts by design.
 */
final class DatabaseSnapshot {

    private static final Set<String> LEFT_OUT = Set.of("audit_event", "audit_event_patient", "flyway_schema_history");

    private final DataSource dataSource;
    private Map<String, List<String>> tables;

    DatabaseSnapshot(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    record State(Map<String, String> facts) {

        /** The first fact that differs, or null. */
        String differenceFrom(State later) {
            for (Map.Entry<String, String> fact : facts.entrySet()) {
                if (!Objects.equals(fact.getValue(), later.facts().get(fact.getKey()))) {
                    return fact.getKey() + ": " + fact.getValue() + " -> " + later.facts().get(fact.getKey());
                }
            }
            return later.facts().keySet().equals(facts.keySet()) ? null : "the tables changed";
        }
    }

    State take(UUID patientId) {
        try (Connection c = dataSource.getConnection()) {
            if (tables == null) {
                tables = tables(c.getMetaData());
            }
            Map<String, String> facts = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> table : tables.entrySet()) {
                String name = table.getKey();
                List<String> columns = table.getValue();
                facts.put(name + " rows", digest(c, "select count(*) from " + name, null));
                if (name.equals("patient")) {
                    facts.put("the patient", digest(c, "select * from patient where id = ?", patientId));
                }
                if (columns.contains("patient_id")) {
                    facts.put(name + " of the patient",
                            digest(c, "select * from " + name + " where patient_id = ?", patientId));
                }
                if (columns.contains("session_id") && tables.containsKey("infusion_session")
                        && !columns.contains("patient_id")) {
                    facts.put(name + " of the patient's sessions", digest(c, "select * from " + name
                            + " where session_id in (select id from infusion_session where patient_id = ?)", patientId));
                }
            }
            return new State(facts);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<String>> tables(DatabaseMetaData meta) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[] { "TABLE" })) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String name = rs.getString("TABLE_NAME").toLowerCase();
                if ("public".equalsIgnoreCase(schema) && !LEFT_OUT.contains(name)) {
                    tables.put(name, new ArrayList<>());
                }
            }
        }
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            try (ResultSet rs = meta.getColumns(null, null, table.getKey(), "%")) {
                while (rs.next()) {
                    if ("public".equalsIgnoreCase(rs.getString("TABLE_SCHEM"))) {
                        table.getValue().add(rs.getString("COLUMN_NAME").toLowerCase());
                    }
                }
            }
        }
        return tables;
    }

    /** A short hash of every row the query answers, in any order. */
    private static String digest(Connection c, String sql, UUID parameter) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(rs.getString(i)).append('\u0001');
                    }
                    rows.add(row.toString());
                }
            }
            if (rows.size() == 1 && sql.startsWith("select count")) {
                return rows.get(0);
            }
            rows.sort(null);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            rows.forEach(r -> sha.update(r.getBytes(StandardCharsets.UTF_8)));
            return rows.size() + " rows " + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
