-- What an audited access amounted to when its extent is known only after it ran: a streamed research export
-- records how many rows of each kind left the service. Null for every other access.
alter table audit_event add column detail varchar(200);
