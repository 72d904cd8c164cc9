-- Ending access: accounts can be switched off, every login is a token family that can be revoked as a whole
-- (its access tokens name it), and passwords can be reset with a one-time code kept as its hash.
alter table app_user add column active boolean default true not null;

create table token_family (
    id          uuid not null primary key,
    user_id     uuid not null references app_user (id),
    created_at  timestamp with time zone not null,
    -- absolute end of the login, however often it is refreshed
    expires_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone
);
create index token_family_user_idx on token_family (user_id, revoked_at);

insert into token_family (id, user_id, created_at, expires_at, revoked_at)
select family_id, user_id, min(created_at), max(expires_at), max(revoked_at)
from refresh_token
group by family_id, user_id;

alter table refresh_token add constraint refresh_token_family_fk foreign key (family_id) references token_family (id);

create table password_reset_code (
    code_hash   varchar(64) not null primary key,
    user_id     uuid        not null references app_user (id),
    created_by  uuid        not null references app_user (id),
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);
create index password_reset_code_user_idx on password_reset_code (user_id);
