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
 * Returns a function giving the `_aws` fields for one line at a timestamp. The metric directive is built once;
 * the metric and dimension values are the line's own fields.
 */
export function createEmfBlock(spec: EmfSpec): (timestamp: number) => { _aws: unknown } {
  const directives = [
    {
      Namespace: spec.namespace,
      Dimensions: spec.dimensions,
      Metrics: spec.metrics.map((m) => ({ Name: m.name, Unit: m.unit })),
    },
  ];
  return (timestamp) => ({ _aws: { Timestamp: timestamp, CloudWatchMetrics: directives } });
}
