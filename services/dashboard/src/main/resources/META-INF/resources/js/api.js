// Calls to the public APIs. Every failure becomes an ApiError carrying the service's RFC 9457 problem (title, detail,
// violations), or a plain sentence when the service could not be reached at all.

let urls;
const KEY = 'accelerometer.apiKey';
/** Services where the user's key owns saved results (the catalog's write keys are an operator's, not the dashboard's). */
const KEYED = new Set(['costing', 'planner', 'quantization']);

/** The user's API key, kept in this browser (localStorage), or '' when none is set. */
export function apiKey() {
    return localStorage.getItem(KEY) || '';
}

export function setApiKey(key) {
    if (key) {
        localStorage.setItem(KEY, key);
    } else {
        localStorage.removeItem(KEY);
    }
}

/** Loads the browser-facing base URLs of the four services from the dashboard's /config.json. */
export async function loadConfig() {
    const response = await fetch('config.json');
    if (!response.ok) {
        throw new ApiError('dashboard', { title: 'Dashboard configuration unavailable', detail: `GET /config.json answered ${response.status}` });
    }
    urls = await response.json();
    return urls;
}

export function baseUrl(service) {
    return urls[service];
}

export class ApiError extends Error {
    constructor(service, problem) {
        super(problem.detail || problem.title);
        this.service = service;
        this.problem = problem;
    }
}

/** Calls `service` (catalog, costing, planner, quantization) and returns the parsed JSON, or throws an ApiError. */
export async function call(service, path, { method = 'GET', body, query } = {}) {
    const response = await send(service, path, method, body, query, 'application/json');
    return response.status === 204 ? null : response.json();
}

/** Like call, for a response that is text (an SVG). */
export async function callText(service, path, query) {
    const response = await send(service, path, 'GET', undefined, query, 'image/svg+xml');
    return response.text();
}

async function send(service, path, method, body, query, accept) {
    const url = new URL(urls[service] + path);
    for (const [name, value] of Object.entries(query || {})) {
        for (const one of [].concat(value)) {
            if (one !== undefined && one !== null && one !== '') {
                url.searchParams.append(name, one);
            }
        }
    }
    const headers = { accept: `${accept}, application/problem+json` };
    if (body !== undefined) {
        headers['content-type'] = 'application/json';
    }
    if (KEYED.has(service) && apiKey()) {
        headers['x-api-key'] = apiKey();
    }
    let response;
    try {
        response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
        throw new ApiError(service, {
            title: `The ${service} service did not answer`,
            detail: `${method} ${url} failed before any response (${e.message}). Is the service running at ${urls[service]}, `
                + `and does its DASHBOARD_ORIGINS allow ${location.origin}?`,
        });
    }
    if (!response.ok) {
        throw new ApiError(service, await problemOf(response, method, url));
    }
    return response;
}

async function problemOf(response, method, url) {
    const text = await response.text();
    try {
        const problem = JSON.parse(text);
        if (problem && (problem.title || problem.detail)) {
            return { status: response.status, ...problem };
        }
    } catch (e) {
        // not JSON: described below
    }
    return { status: response.status, title: `${method} ${url.pathname} answered ${response.status} ${response.statusText}`, detail: text.slice(0, 300) };
}
