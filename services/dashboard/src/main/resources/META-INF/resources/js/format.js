// Display formatting and unit conversion only: every number comes from an API response.

const SI = [[1e18, 'E'], [1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];

export function number(value, digits = 3) {
    if (value === undefined || value === null || Number.isNaN(value)) {
        return '—';
    }
    return Number(value).toLocaleString('en-US', { maximumSignificantDigits: digits });
}

/** 9.89e14, 'FLOP/s' → '989 TFLOP/s'. */
export function si(value, unit, digits = 3) {
    if (value === undefined || value === null) {
        return '—';
    }
    for (const [scale, prefix] of SI) {
        if (Math.abs(value) >= scale) {
            return `${number(value / scale, digits)} ${prefix}${unit}`;
        }
    }
    return `${number(value, digits)} ${unit}`;
}

export const flops = (value) => si(value, 'FLOP/s');
export const bandwidth = (value) => si(value, 'B/s');

/** Bytes in GiB (device memory is sold in binary units). */
export function gib(bytes, digits = 3) {
    return bytes === undefined || bytes === null ? '—' : `${number(bytes / 2 ** 30, digits)} GiB`;
}

export function seconds(value) {
    if (value === undefined || value === null) {
        return '—';
    }
    const abs = Math.abs(value);
    if (abs >= 86400 * 2) {
        return `${number(value / 86400)} days`;
    }
    if (abs >= 3600) {
        return `${number(value / 3600)} h`;
    }
    if (abs >= 60) {
        return `${number(value / 60)} min`;
    }
    if (abs >= 1 || abs === 0) {
        return `${number(value)} s`;
    }
    if (abs >= 1e-3) {
        return `${number(value * 1e3)} ms`;
    }
    return `${number(value * 1e6)} µs`;
}

export function usd(value) {
    if (value === undefined || value === null) {
        return '—';
    }
    return value >= 100 ? `$${Math.round(value).toLocaleString('en-US')}` : `$${number(value, 3)}`;
}

export function percent(fraction, digits = 3) {
    return fraction === undefined || fraction === null ? '—' : `${number(fraction * 100, digits)} %`;
}

/** Joules in kWh. */
export function kwh(joules) {
    return joules === undefined || joules === null ? '—' : `${number(joules / 3.6e6)} kWh`;
}
