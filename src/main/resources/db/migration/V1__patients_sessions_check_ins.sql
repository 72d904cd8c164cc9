-- One schema for H2 (MODE=PostgreSQL) and PostgreSQL: only types and syntax both accept.

create table patient (
    id              uuid         not null primary key,
    external_id     varchar(64),
    display_name    varchar(200) not null,
    birth_year      integer,
    conditions      varchar(200) not null,
    timezone        varchar(64)  not null,
    enrolled_at     timestamp with time zone not null,
    created_at      timestamp with time zone not null,
    version         bigint       not null,
    constraint patient_external_id_unique unique (external_id)
);
create index patient_display_name_idx on patient (display_name, id);

create table infusion_session (
    id                        uuid        not null primary key,
    patient_id                uuid        not null references patient (id),
    status                    varchar(16) not null,
    scheduled_at              timestamp with time zone,
    started_at                timestamp with time zone,
    ended_at                  timestamp with time zone,
    weight_kg                 numeric(6, 2),
    dose_mg_per_kg            numeric(6, 3),
    total_dose_mg             numeric(8, 2),
    rate_mg_per_kg_per_hour   numeric(6, 3),
    notes                     varchar(4000),
    created_at                timestamp with time zone not null,
    version                   bigint      not null
);
create index infusion_session_patient_idx on infusion_session (patient_id, started_at);

create table session_vital (
    session_id  uuid    not null references infusion_session (id),
    list_index  integer not null,
    measured_at timestamp with time zone not null,
    systolic    integer,
    diastolic   integer,
    heart_rate  integer,
    spo2        integer,
    primary key (session_id, list_index)
);

create table session_side_effect (
    session_id uuid        not null references infusion_session (id),
    list_index integer     not null,
    type       varchar(32) not null,
    severity   varchar(16) not null,
    note       varchar(2000),
    primary key (session_id, list_index)
);

create table check_in (
    id          uuid        not null primary key,
    patient_id  uuid        not null references patient (id),
    session_id  uuid        references infusion_session (id),
    context     varchar(16) not null,
    recorded_at timestamp with time zone not null,
    pain        integer,
    sleep       integer,
    mobility    integer,
    mood        integer,
    note        varchar(2000),
    created_at  timestamp with time zone not null,
    version     bigint      not null
);
-- Every check-in read is per patient and by time: lists newest first (keyset pages), trends by window.
-- Descending, because H2 only reads an index forwards and the list is the hot path; PostgreSQL reads it
-- either way.
create index check_in_patient_recorded_idx on check_in (patient_id desc, recorded_at desc, id desc);
create index check_in_session_idx on check_in (session_id);
