-- Saved plans: the request, the catalog facts used (so reading a plan back gives the same answer) and the result.
create table plan (
    id          uuid primary key,
    created_at  timestamptz not null default now(),
    deleted_at  timestamptz,
    model       text not null,
    accelerator text not null,
    devices     integer not null,
    request     jsonb not null,
    facts       jsonb not null,
    result      jsonb not null
);
create index plan_created on plan (created_at desc) where deleted_at is null;
