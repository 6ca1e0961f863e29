-- POST one matmul estimate per request (H100, 8192³ bf16).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"acceleratorId":"nvidia-h100-sxm","m":8192,"n":8192,"k":8192,"format":"bf16"}'
