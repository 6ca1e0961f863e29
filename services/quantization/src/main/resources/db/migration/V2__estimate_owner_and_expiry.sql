-- Saved results have an owner and a lifetime (issue 13): a estimate saved with an API key belongs to that key's name, is
-- listed and deleted only by it and counts against its quota; one computed without a key is kept until expires_at
-- (readable by id, so its Location works) and then purged. Rows saved before owners existed keep no owner and no
-- expiry: readable by id as before, never purged.
alter table estimate
    add column owner text,
    add column expires_at timestamptz;

create index estimate_owner_created on estimate (owner, created_at desc) where deleted_at is null and owner is not null;
create index estimate_expiring on estimate (expires_at) where owner is null and expires_at is not null;
