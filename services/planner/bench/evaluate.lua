-- POST /v1/plans/evaluate: Megatron-LM's PTD-P plan for GPT-3 175B on 1,024 A100s (the spec's request example).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"modelId":"gpt-3-175b","cluster":{"systemId":"nvidia-dgx-a100-80gb","devices":1024},
"training":{"globalBatchSize":1536,"sequenceLength":2048,"format":"fp16","tokens":300000000000},
"plan":{"dataParallel":8,"tensorParallel":8,"pipelineParallel":16,"microBatchSize":1,"recompute":"full"}}]]
