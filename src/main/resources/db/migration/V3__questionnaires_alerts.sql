-- Issue 5: validated instruments (SPEC section 4) and safety alerts.
create table questionnaire_response (
    id              uuid          not null primary key,
    patient_id      uuid          not null references patient (id),
    session_id      uuid          references infusion_session (id),
    instrument      varchar(8)    not null,
    context         varchar(16),
    answers         varchar(64)   not null,
    score           numeric(5, 2) not null,
    band            varchar(24),
    positive_screen boolean,
    recorded_at     timestamp with time zone not null,
    created_at      timestamp with time zone not null,
    version         bigint        not null
);
create index questionnaire_response_patient_idx on questionnaire_response (patient_id desc, recorded_at desc, id desc);

create table alert (
    id                uuid         not null primary key,
    patient_id        uuid         not null references patient (id),
    rule              varchar(32)  not null,
    severity          varchar(16)  not null,
    severity_rank     integer      not null,
    status            varchar(16)  not null,
    -- patient_id:rule while not resolved, null once resolved: at most one unresolved alert per patient and
    -- rule. A unique constraint allows many nulls on both H2 and PostgreSQL; a partial index would not port.
    open_key          varchar(80),
    detail            varchar(500) not null,
    source_type       varchar(32)  not null,
    source_id         uuid         not null,
    raised_at         timestamp with time zone not null,
    last_triggered_at timestamp with time zone not null,
    trigger_count     integer      not null,
    acknowledged_at   timestamp with time zone,
    acknowledged_by   uuid         references app_user (id),
    resolved_at       timestamp with time zone,
    resolved_by       uuid         references app_user (id),
    resolution_note   varchar(2000),
    version           bigint       not null,
    constraint alert_open_key_unique unique (open_key),
    constraint alert_open_key_status check ((open_key is null) = (status = 'RESOLVED'))
);
create index alert_patient_idx on alert (patient_id, severity_rank, raised_at);
