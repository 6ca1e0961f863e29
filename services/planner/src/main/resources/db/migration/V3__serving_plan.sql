-- Saved serving searches (issue 16): the request, the catalog and calibration facts used, and the answer; owned and
-- expiring like plans.
create table serving_plan (
    id          uuid primary key,
    created_at  timestamptz not null default now(),
    deleted_at  timestamptz,
    owner       text,
    expires_at  timestamptz,
    model       text not null,
    accelerator text not null,
    devices     integer,
    request     jsonb not null,
    facts       jsonb not null,
    result      jsonb not null
);
create index serving_plan_created on serving_plan (created_at desc) where deleted_at is null;
create index serving_plan_owner_created on serving_plan (owner, created_at desc) where deleted_at is null and owner is not null;
create index serving_plan_expiring on serving_plan (expires_at) where owner is null and expires_at is not null;
