// Spectral custom function behind the `numeric-field-units` rule of .spectral.yaml.
//
// Target: a schema property (its name is the last segment of the path) or a parameter object (name in `name`).
// A target is numeric when its type is number or integer, or it is an array or map whose items/values are.
// A numeric target must
//   1. have a description (on the property; for a parameter on the parameter or its schema), and
//   2. state its unit: the name ends in one of NAME_SUFFIXES (camelCase, e.g. `latencySeconds`, `tdpWatts`),
//      or the description contains one of DESCRIPTION_WORDS (a unit, or a word saying the number is a count,
//      an index, a ratio, ... i.e. dimensionless).
// Both lists are the documented convention; keep them in step with the comment in .spectral.yaml.

export const NAME_SUFFIXES = [
  'Seconds', 'Millis', 'Milliseconds', 'Hours', 'Months', 'Year', 'Years',
  'Bytes', 'Bits', 'Gib',
  'PerSecond', 'PerByte', 'PerHour', 'PerWatt', 'PerUsd',
  'Flops', 'Joules', 'Watts', 'Usd', 'Kwh', 'PerKwh', 'Kilograms', 'Grams',
  'Hertz', 'Hz', 'Ghz', 'Mhz',
  'Count', 'Tokens', 'Parameters', 'Percent', 'Fraction', 'Ratio', 'Index',
];

export const DESCRIPTION_WORDS = [
  // time
  'seconds?', 'milliseconds?', 'microseconds?', 'nanoseconds?', 'minutes?', 'hours?', 'days?', 'months?', 'years?',
  // data
  'bytes?', 'bits?', 'KiB', 'MiB', 'GiB', 'TiB', 'KB', 'MB', 'GB', 'TB',
  // work and rates
  'FLOPs?', 'FLOP/s', 'TFLOP/s', 'flops', 'operations', 'ops', 'tokens?', 'parameters?', 'elements?', 'samples?', 'pixels?',
  // energy, power, money, frequency
  'joules?', 'watts?', 'kWh', 'USD', 'dollars?', 'hertz', 'Hz', 'kHz', 'MHz', 'GHz',
  // mass (emissions)
  'grams?', 'kilograms?',
  // dimensionless
  'percent', '%', 'count', 'counts', 'number of', 'ratio', 'fraction', 'dimensionless', 'index', 'factor', 'multiplier',
];

const SUFFIX = new RegExp(`(?:^(?:${NAME_SUFFIXES.map((s) => s.toLowerCase()).join('|')})|[a-z0-9](?:${NAME_SUFFIXES.join('|')}))$`);
const WORD = new RegExp(`(?:^|[^A-Za-z0-9])(?:${DESCRIPTION_WORDS.map((w) => w.replace('/', '\\/')).join('|')})(?![A-Za-z])`, 'i');

const types = (schema) => (schema && typeof schema === 'object' ? [].concat(schema.type ?? []) : []);
const isNumber = (schema) => types(schema).some((t) => t === 'number' || t === 'integer');
const isNumeric = (schema) =>
  isNumber(schema)
  || (types(schema).includes('array') && isNumber(schema.items))
  || (types(schema).includes('object') && isNumber(schema.additionalProperties));

export default function numericUnits(target, _options, context) {
  if (target === null || typeof target !== 'object') {
    return [];
  }
  const parameter = typeof target.in === 'string' && typeof target.name === 'string';
  const schema = parameter ? target.schema : target;
  if (!isNumeric(schema)) {
    return [];
  }
  const name = parameter ? target.name : String(context.path[context.path.length - 1]);
  const description = parameter ? (target.description ?? schema.description) : target.description;
  const what = `${parameter ? 'Parameter' : 'Property'} '${name}' is numeric`;
  if (typeof description !== 'string' || description.trim() === '') {
    return [{ message: `${what} and has no description: say what it is and in which unit` }];
  }
  if (!SUFFIX.test(name) && !WORD.test(description)) {
    return [{
      message: `${what} but neither its name (unit suffix such as Seconds, Bytes, PerSecond, Usd) nor its description `
        + `("${description.slice(0, 60)}") states a unit or says it is a count, ratio, fraction, index or dimensionless`,
    }];
  }
  return [];
}
