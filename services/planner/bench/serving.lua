-- POST /v1/serving-plans: Llama 3.1 8B in fp8 on up to 16 H100s (two DGX H100 nodes), Poisson 40 requests/s of chat-like
-- log-normal lengths, p99 TTFT <= 1 s and median TPOT <= 30 ms; every tensor-parallel size, batch limit and token limit
-- (84 setups), 2,000 simulated requests per configuration, saved.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"modelId":"llama-3.1-8b","cluster":{"systemId":"nvidia-dgx-h100","devices":16},"weightFormat":"fp8",
"workload":{"arrival":"poisson","requestsPerSecond":40,"inputTokens":{"distribution":"lognormal","meanTokens":1000,"sigma":0.8,"maxTokens":8000},
"outputTokens":{"distribution":"lognormal","meanTokens":250,"sigma":0.8,"maxTokens":2000},"simulatedRequests":2000},
"objectives":{"ttftP99Seconds":1.0,"tpotP50Seconds":0.03},"search":{"limit":5,"deadlineMillis":10000}}]]
