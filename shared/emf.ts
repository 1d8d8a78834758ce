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
  timestamp: number;
}

/** The fields to merge into a log line; the metric values and dimension values are the line's own fields. */
export function emfBlock(spec: EmfSpec): { _aws: unknown } {
  return {
    _aws: {
      Timestamp: spec.timestamp,
      CloudWatchMetrics: [
        {
          Namespace: spec.namespace,
          Dimensions: spec.dimensions,
          Metrics: spec.metrics.map((m) => ({ Name: m.name, Unit: m.unit })),
        },
      ],
    },
  };
}
