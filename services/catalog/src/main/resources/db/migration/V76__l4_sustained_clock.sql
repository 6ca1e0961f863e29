-- The NVIDIA L4 is a 72 W board whose 2,040 MHz boost (the clock of its 121 TFLOP/s bf16 datasheet peak) does not hold under matrix
-- work: the ledger's two L4 GEMMs (gmm-10, gmm-11: torch.mm bf16 and tf32 at 8192^3, catalog V75) ran at 0.58 and 0.50 of the model
-- at boost. Published nvidia-smi readings taken while an L4 ran bf16 cuBLAS prefill at its cap put the SM clock at 880-1,110 MHz
-- across 512-8,192-token prompts, and at 1,148, 1,125, 1,095 and 1,035 MHz in four runs of a cuBLAS-dominated pass at 66-82 C (one
-- source, read 2026-12-02); a second source saw the cap hold dense fp32 work at ~1,230-1,260 MHz. sustainedClockHertz (V68's field)
-- is the median of the six tensor-core clocks, 1,102.5 MHz (54 % of boost); the two GEMM rows stay held out.
select patch_document('accelerators', 'nvidia-l4', '{"sustainedClockHertz": 1102500000.0}'::jsonb,
        '{"sustainedClockHertz": "l4-sustained-clock"}'::jsonb,
        jsonb_build_array(
            jsonb_build_object(
            'id', 'l4-sustained-clock', 'title', 'Glyd: ''A prompt''s routes on an L4, 2026-09-29'' (benchmarks/gpu/l4-routes-2026-09-29/README.md)',
            'url', 'https://github.com/surya-koritala/Glyd/blob/0152ee2dfe1219bd1fa2d3dc96a59202ccf45e92/benchmarks/gpu/l4-routes-2026-09-29/README.md',
            'kind', 'measured', 'retrievedOn', '2026-12-02',
            'note', 'Read 2026-12-02 via read_file surya-koritala/Glyd@0152ee2d. AWS g6.4xlarge L4 (24 GB, 72 W cap, 2040 MHz at most), nvidia-smi '
                || 'sampled every 100 ms: ''The L4 ran every route at its 72 W cap from about 512 tokens up. ... bf16''s cuBLAS at 880-1110 MHz.'' '
                || 'and, for a cuBLAS-dominated 2048-token pass: ''| l4-routes/ | 739 | 1148 MHz | 66 C | | main-fine/ | 748 | 1125 MHz | 71 C | '
                || '| main/ | 765 | 1095 MHz | 75 C | | gap/ | 794 | 1035 MHz | 82 C |''. Value: the median of 880, 1110, 1148, 1125, 1095 and '
                || '1035 MHz, 1102.5 MHz (catalog V76).'),
            jsonb_build_object(
            'id', 'l4-power-cap-fp32', 'title', 'gpu-benchlab: ''2026-09-20 - Phase 5A: first NVIDIA GPU evidence (NVIDIA L4)''',
            'url', 'https://github.com/ritwik-mukherjee/gpu-benchlab/blob/5ad93c6ceefa45907ffd732bc49bd3f5cf42d187/results/published/2026-09-20-phase5a-l4/README.md',
            'kind', 'measured', 'retrievedOn', '2026-12-02',
            'note', 'Read 2026-12-02 via read_file ritwik-mukherjee/gpu-benchlab@5ad93c6c. GCP g2-standard-4 L4: ''The L4''s 72 W limit was reached in '
                || 'three of the four cells, flagged by the driver as SwPowerCap on essentially every busy sample: ... ORT at batch 8 and PyTorch at '
                || 'batch 8 (both ~1230-1260 MHz). PyTorch at batch 1 never hit the cap (57-65 W) and held 2040 MHz throughout.'' ResNet-50 in '
                || 'IEEE fp32 (not tensor cores): not used for the value; a second source for the cap binding on dense compute.')),
        ' sustainedClockHertz (V76): 1102.5 MHz under bf16 cuBLAS prefill at the 72 W cap (nvidia-smi readings), 54 % of the 2040 MHz boost.');
