-- POST one attention estimate per request (A100, flash, fwd+bwd, 8 × 2048 tokens, 16 heads of 128).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"acceleratorId":"nvidia-a100-sxm-80gb","batch":8,"queryLength":2048,"keyLength":2048,"heads":16,"headDim":128,"causal":true,"kernel":"flash","pass":"forward-backward","format":"bf16"}'
