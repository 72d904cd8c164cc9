-- Who may see what (issue: protect patient data). Passwords, refresh tokens and enrollment codes are stored
-- only as hashes: a copy of the database does not let anyone log in.
create table app_user (
    id            uuid         not null primary key,
    username      varchar(64)  not null,
    password_hash varchar(100) not null,
    role          varchar(16)  not null,
    display_name  varchar(200) not null,
    patient_id    uuid         references patient (id),
    created_at    timestamp with time zone not null,
    constraint app_user_username_unique unique (username),
    -- a patient has at most one login, and only PATIENT accounts link to a patient
    constraint app_user_patient_unique unique (patient_id),
    constraint app_user_patient_role check ((role = 'PATIENT') = (patient_id is not null))
);

create table care_team_member (
    patient_id uuid not null references patient (id),
    user_id    uuid not null references app_user (id),
    added_at   timestamp with time zone not null,
    primary key (patient_id, user_id)
);
-- "my patients": the clinician side of the membership
create index care_team_member_user_idx on care_team_member (user_id, patient_id);

create table refresh_token (
    token_hash  varchar(64) not null primary key,
    family_id   uuid        not null,
    user_id     uuid        not null references app_user (id),
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone,
    revoked_at  timestamp with time zone,
    created_at  timestamp with time zone not null
);
create index refresh_token_family_idx on refresh_token (family_id);

create table enrollment_code (
    code_hash   varchar(64) not null primary key,
    patient_id  uuid        not null references patient (id),
    created_by  uuid        not null references app_user (id),
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone,
    created_at  timestamp with time zone not null
);

-- Append-only: the application only ever inserts here.
create table audit_event (
    id            uuid         not null primary key,
    at            timestamp with time zone not null,
    actor_id      uuid,
    actor_role    varchar(16),
    action        varchar(32)  not null,
    resource_type varchar(32)  not null,
    resource_id   varchar(64),
    patient_id    uuid,
    outcome       varchar(16)  not null,
    request_id    varchar(64),
    source_ip     varchar(64)
);
create index audit_event_at_idx on audit_event (at, id);
create index audit_event_patient_idx on audit_event (patient_id, at);
create index audit_event_actor_idx on audit_event (actor_id, at);
