// The IAM policy evaluator, moved to the local gateway (scripts/gateway/runtime/iam-policy.ts) so both trust one copy.
export * from '../../scripts/gateway/runtime/iam-policy';
