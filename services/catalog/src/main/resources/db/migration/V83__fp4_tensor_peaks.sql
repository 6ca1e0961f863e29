-- Dense FP4 tensor-core peaks (peakFp4FlopsPerSecond, new in this version) of the datacenter Blackwell GPUs: both GEMM operands
-- block-scaled 4-bit floats (NVFP4, MXFP4), what NVIDIA's FP4 checkpoints run under TensorRT-LLM and vLLM. Read 2026-12-03.
-- Without it an nvfp4 or mxfp4 model on a B200 was priced as weight-only quantization (dequantized to bf16). Also the GB202
-- Blackwells whose whitepaper figures the catalog already quotes (RTX 5090, RTX PRO 6000 Blackwell) and the MI355X (MXFP4, CDNA 4).
-- Other RTX 50 cards have FP4 tensor cores too but no FP4 figure read here; they are left without one (a 422 names the field).

-- HGX B200 and GB200: NVIDIA's GB200 NVL72 / HGX B200 specification table lists FP4 per GPU at twice its FP8 figure, with sparsity
-- like the FP8 figure the catalog already halved (B200 9 → 4.5 PF, GB200 10 → 5 PF). One source for both.
select patch_document('accelerators', v.slug, jsonb_build_object('peakFp4FlopsPerSecond', v.peak),
        '{"peakFp4FlopsPerSecond": "fp4-spec-table"}'::jsonb,
        jsonb_build_array(jsonb_build_object(
            'id', 'fp4-spec-table', 'title', 'NVIDIA GB200 NVL72 / HGX B200 technical specifications table, as reproduced at zdszero.github.io (Hardware notes)',
            'url', 'https://zdszero.github.io/Computer/Artificial_Intelligence/Hardware.html', 'kind', 'vendor-page', 'confidence', 'datasheet',
            'retrievedOn', '2026-12-03',
            'note', 'Read 2026-12-03 through the search tool (corpus pages). The lines: "| Total FP4 Tensor Core | 1,440 PFLOPS | 144 PFLOPS |" '
                || '"| Individual Blackwell GPU Specifications | ||" "| FP4 Tensor Core | 20 PFLOPS | 18 PFLOPS |" "| FP8/FP6 Tensor Core | '
                || '10 PFLOPS | 9 PFLOPS |" (columns GB200 NVL72 | HGX B200). The FP8 figures are the sparse ones the catalog halved '
                || '(dense-from-sparse), so FP4 dense = 18 / 2 = 9 PF for the HGX B200 and 1,440 / 72 / 2 = 10 PF for a GB200 GPU. Cross-check: '
                || 'glennklockwood.com/garden/processors/B300 (search, pages): "Dense FP4 performance is up (13 PF on B300 vs. 9.0 PF on B200)".')),
        v.note)
from (values ('nvidia-b200', 9000000000000000.0, ' peakFp4FlopsPerSecond (V83): 18 PF sparse / 2.'),
             ('nvidia-gb200', 10000000000000000.0, ' peakFp4FlopsPerSecond (V83): 20 PF sparse / 2.')) as v(slug, peak, note);

-- Blackwell Ultra: the catalog's sources for B300 and GB300 (v32-fp8) already quote NVIDIA's tables with FP4 in sparse | dense.
select patch_document('accelerators', 'nvidia-b300', '{"peakFp4FlopsPerSecond": 13500000000000000.0}'::jsonb,
        '{"peakFp4FlopsPerSecond": "fp4-hgx-b300"}'::jsonb,
        jsonb_build_array(jsonb_build_object(
            'id', 'fp4-hgx-b300', 'title', 'NVIDIA HGX platform page, HGX B300 column (8 GPUs), FP4 Tensor Core row, as quoted in source v32-fp8',
            'url', 'https://www.nvidia.com/en-us/data-center/hgx/', 'kind', 'vendor-page', 'confidence', 'datasheet', 'retrievedOn', '2026-12-03',
            'note', 'Re-read 2026-12-03 in this entry''s source v32-fp8 (read 2026-11-30): "FP4 Tensor Core「144 PFLOPS | 108 PFLOPS」", footnote '
                || '"Specification in Sparse | Dense". Dense per GPU = 108 / 8 = 13.5 PF (three times the 4.5 PF dense FP8). '
                || 'glennklockwood.com/garden/processors/B300 (search, pages, 2026-12-03) tabulates 13,125 TFLOPS dense FP4 for the HGX B300, '
                || '3 % lower; NVIDIA''s table is used.')),
        ' peakFp4FlopsPerSecond (V83): 108 PF dense / 8.');

