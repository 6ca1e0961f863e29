-- POST /v1/plans: the whole search for GPT-3 175B on 1,024 A100s (every legal plan), saved.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"modelId":"gpt-3-175b","cluster":{"systemId":"nvidia-dgx-a100-80gb","devices":1024},
"training":{"globalBatchSize":1536,"sequenceLength":2048,"format":"fp16","tokens":300000000000},
"constraints":{"limit":5,"deadlineMillis":10000}}]]
