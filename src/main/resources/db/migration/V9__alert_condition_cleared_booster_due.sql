-- An open alert whose condition no longer holds stays open for a clinician to close, but says since when.
alter table alert add column condition_cleared_at timestamp with time zone;

-- BOOSTER_DUE is raised once per latest infusion: the check looks for an alert of the rule naming that session.
create index alert_patient_rule_source_idx on alert (patient_id, rule, source_id);

insert into scheduled_job (name, leased_until) values ('booster-due', timestamp with time zone '1970-01-01 00:00:00+00');
