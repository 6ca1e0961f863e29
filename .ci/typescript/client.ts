// A small typed client over the four services, written against the types openapi-typescript generates from
// openapi/*.yaml (.ci/typescript.sh regenerates them, then tsc --strict checks this file). It is a gate: when a spec
// loses a required field, an enum or an operation's schema, this stops compiling.
import type { components as Catalog } from "./generated/catalog";
import type { components as Costing } from "./generated/costing";
import type { components as Planner, operations as PlannerOperations } from "./generated/planner";
import type { components as Quantization } from "./generated/quantization";

type Schemas<C extends { schemas: object }> = C["schemas"];

/** The problem every 4xx/5xx answers with (RFC 9457), as the specs describe it. */
export type Problem = Schemas<Costing>["Problem"];

export class ProblemError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(`${status} ${problem.title ?? ""}: ${problem.detail ?? ""}`);
  }
}

export interface Urls {
  catalog: string;
  costing: string;
  planner: string;
  quantization: string;
}

export class Accelerometer {
  constructor(private readonly urls: Urls, private readonly apiKey?: string) {}

  private async call<Res>(url: string, method: "GET" | "POST", body?: unknown): Promise<Res> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
    }
    if (this.apiKey) {
      headers["x-api-key"] = this.apiKey;
    }
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) {
      throw new ProblemError(response.status, (await response.json()) as Problem);
    }
    return (await response.json()) as Res;
  }

  /** GET /v1/accelerators/{id} on the catalog. */
  accelerator(id: string): Promise<Schemas<Catalog>["Accelerator"]> {
    return this.call(`${this.urls.catalog}/v1/accelerators/${encodeURIComponent(id)}`, "GET");
  }

  /** POST /v1/costs/matmul on costing. */
  costMatmul(request: Schemas<Costing>["MatmulRequest"]): Promise<Schemas<Costing>["CostEstimate"]> {
    return this.call(`${this.urls.costing}/v1/costs/matmul`, "POST", request);
  }

  /** POST /v1/serving-plans on the planner (a search, saved). */
  planServing(request: Schemas<Planner>["ServingRequest"]): Promise<Schemas<Planner>["ServingSearch"]> {
    return this.call(`${this.urls.planner}/v1/serving-plans`, "POST", request);
  }

  /** GET /v1/serving-plans/{id}: the response type the spec gives the operation. */
  servingPlan(id: string): Promise<PlannerOperations["getServingPlan"]["responses"][200]["content"]["application/json"]> {
    return this.call(`${this.urls.planner}/v1/serving-plans/${encodeURIComponent(id)}`, "GET");
  }

  /** POST /v1/estimates on quantization. */
  estimate(request: Schemas<Quantization>["EstimateRequest"]): Promise<Schemas<Quantization>["Estimate"]> {
    return this.call(`${this.urls.quantization}/v1/estimates`, "POST", request);
  }
}

/** What a caller writes: the serving question of the issue, typed end to end. */
export async function cheapestServingPlan(client: Accelerometer): Promise<number | undefined> {
  const search = await client.planServing({
    modelId: "llama-3.1-70b",
    cluster: { systemId: "nvidia-dgx-h100", devices: 16 },
    weightFormat: "fp8",
    runtime: "tensorrt-llm",
    workload: {
      arrival: "poisson",
      requestsPerSecond: 10,
      inputTokens: { distribution: "lognormal", meanTokens: 1000, sigma: 0.8 },
      outputTokens: { distribution: "fixed", tokens: 250 },
    },
    objectives: { ttftP99Seconds: 1, tpotP50Seconds: 0.04 },
  });
  const best = search.plans?.[0];
  return best?.costUsdPerMillionOutputTokens;
}

export const matmul: Schemas<Costing>["MatmulRequest"] = {
  acceleratorId: "nvidia-h100-sxm",
  m: 8192,
  n: 8192,
  k: 8192,
  batch: 1,
  format: "bf16",
};

// The specs' enums are real: a value outside them does not compile.
export const notAFormat: Schemas<Costing>["MatmulRequest"] = {
  ...matmul,
  // @ts-expect-error "fp7" is not one of the formats the spec enumerates
  format: "fp7",
};

export const notAnArrival: Schemas<Planner>["ServingTraffic"] = {
  // @ts-expect-error "sometimes" is not one of offline, poisson, concurrency
  arrival: "sometimes",
  inputTokens: { distribution: "fixed", tokens: 10 },
  outputTokens: { distribution: "fixed", tokens: 10 },
};

export const notAWeightFormat: Schemas<Quantization>["EstimateRequest"] = {
  modelId: "llama-2-70b",
  // @ts-expect-error "q5" is not one of the weight formats the quantization spec enumerates
  weightFormat: "q5",
};

export const notAFormatToCompare: Schemas<Quantization>["CompareFormatsRequest"] = {
  base: { modelId: "llama-2-70b", weightFormat: "nf4", contextLength: 4096 },
  // @ts-expect-error "q5" is not one of the weight formats a comparison may list either
  weightFormats: ["fp16", "q5"],
};
