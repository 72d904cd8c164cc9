-- Issue 7: corrections are versions, offline batches, idempotency keys.

-- Versions count from 1 in the API (the first version is version 1); rows written so far started at 0.
update check_in set version = version + 1;
update infusion_session set version = version + 1;

-- A check-in's status (final, amended, entered-in-error) and who wrote its current version, and when. The
-- versions it replaced live in check_in_version, so recording a check-in stays one row.
alter table check_in add column status varchar(16) default 'final' not null;
alter table check_in add column changed_at timestamp with time zone;
alter table check_in add column changed_by uuid;
alter table check_in add column changed_by_role varchar(16);
update check_in set changed_at = created_at;
-- Who recorded the check-ins written before this migration is in the audit trail (first successful CREATE).
-- The index makes that one lookup per check-in instead of a scan of the trail; it is not needed afterwards.
create index audit_event_backfill_idx on audit_event (resource_id, resource_type, action, at);
update check_in set
    changed_by = (select a.actor_id from audit_event a where a.resource_id = cast(check_in.id as varchar(64))
        and a.resource_type = 'CheckIn' and a.action = 'CREATE' and a.outcome = 'SUCCESS'
        order by a.at, a.id limit 1),
    changed_by_role = (select a.actor_role from audit_event a where a.resource_id = cast(check_in.id as varchar(64))
        and a.resource_type = 'CheckIn' and a.action = 'CREATE' and a.outcome = 'SUCCESS'
        order by a.at, a.id limit 1);
drop index audit_event_backfill_idx;
alter table check_in alter column changed_at set not null;

-- Every superseded version of a check-in, exactly as it was, with who wrote it and when. Never updated.
create table check_in_version (
    check_in_id     uuid        not null references check_in (id),
    version         bigint      not null,
    status          varchar(16) not null,
    context         varchar(16) not null,
    session_id      uuid,
    recorded_at     timestamp with time zone not null,
    pain            integer,
    sleep           integer,
    mobility        integer,
    mood            integer,
    note            varchar(2000),
    changed_at      timestamp with time zone not null,
    changed_by      uuid,
    changed_by_role varchar(16),
    primary key (check_in_id, version)
);

-- Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): one row per caller and key, shared by every
-- instance. The primary key decides which of two racing requests runs; the other sees the row. status and
-- body are null while the first request is still running.
create table idempotency_key (
    caller          varchar(64)  not null,
    idempotency_key varchar(255) not null,
    fingerprint     varchar(64)  not null,
    status          integer,
    content_type    varchar(100),
    location        varchar(500),
    etag            varchar(100),
    body            text,
    created_at      timestamp with time zone not null,
    locked_until    timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    primary key (caller, idempotency_key)
);
create index idempotency_key_expires_idx on idempotency_key (expires_at);
