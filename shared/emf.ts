// CloudWatch Embedded Metric Format: the `_aws` block that turns a structured log line into metrics, no agent or API call.

export interface EmfMetric {
  name: string;
  unit: 'Count' | 'Milliseconds';
}

export interface EmfSpec {
  namespace: string;
  /** Each inner list is one dimension set; every name must be a string field of the line. */
  dimensions: string[][];
  metrics: EmfMetric[];
}

/**
 * Returns a function giving the `_aws` block for one line at a timestamp, as a JSON object member (`"_aws":{…}`):
 * the metric directive is serialized once, only the timestamp changes per line. The metric and dimension values
 * are the line's own fields.
 */
export function createEmfMember(spec: EmfSpec): (timestamp: number) => string {
  const directivesJson = JSON.stringify(directivesOf(spec));
  return (timestamp) => `"_aws":{"Timestamp":${jsonNumber(timestamp)},"CloudWatchMetrics":${directivesJson}}`;
}

/** A number as JSON.stringify writes it: NaN and the infinities become null. */
export function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

function directivesOf(spec: EmfSpec) {
  return [
    {
      Namespace: spec.namespace,
      Dimensions: spec.dimensions,
      Metrics: spec.metrics.map((m) => ({ Name: m.name, Unit: m.unit })),
    },
  ];
}
