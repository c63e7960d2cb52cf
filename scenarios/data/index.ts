/**
 * The data and messaging half of the bundled fault-tolerance scenarios (issue 4): SQS, RDS,
 * S3 and Route 53 designs and their anti-patterns, each with the verdict it must get.
 */
import type { Scenario } from '../../engine/scenario.js';
import { rdsMultiAzFailover } from './rds-multi-az-failover.js';
import { rdsReadReplicaPromotion } from './rds-read-replica-promotion.js';
import { rdsSingleAzPitrBackups, rdsSingleAzPitrNoBackups } from './rds-single-az-pitr.js';
import { route53FailoverHealthChecked, route53FailoverNoHealthCheck } from './route53-failover.js';
import { s3VersioningOff, s3VersioningOn } from './s3-versioning.js';
import { sqsDeleteBeforeProcess } from './sqs-delete-before-process.js';
import { sqsFifoDedup } from './sqs-fifo-dedup.js';
import { sqsPoisonDlq, sqsPoisonNoDlq } from './sqs-poison-message.js';
import { sqsProducerRetryAfterInterval, sqsProducerRetryNewDedupId } from './sqs-producer-retry.js';
import { sqsRetentionDlqLonger, sqsRetentionExpires, sqsRetentionLongEnough } from './sqs-retention.js';
import { sqsStandardDuplicates } from './sqs-standard-duplicates.js';
import { sqsVisibilityTooShort } from './sqs-visibility-too-short.js';
import { sqsWorkers } from './sqs-workers.js';

export const dataScenarios: readonly Scenario[] = [
  sqsWorkers,
  sqsDeleteBeforeProcess,
  sqsVisibilityTooShort,
  sqsRetentionExpires,
  sqsRetentionLongEnough,
  sqsRetentionDlqLonger,
  sqsPoisonNoDlq,
  sqsPoisonDlq,
  sqsStandardDuplicates,
  sqsFifoDedup,
  sqsProducerRetryAfterInterval,
  sqsProducerRetryNewDedupId,
  rdsMultiAzFailover,
  rdsReadReplicaPromotion,
  rdsSingleAzPitrBackups,
  rdsSingleAzPitrNoBackups,
  s3VersioningOn,
  s3VersioningOff,
  route53FailoverHealthChecked,
  route53FailoverNoHealthCheck,
] as readonly Scenario[];
