-- Saved estimates: the request and the answer, soft-deleted so a delete can be undone by support.
create table estimate (
    id          uuid primary key,
    created_at  timestamptz not null default now(),
    deleted_at  timestamptz,
    model       text not null,
    weight_format text not null,
    request     jsonb not null,
    result      jsonb not null
);
create index estimate_created on estimate (created_at desc) where deleted_at is null;
