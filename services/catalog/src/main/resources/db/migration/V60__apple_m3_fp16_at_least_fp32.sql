-- Issue 15 (Apple silicon): the M3 Max and M3 Ultra had no fp16 peak, so an fp16 question about them was refused and the Metal
-- decode cases (catalog V59) ran their output head and activations in fp32. Recorded now as a lower bound, marked estimated: the M1
-- and M2 GPUs run FP16 at their FP32 rate (their own rows, philipturner/metal-benchmarks, catalog V35), and the M3 generation
-- can co-issue FP16 with FP32 (the caveat these entries already quote from Philip Turner), so its FP16 rate is at least its FP32 one.
-- No source states the M3's FP16 peak itself.
with facts(slug, fp16) as (values
    ('apple-m3-max-40c', 14131200000000.0),
    ('apple-m3-ultra-80c', 28262400000000.0)
), updated as (
    update entry e
    set doc = jsonb_set(jsonb_set(jsonb_set(e.doc || jsonb_build_object('peakFp16FlopsPerSecond', f.fp16),
                                            '{fieldSources}', (e.doc->'fieldSources') || '{"peakFp16FlopsPerSecond": "fp16-at-least-fp32"}'::jsonb),
                                  '{sources}', (e.doc->'sources') || jsonb_build_array(jsonb_build_object(
                                      'id', 'fp16-at-least-fp32', 'title', 'Derived: FP16 at the FP32 peak (a lower bound)', 'kind', 'derived',
                                      'confidence', 'estimated', 'retrievedOn', '2026-12-01',
                                      'note', 'Set 2026-12-01 (catalog V60) to this entry''s own FP32 peak: M1 and M2 GPUs run FP16 at the FP32 rate '
                                          || '(catalog V35 rows, philipturner/metal-benchmarks), and the M3 generation can co-issue FP16 and FP32 '
                                          || '(the caveat in this entry''s notes), so its FP16 rate is at least this. No source states the M3 FP16 peak.'))),
                        '{notes}', to_jsonb(coalesce(e.doc->>'notes', '') || ' peakFp16FlopsPerSecond (V60): a lower bound, the FP32 peak.')),
        version = e.version + 1,
        updated_at = now()
    from facts f
    where e.collection = 'accelerators' and e.slug = f.slug
    returning e.collection, e.slug, e.version, e.doc
)
insert into revision (collection, slug, version, operation, doc, actor)
select collection, slug, version, 'seed', doc, 'flyway' from updated;
