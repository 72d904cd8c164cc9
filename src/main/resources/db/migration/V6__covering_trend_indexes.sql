-- A trend reads a patient's whole course (a year is about 360 check-ins and 15 infusions), and the panel reads
-- the courses of a caseload. Through the old indexes every row found was then fetched from the table by its key,
-- and the rows of one patient are spread over the whole table (everyone's check-ins arrive interleaved): on H2,
-- 846 page reads for one patient's year against 34 when the index holds every column a trend reads
-- (bench/README.md, "Trends and panels"). The list endpoint keeps using the check-in index for its order; it
-- needs the note and versions too, so it still fetches its 50 rows.
-- On PostgreSQL the same index serves index-only scans once the visibility map is set. Both indexes are rebuilt
-- here in one transaction, which blocks writes to the two tables while it runs (seconds per million rows).
drop index check_in_patient_recorded_idx;
create index check_in_patient_recorded_idx on check_in
    (patient_id desc, recorded_at desc, id desc, status, context, session_id, pain, sleep, mobility, mood);
drop index infusion_session_patient_idx;
create index infusion_session_patient_idx on infusion_session (patient_id, started_at, id, status, ended_at);
