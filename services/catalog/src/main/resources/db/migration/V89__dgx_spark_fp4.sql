-- The DGX Spark's GB10 (sm_121) runs block-scaled FP4 MMAs; NVIDIA's only compute figure for it is FP4 with sparsity ("1 PFLOP -
-- theoretical FP4 TOPS using the sparsity feature", source spark-spec-pages of V67): 500 TFLOP/s dense, as V83 read the RTX 5090's
-- (dense = sparse / 2), and four times the catalog's FP32-accumulating FP8 rate, the GB202 ratio (RTX 5090: 419 → 1,676). And V87's ten
-- DGX Spark rows named it nvidia-dgx-spark, which the catalog calls nvidia-dgx-spark-gb10: renamed, so the validation runs them.
select patch_document('accelerators', 'nvidia-dgx-spark-gb10', '{"peakFp4FlopsPerSecond": 500000000000000.0}'::jsonb,
        '{"peakFp4FlopsPerSecond": "derived-spark-fp4"}'::jsonb,
        jsonb_build_array(jsonb_build_object(
            'id', 'derived-spark-fp4', 'title', 'NVIDIA DGX Spark specifications (as source spark-spec-pages quotes them): 1 PFLOP FP4 with sparsity',
            'url', 'https://www.nvidia.com/en-us/products/workstations/dgx-spark/',
            'kind', 'vendor-page', 'confidence', 'derived', 'retrievedOn', '2026-12-03',
            'note', 'Derived 2026-12-03 from the line source spark-spec-pages read 2026-12-02 (huggingface.js PR #1861 quoting NVIDIA''s specs '
                || 'page: "1 PFLOP - theoretical FP4 TOPS using the sparsity feature"): dense = 1e15 / structuredSparsityFactor 2 = 5e14 FLOP/s. '
                || 'Like every GB10 tensor figure it implies a ~2.52 GHz clock, 4 % above the measured 2,418 MHz maximum (see notes).')),
        ' peakFp4FlopsPerSecond (V89): 500 TFLOPS dense, half NVIDIA''s sparse 1 PFLOP.');
select patch_document('measurements', slug, jsonb_build_object('inputs', (select doc->'inputs' from entry where collection = 'measurements'
        and entry.slug = renamed.slug) || '{"hardware": "nvidia-dgx-spark-gb10"}'::jsonb), '{}'::jsonb, '[]'::jsonb,
        ' Inputs (V89): hardware as the catalog names the DGX Spark (nvidia-dgx-spark-gb10).')
  from unnest(array['fp4s-56', 'fp4s-58', 'fp4s-60', 'fp4s-62', 'fp4s-64', 'fp4s-67', 'fp4s-69', 'fp4s-71', 'fp4s-73', 'fp4s-75']) as renamed(slug);
