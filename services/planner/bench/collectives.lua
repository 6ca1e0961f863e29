-- POST /v1/collectives: nccl-tests style all-reduce sweep of 32 sizes (16 B to 32 GiB, x2) on two DGX H100 nodes.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"collective":"all-reduce","cluster":{"systemId":"nvidia-dgx-h100","devices":16},
"sweep":{"minBytes":16,"maxBytes":34359738368,"factor":2}}]]
