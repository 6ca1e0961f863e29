-- Two corrections to V42 read against the catalog's own conventions (2026-11-30):
-- * nvidia-h200-nvl: peakFp64FlopsPerSecond holds FP64 *including* the tensor cores (as H100 and H200 do, 67 TFLOPS): the same
--   H200 page transcript V42 quotes gives 'FP64 | 30 TFLOPS' and 'FP64 Tensor Core | 60 TFLOPS' for the NVL; 30 was the vector rate.
-- * nvidia-rtx-3090-ti: V42 left out its BF16, TF32, INT8 and INT4 tensor rates. GA102's GeForce tensor cores run BF16 at the
--   FP16-with-FP32-accumulate rate, TF32 at half of it, INT8 at twice and INT4 at four times (the GA102 whitepaper's RTX 3090 column
--   in catalog nvidia-rtx-3090: 71 / 35.6 / 284 / 568 TFLOPS beside FP16 71), so from V42's 80 TFLOPS FP16 (84 SMs x 512 FLOP per
--   SM per clock x 1.86 GHz): BF16 80, TF32 40, INT8 320, INT4 640.
with patches(slug, fields, field_sources, source, note) as (values
    ('nvidia-h200-nvl', $p$ {"peakFp64FlopsPerSecond": 60000000000000.0}$p$::jsonb, $p$ {"peakFp64FlopsPerSecond": "h200-page"}$p$::jsonb,
     null::jsonb,
     ' peakFp64FlopsPerSecond is the FP64 Tensor Core rate (60 TFLOPS; vector FP64 is 30), the catalog''s convention (V44).'),
    ('nvidia-rtx-3090-ti', $p$ {"peakBf16FlopsPerSecond": 80000000000000.0, "peakTf32FlopsPerSecond": 40000000000000.0, "peakInt8OpsPerSecond": 320000000000000.0, "peakInt4OpsPerSecond": 640000000000000.0}$p$::jsonb,
     $p$ {"peakBf16FlopsPerSecond": "ga102-rates", "peakTf32FlopsPerSecond": "ga102-rates", "peakInt8OpsPerSecond": "ga102-rates", "peakInt4OpsPerSecond": "ga102-rates"}$p$::jsonb,
     $p$ {"id": "ga102-rates", "title": "Derived: GA102 GeForce tensor rates relative to FP16 with FP32 accumulate", "kind": "derived", "retrievedOn": "2026-11-30", "note": "The GA102 whitepaper's RTX 3090 column (catalog nvidia-rtx-3090, source wp): FP16 with FP32 accumulate 71, BF16 71, TF32 35.6, INT8 284, INT4 568 TFLOPS/TOPS, i.e. BF16 = 1x, TF32 = 0.5x, INT8 = 4x, INT4 = 8x the FP16 rate (dense). Applied to this card's 80 TFLOPS FP16 (source fp16-derived): BF16 80, TF32 40, INT8 320, INT4 640."}$p$::jsonb,
     ' BF16, TF32, INT8 and INT4 tensor rates derived from the GA102 whitepaper''s ratios to FP16 (V44).')
), updated as (
    update entry e
    set doc = jsonb_set(jsonb_set(jsonb_set(e.doc || p.fields, '{fieldSources}', (e.doc->'fieldSources') || p.field_sources),
                        '{sources}', case when p.source is null then e.doc->'sources' else (e.doc->'sources') || jsonb_build_array(p.source) end),
                        '{notes}', to_jsonb(coalesce(e.doc->>'notes', '') || p.note)),
        version = e.version + 1,
        updated_at = now()
    from patches p
    where e.collection = 'accelerators' and e.slug = p.slug
    returning e.collection, e.slug, e.version, e.doc
)
insert into revision (collection, slug, version, operation, doc, actor)
select collection, slug, version, 'seed', doc, 'flyway' from updated;