select patch_document('accelerators', 'nvidia-gb300', '{"peakFp4FlopsPerSecond": 15000000000000000.0}'::jsonb,
        '{"peakFp4FlopsPerSecond": "fp4-gb300"}'::jsonb,
        jsonb_build_array(jsonb_build_object(
            'id', 'fp4-gb300', 'title', 'NVIDIA GB300 NVL72 specifications (FP4 row, as quoted in source v32-fp8) and NVIDIA Technical Blog, "3 Ways NVFP4 Accelerates AI Training and Inference"',
            'url', 'https://developer.nvidia.com/blog/?p=112492', 'kind', 'vendor-page', 'confidence', 'datasheet', 'retrievedOn', '2026-12-03',
            'note', 'Read 2026-12-03: source v32-fp8 quotes the GB300 NVL72 table "FP4 Tensor Core | 1440 | 1080* PFLOPS" with "* ... Without '
                || 'sparsity": 1,080 / 72 = 15 PF dense per GPU. The blog (search, corpus pages): "NVIDIA Blackwell Ultra GPUs provide peak dense '
                || 'NVFP4 throughput up to 15 petaFLOPS—3x that of FP8 on the same GPUs."')),
        ' peakFp4FlopsPerSecond (V83): 1,080 PF dense / 72.');

-- GB202 (sm_120): block-scaled FP4 MMAs at twice the FP8 rate with FP32 accumulation. The RTX 5090's whitepaper figures are quoted
-- in its source v23-fp16 (read 2026-11-30): "FP8 = 419/838; FP4 = 1676 dense".
select patch_document('accelerators', 'nvidia-rtx-5090', '{"peakFp4FlopsPerSecond": 1676000000000000.0}'::jsonb,
        '{"peakFp4FlopsPerSecond": "v23-fp16"}'::jsonb, '[]'::jsonb,
        ' peakFp4FlopsPerSecond (V83): 1,676 TFLOPS dense, FP32 accumulate, as source v23-fp16 quotes the whitepaper.');

select patch_document('accelerators', 'nvidia-rtx-pro-6000-blackwell', '{"peakFp4FlopsPerSecond": 2015200000000000.0}'::jsonb,
        '{"peakFp4FlopsPerSecond": "pro6000-fp4"}'::jsonb,
        jsonb_build_array(jsonb_build_object(
            'id', 'pro6000-fp4', 'title', 'NVIDIA RTX PRO 6000 Blackwell inference reference (the document source pro6000-ref read), section 3a, FP4 row quoting the RTX Blackwell PRO GPU Architecture whitepaper v1.0, Appendix A',
            'url', 'https://www.nvidia.com/content/dam/en-zz/Solutions/design-visualization/quadro-product-literature/NVIDIA-RTX-Blackwell-PRO-GPU-Architecture-v1.0.pdf',
            'kind', 'vendor-page', 'confidence', 'datasheet', 'retrievedOn', '2026-12-03',
            'note', 'Read 2026-12-03 via read_file id 69430731427 (offset 0), section "3a. Workstation Edition (600 W, boost 2,617 MHz) — fully '
                || 'published": "| FP4 / NVFP4 / MXFP4 tensor (FP32 acc) | **2,015.2 TFLOPS** | 4,030.4 (\"4000 AI TOPS\") | Yes | 4096 FLOP/SM/clk. '
                || 'NVIDIA''s headline \"4000 AI TOPS\" on the WS product page **is the sparse FP4 number**. |" — twice the FP8 row (1,007.6) '
                || 'the catalog already holds from the same table.')),
        ' peakFp4FlopsPerSecond (V83): the whitepaper''s dense FP4 row.');

-- MI355X: AMD's dense MXFP4 figure as its source mle-accel (read 2026-11-30) tabulates it: "| AMD MI355X | 157.3 | ? | 2500 | 2500 |
-- 5000 | 5000 | 10100 | 10100 | X | 22 |" (columns fp32, tf32, fp16, bf16, fp8, int8, fp6, fp4, nvfp4; note 22: AMD's dense figures).
select patch_document('accelerators', 'amd-mi355x', '{"peakFp4FlopsPerSecond": 10100000000000000.0}'::jsonb,
        '{"peakFp4FlopsPerSecond": "mle-accel"}'::jsonb, '[]'::jsonb,
        ' peakFp4FlopsPerSecond (V83): 10.1 PFLOPS dense MXFP4 (no NVFP4: the X in the nvfp4 column).');
