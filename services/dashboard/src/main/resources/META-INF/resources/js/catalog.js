// What the pages need from the catalog, and the catalog's field names per number format.
import { call } from './api.js';

/** Number formats as the catalog names them (its `format` filter) with the accelerator field holding each peak. */
export const FORMATS = [
    ['fp64', 'peakFp64FlopsPerSecond'], ['fp32', 'peakFp32FlopsPerSecond'], ['tf32', 'peakTf32FlopsPerSecond'],
    ['fp16', 'peakFp16FlopsPerSecond'], ['bf16', 'peakBf16FlopsPerSecond'], ['fp8', 'peakFp8FlopsPerSecond'],
    ['fp4', 'peakFp4FlopsPerSecond'], ['int8', 'peakInt8OpsPerSecond'], ['int4', 'peakInt4OpsPerSecond'],
];

export const peakField = (format) => FORMATS.find(([f]) => f === format)?.[1];

/** The formats an accelerator has a datasheet peak for. */
export const formatsOf = (accelerator) => FORMATS.filter(([, field]) => accelerator[field] !== undefined).map(([f]) => f);

/** Accelerators matching catalog list filters (one page of up to 500: the whole catalog). */
export async function accelerators(filters = {}) {
    const page = await call('catalog', '/v1/accelerators', { query: { pageSize: 500, sort: 'vendor,name', ...filters } });
    return page.items;
}

export async function models(filters = {}) {
    const page = await call('catalog', '/v1/models', { query: { pageSize: 500, sort: 'family,parameterCount', ...filters } });
    return page.items;
}

export async function systems(filters = {}) {
    const page = await call('catalog', '/v1/systems', { query: { pageSize: 500, sort: 'vendor,name', ...filters } });
    return page.items;
}

/**
 * Each accelerator's cloud price per device-hour as the catalog derives it (GET /v1/cloud-prices: its own price — TPU
 * chips are priced per chip — or the cheapest priced instance holding it ÷ its accelerators, the rule the cost answers
 * use), with the instance's system document for its source. Map of accelerator id → { usdPerHour, system } (system
 * absent for an accelerator's own price).
 */
export async function cloudPrices() {
    const [prices, systemList] = await Promise.all([call('catalog', '/v1/cloud-prices'), systems()]);
    const byId = new Map(systemList.map((s) => [s.id, s]));
    return new Map(prices.map((p) => [p.acceleratorId, { usdPerHour: p.usdPerDeviceHour, system: p.systemId ? byId.get(p.systemId) : undefined }]));
}

/** Options for a <select> of accelerators: [id, "Vendor name"]. */
export const acceleratorOptions = (list) => list.map((a) => [a.id, a.name]);

/** The accelerator's source for `field` (its fieldSources entry), or undefined. */
export function sourceOf(document, field) {
    const id = document.fieldSources?.[field];
    return id ? document.sources.find((s) => s.id === id) : undefined;
}
