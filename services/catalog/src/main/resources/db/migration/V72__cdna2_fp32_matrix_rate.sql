-- CDNA 2's fp32 GEMMs run on the matrix cores: rocBLAS SGEMM on gfx90a dispatches MFMA kernels (ledger amd-52, an MI210 run whose
-- kernel is Cijk_..._MI16x16x4x1 at 37.9 TFLOP/s, above the 22.6 TFLOP/s vector rate), so the fp32 peak the cost models price fp32
-- GEMMs with is the FP32 matrix rate. V71 stored it so for the MI210 and the MI250 GCD; the MI250X entries (same gfx90a die) held the
-- vector rate, pricing their fp32 GEMMs at half what the hardware reaches. The matrix rates are their sources' own figures (V2's
-- mi250x-ds source, "FP32 vector 47.9 / matrix 95.7 / packed 95.7"; the GCD is half the package, as its other peaks).
select patch_document('accelerators', 'amd-mi250x', '{"peakFp32FlopsPerSecond": 95700000000000.0}'::jsonb, '{}'::jsonb, '[]'::jsonb,
        ' peakFp32FlopsPerSecond (V72): the FP32 matrix rate (95.7 TFLOP/s), what fp32 GEMMs run at on CDNA 2 (rocBLAS MFMA kernels, ledger amd-52); vector FP32 is 47.9.');
select patch_document('accelerators', 'amd-mi250x-gcd', '{"peakFp32FlopsPerSecond": 47872000000000.0}'::jsonb, '{}'::jsonb, '[]'::jsonb,
        ' peakFp32FlopsPerSecond (V72): the FP32 matrix rate per GCD (47.87 TFLOP/s, half the package 95.7), what fp32 GEMMs run at on CDNA 2 (rocBLAS MFMA kernels, ledger amd-52); vector FP32 is 23.9.');
