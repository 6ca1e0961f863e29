// Spectral custom function behind the `request-body-example` rule of .spectral.yaml.
// Target: a media type object. It passes when the media type or its schema carries `example` or a non-empty `examples`.

const carries = (o) => o !== null && typeof o === 'object'
  && (o.example !== undefined || (o.examples !== undefined && Object.keys(o.examples).length > 0));

export default function hasExample(mediaType) {
  if (carries(mediaType) || carries(mediaType && mediaType.schema)) {
    return [];
  }
  return [{ message: 'request body has no example: add example/examples to the media type or to its schema' }];
}
