-- Calibration profiles (issue 19): a user's own measurements and the constants fitted to them, saved like comparisons
-- (request and answer as JSON, soft delete) but always owned: creating one needs an API key, so a profile is never
-- purged and only its owner lists or deletes it. The summary columns are what the list shows.
create table calibration_profile (
    id              uuid primary key,
    created_at      timestamptz not null,
    deleted_at      timestamptz,
    owner           text,
    expires_at      timestamptz,
    name            text not null,
    accelerator_ids text not null,
    measurements    integer not null,
    request         jsonb not null,
    result          jsonb not null
);

create index calibration_profile_owner_created on calibration_profile (owner, created_at desc) where deleted_at is null and owner is not null;
create index calibration_profile_expiring on calibration_profile (expires_at) where owner is null and expires_at is not null;
