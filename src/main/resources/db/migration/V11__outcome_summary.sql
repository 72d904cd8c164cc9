-- Each patient's figures per domain, kept by every write that changes them (in its transaction), so the panel
-- reads one row per patient instead of recomputing whole courses. Created empty: the application fills the rows
-- of every patient that has none at startup, and recomputes all of them when asked (docs/operations.md).
create table outcome_summary (
    patient_id                      uuid not null references patient (id),
    domain                          varchar(16) not null,
    computed_at                     timestamp with time zone not null,
    -- When the figures next change without a write: a check-in or session recorded up to 5 minutes ahead of the
    -- clock becomes part of the course at its time. Null when nothing lies ahead.
    refresh_at                      timestamp with time zone,
    completed_sessions              integer not null,
    last_check_in_at                timestamp with time zone,
    baseline                        numeric(6, 2),
    baseline_method                 varchar(32),
    baseline_n                      integer,
    latest                          numeric(6, 2),
    latest_at                       timestamp with time zone,
    current_value                   numeric(6, 2),
    current_n                       integer,
    absolute_change                 numeric(6, 2),
    improvement_percent             numeric(16, 1),
    category                        varchar(32) not null,
    slope_per_week                  numeric(40, 2),
    latest_session_id               uuid,
    last_durability_days            numeric(12, 1),
    last_durability_censored        boolean,
    booster_status                  varchar(32) not null,
    booster_due_on                  date,
    booster_expected_relief_days    numeric(12, 1),
    booster_based_on                varchar(64),
    booster_relief_held_days        numeric(12, 1),
    booster_covered                 boolean,
    -- The panel's orders as non-null keys, so each order is one index range and a cursor one row comparison.
    improvement_rank                integer not null,
    improvement_key                 numeric(16, 1) not null,
    category_rank                   integer not null,
    check_in_rank                   integer not null,
    check_in_key                    timestamp with time zone not null,
    booster_rank                    integer not null,
    booster_key                     date not null,
    primary key (patient_id, domain)
);

create index outcome_summary_improvement_idx on outcome_summary (domain, improvement_rank, improvement_key, patient_id);
create index outcome_summary_category_idx on outcome_summary
    (domain, category_rank, improvement_rank, improvement_key, patient_id);
create index outcome_summary_check_in_idx on outcome_summary (domain, check_in_rank, check_in_key, patient_id);
create index outcome_summary_booster_idx on outcome_summary (domain, booster_rank, booster_key, patient_id);
create index outcome_summary_refresh_idx on outcome_summary (refresh_at);
