-- Issue 18 (a confidence per value): sources now carry a confidence — datasheet, measured, derived or estimated — that the API
-- returns per field (fieldConfidence). Unstated, it follows the source's kind (vendor pages, price lists, papers and reviews quoting
-- the vendor: datasheet; measured: measured; derived: derived). Marked here as estimated: the values no one published that earlier
-- migrations worked out from a related part or a ratio, each saying so in its own source note —
--   nvidia-gb200 v31-l2 and nvidia-gb300 v32-l2: the B200's L2 used for GB200/GB300 ("An assumption, not a reading", V31/V32);
--   the RTX 5060 Ti 16GB, 5070, 5070 Ti and 5080 tensor peaks: the card's "AI TOPS" (FP4, sparse) divided by the RTX 5090
--   whitepaper's ratios ("NOT read from a table ... derived", V38).
with marks(collection, slug, source) as (values
    ('accelerators', 'nvidia-gb200', 'v31-l2'),
    ('accelerators', 'nvidia-gb300', 'v32-l2'),
    ('accelerators', 'nvidia-rtx-5060-ti-16gb', 'tensor'),
    ('accelerators', 'nvidia-rtx-5070', 'tensor'),
    ('accelerators', 'nvidia-rtx-5070-ti', 'tensor'),
    ('accelerators', 'nvidia-rtx-5080', 'tensor')
), updated as (
    update entry e
    set doc = jsonb_set(e.doc, '{sources}', (
            select jsonb_agg(case when s->>'id' = m.source then s || jsonb_build_object('confidence', 'estimated') else s end order by i)
            from jsonb_array_elements(e.doc->'sources') with ordinality as t(s, i))),
        version = e.version + 1,
        updated_at = now()
    from marks m
    where e.collection = m.collection and e.slug = m.slug
      and exists (select 1 from jsonb_array_elements(e.doc->'sources') s where s->>'id' = m.source)
    returning e.collection, e.slug, e.version, e.doc
)
insert into revision (collection, slug, version, operation, doc, actor)
select collection, slug, version, 'seed', doc, 'flyway' from updated;

-- One way to seed documents from here on: each element of a JSON array becomes an entry at version 0 with its 'seed' revision.
create function seed_documents(seed_collection text, documents jsonb) returns void language sql as $body$
    with inserted as (
        insert into entry (collection, slug, version, doc)
        select seed_collection, d->>'id', 0, d from jsonb_array_elements(documents) d
        returning collection, slug, version, doc
    )
    insert into revision (collection, slug, version, operation, doc, actor)
    select collection, slug, version, 'seed', doc, 'flyway' from inserted;
$body$;
