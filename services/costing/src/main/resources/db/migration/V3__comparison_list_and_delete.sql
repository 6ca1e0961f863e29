-- Saved comparisons are listed and deleted like every other saved result (common SavedResults): deletes are soft, and
-- the list shows the workload, how many accelerators were compared and the fastest, without reading the result JSON.
alter table comparison
    add column deleted_at timestamptz,
    add column workload text not null default '',
    add column fastest_accelerator text,
    add column accelerators integer not null default 0;

update comparison set
    workload = coalesce(result #>> '{entries,0,estimate,workload}', ''),
    fastest_accelerator = result #>> '{byTime,0}',
    accelerators = jsonb_array_length(coalesce(result -> 'entries', '[]'::jsonb));

create index comparison_created on comparison (created_at desc) where deleted_at is null;
