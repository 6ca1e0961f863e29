"""The four SDKs openapi-generator writes from openapi/*.json at build time: catalog, costing, planner, quantization."""
