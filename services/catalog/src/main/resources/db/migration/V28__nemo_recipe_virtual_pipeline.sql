-- Issue 17 (and the planner's training plans): NVIDIA's NeMo Llama 3.1 recipes on H100 and GB200 (ledger fp8-01 … fp8-12,
-- V14) become validation cases of the planner's step model now that it expresses context parallelism. Their notes already
-- quote each recipe row's interleaved pipeline size ("VP=5", "VP=7", "VP=8"; "VP=n/a" for the 8-GPU row, which has no
-- pipeline); it becomes an input, virtualPipeline, from the same source as the row's other dimensions.
with facts(slug, virtual_pipeline) as (values
    ('fp8-01', 1), ('fp8-02', 1), ('fp8-03', 5), ('fp8-04', 5), ('fp8-05', 5), ('fp8-06', 5), ('fp8-07', 7), ('fp8-08', 7),
    ('fp8-09', 8), ('fp8-10', 8), ('fp8-11', 8), ('fp8-12', 8)
), updated as (
    update entry e
    set doc = jsonb_set(jsonb_set(jsonb_set(e.doc, '{inputs,virtualPipeline}', to_jsonb(f.virtual_pipeline)),
                                  '{fieldSources}', coalesce(e.doc->'fieldSources', '{}'::jsonb) || '{"inputs": "publication"}'::jsonb),
                        '{notes}', to_jsonb(coalesce(e.doc->>'notes', '') || ' inputs.virtualPipeline (since catalog V28): the recipe row''s VP '
                            || case when f.virtual_pipeline = 1 then '(n/a: no pipeline), written 1' else '= ' || f.virtual_pipeline end
                            || ', as quoted above.')),
        version = e.version + 1,
        updated_at = now()
    from facts f
    where e.collection = 'measurements' and e.slug = f.slug
    returning e.collection, e.slug, e.version, e.doc
)
insert into revision (collection, slug, version, operation, doc, actor)
select collection, slug, version, 'seed', doc, 'flyway' from updated;
