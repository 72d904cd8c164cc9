-- Which patients each audit event concerns: one row per patient, for the event of one patient's record as for a
-- list, panel or export that showed many. "Who saw this patient's data" walks the primary key (patient, time)
-- and stops after a page, whatever the number of events of other patients.
create table audit_event_patient (
    patient_id uuid not null,
    at         timestamp with time zone not null,
    event_id   uuid not null references audit_event (id),
    primary key (patient_id, at, event_id)
);
create index audit_event_patient_event_idx on audit_event_patient (event_id);
insert into audit_event_patient (patient_id, at, event_id)
    select patient_id, at, id from audit_event where patient_id is not null;

-- The key that seals paging cursors (AES-GCM), shared by every instance through the database: a cursor issued by
-- one instance pages on another. One row, made by the first instance that starts.
create table cursor_key (
    id         integer     not null primary key,
    secret     varchar(64) not null,
    created_at timestamp with time zone not null,
    constraint cursor_key_single check (id = 1)
);
