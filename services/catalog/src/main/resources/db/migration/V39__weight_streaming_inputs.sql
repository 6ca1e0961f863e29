-- Issue 15 (weight streaming): the ZeRO-Inference runs of V38 whose setup is stated in full (FlexGen's DeepSpeed rows on a T4, the
-- 2022 post's V100 rows with their GPU/CPU parameter split) gain structured inputs, so costing validates the weight-streaming model
-- on them (category weight-streaming).
with facts(slug, inputs) as (values
    ('ioff-02', $i$ {"modelId": "opt-30b", "weightFormat": "fp16", "streamedParameters": "all", "includesPrefill": true}$i$::jsonb),
    ('ioff-03', $i$ {"modelId": "opt-6.7b", "weightFormat": "fp16", "streamedParameters": "all", "includesPrefill": true}$i$::jsonb),
    ('ioff-17', $i$ {"modelId": "opt-30b", "weightFormat": "fp16", "streamedParameters": 18000000000.0, "includesPrefill": false}$i$::jsonb),
    ('ioff-18', $i$ {"modelId": "opt-30b", "weightFormat": "fp16", "streamedParameters": 20000000000.0, "includesPrefill": false}$i$::jsonb),
    ('ioff-19', $i$ {"modelId": "opt-30b", "weightFormat": "fp16", "streamedParameters": "all", "includesPrefill": false}$i$::jsonb),
    ('ioff-20', $i$ {"modelId": "opt-175b", "weightFormat": "fp16", "streamedParameters": "all", "includesPrefill": false}$i$::jsonb)
), updated as (
    update entry e
    set doc = jsonb_set(jsonb_set(e.doc, '{inputs}', (e.doc->'inputs') || f.inputs),
                        '{notes}', to_jsonb((e.doc->>'notes') || ' Structured inputs for costing''s validation (modelId, weightFormat, streamedParameters, includesPrefill; catalog V39) restate the setup above; includesPrefill restates the metric (FlexGen: generated tokens over prefill plus decode time; the 2022 post: the generation phase only); streamedParameters: the parameters the run kept in host memory (all, or the post''s stated split).')),
        version = e.version + 1,
        updated_at = now()
    from facts f
    where e.collection = 'measurements' and e.slug = f.slug
    returning e.collection, e.slug, e.version, e.doc
)
insert into revision (collection, slug, version, operation, doc, actor)
select collection, slug, version, 'seed', doc, 'flyway' from updated;
