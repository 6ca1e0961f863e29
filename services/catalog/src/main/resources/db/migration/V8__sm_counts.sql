-- SM counts the seed left out, so the cost model can apply wave quantization to these GPUs. Each value is derived from
-- a datasheet figure; the source, with the arithmetic, is added to the document and named in fieldSources.
with facts(slug, sms, source) as (values
    ('nvidia-h200', 132, '{"id": "gh100-sms", "title": "NVIDIA H100 Tensor Core GPU Architecture whitepaper (2022): H100 SXM5 has 132 SMs; the H200 SXM uses the same GH100 configuration with HBM3e (NVIDIA H200 product brief)", "kind": "derived", "retrievedOn": "2026-11-21", "note": "132 SMs as H100 SXM5; not re-downloaded on retrievedOn"}'::jsonb),
    ('nvidia-h100-nvl', 132, '{"id": "gh100-sms", "title": "NVIDIA H100 Tensor Core GPU Architecture whitepaper (2022) and H100 NVL product brief: each H100 NVL GPU has 132 SMs (16,896 FP32 cores / 128 per SM)", "kind": "derived", "retrievedOn": "2026-11-21", "note": "16896 / 128 = 132; not re-downloaded on retrievedOn"}'::jsonb),
    ('nvidia-gh200-96gb', 132, '{"id": "gh100-sms", "title": "NVIDIA Grace Hopper Superchip Architecture whitepaper (2023): the Hopper GPU of GH200 has 132 SMs", "kind": "derived", "retrievedOn": "2026-11-21", "note": "not re-downloaded on retrievedOn"}'::jsonb),
    ('nvidia-gh200-144gb', 132, '{"id": "gh100-sms", "title": "NVIDIA Grace Hopper Superchip Architecture whitepaper (2023): the Hopper GPU of GH200 has 132 SMs", "kind": "derived", "retrievedOn": "2026-11-21", "note": "not re-downloaded on retrievedOn"}'::jsonb),
    ('nvidia-l4', 58, '{"id": "ada-sms", "title": "NVIDIA L4 datasheet: 7,424 CUDA cores; NVIDIA Ada Lovelace architecture whitepaper: 128 CUDA cores per SM", "kind": "derived", "retrievedOn": "2026-11-21", "note": "7424 / 128 = 58; not re-downloaded on retrievedOn"}'::jsonb)
), updated as (
    update entry e
    set doc = jsonb_set(jsonb_set(jsonb_set(e.doc, '{computeUnits}', to_jsonb(f.sms)),
                                  '{fieldSources,computeUnits}', to_jsonb(f.source->>'id')),
                        '{sources}', (e.doc->'sources') || jsonb_build_array(f.source)),
        version = e.version + 1,
        updated_at = now()
    from facts f
    where e.collection = 'accelerators' and e.slug = f.slug and e.doc->'computeUnits' is null
    returning e.collection, e.slug, e.version, e.doc
)
insert into revision (collection, slug, version, operation, doc, actor)
select collection, slug, version, 'seed', doc, 'flyway' from updated;
