-- Scheduled jobs run on every instance; a lease row decides which instance does the work of one period.
-- Taking it is a single conditional UPDATE, atomic on H2 and PostgreSQL alike, so no lock manager is needed.
create table scheduled_job (
    name            varchar(64)  primary key,
    leased_until    timestamp with time zone not null,
    leased_by       varchar(128),
    last_started_at timestamp with time zone
);

insert into scheduled_job (name, leased_until) values ('missed-check-ins', timestamp with time zone '1970-01-01 00:00:00+00');

-- The job asks, per patient, for the latest check-in and for completed infusions in the last 90 days.
create index infusion_session_status_ended_idx on infusion_session (status, ended_at);
