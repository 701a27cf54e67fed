// batch group validation tables, ported from upstream
// pkg/apis/batch/validation/validation_test.go (TestValidateJob,
// TestValidateJobTemplate..., TestValidateCronJob, TestValidateCronJobScheduleTZ,
// TestValidateCronJobSpec) and pkg/registry/batch/{job,cronjob}/strategy_test.go (warnings).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cronParseError } from '../../../server/src/k8s/validation/cron';
import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/batch/validation/validation_test.go';
const template = { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }] } };
const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' }, spec: { template } };

runTable('Job', UPSTREAM, job, [
  { name: 'valid', patch: {} },
  { name: 'valid OnFailure', patch: { spec: { template: { spec: { restartPolicy: 'OnFailure' } } } } },
  { name: 'valid Indexed', patch: { spec: { completionMode: 'Indexed', completions: 5, parallelism: 2 } } },
  { name: 'valid manual selector', patch: { spec: { manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } } } } } },
  { name: 'negative parallelism', patch: { spec: { parallelism: -1 } }, errors: [['Invalid', 'spec.parallelism', 'must be greater than or equal to 0']] },
  { name: 'negative completions', patch: { spec: { completions: -1 } }, errors: [['Invalid', 'spec.completions']] },
  { name: 'negative activeDeadlineSeconds', patch: { spec: { activeDeadlineSeconds: -1 } }, errors: [['Invalid', 'spec.activeDeadlineSeconds']] },
  { name: 'negative backoffLimit', patch: { spec: { backoffLimit: -1 } }, errors: [['Invalid', 'spec.backoffLimit']] },
  { name: 'negative ttlSecondsAfterFinished', patch: { spec: { ttlSecondsAfterFinished: -1 } }, errors: [['Invalid', 'spec.ttlSecondsAfterFinished']] },
  { name: 'missing template', patch: { spec: { template: null } }, errors: [['Required', 'spec.template.spec.containers'], ['Required', 'spec.template.spec.restartPolicy']] },
  { name: 'restartPolicy missing', patch: { spec: { template: { spec: { restartPolicy: null } } } }, errors: [['Required', 'spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"']] },
  { name: 'restartPolicy Always', patch: { spec: { template: { spec: { restartPolicy: 'Always' } } } }, errors: [['Required', 'spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"']] },
  { name: 'restartPolicy unknown', patch: { spec: { template: { spec: { restartPolicy: 'Sometimes' } } } }, errors: [['NotSupported', 'spec.template.spec.restartPolicy', 'supported values: "OnFailure", "Never"'], ['NotSupported', 'spec.template.spec.restartPolicy', 'supported values: "Always", "OnFailure", "Never"']] },
  { name: 'unknown completionMode', patch: { spec: { completionMode: 'Sorted' } }, errors: [['NotSupported', 'spec.completionMode', 'supported values: "NonIndexed", "Indexed"']] },
  { name: 'Indexed without completions', patch: { spec: { completionMode: 'Indexed', parallelism: 2 } }, errors: [['Required', 'spec.completions', 'when completion mode is Indexed']] },
  { name: 'Indexed parallelism over limit', patch: { spec: { completionMode: 'Indexed', completions: 2, parallelism: 100001 } }, errors: [['Invalid', 'spec.parallelism', 'must be less than or equal to 100000 when completion mode is Indexed']] },
  { name: 'Indexed hostname too long', patch: { metadata: { name: 'a'.repeat(62) }, spec: { completionMode: 'Indexed', completions: 11 } }, errors: [['Invalid', 'metadata.name', `will not able to create pod with invalid DNS label: ${'a'.repeat(62)}-10`]] },
  { name: 'backoffLimitPerIndex needs Indexed', patch: { spec: { backoffLimitPerIndex: 1 } }, errors: [['Invalid', 'spec.backoffLimitPerIndex', 'requires indexed completion mode']] },
  { name: 'maxFailedIndexes without backoffLimitPerIndex', patch: { spec: { completionMode: 'Indexed', completions: 5, maxFailedIndexes: 1 } }, errors: [['Required', 'spec.backoffLimitPerIndex', 'when maxFailedIndexes is specified']] },
  { name: 'maxFailedIndexes above completions', patch: { spec: { completionMode: 'Indexed', completions: 10, backoffLimitPerIndex: 1, maxFailedIndexes: 11 } }, errors: [['Invalid', 'spec.maxFailedIndexes', 'must be less than or equal to completions']] },
  { name: 'negative backoffLimitPerIndex', patch: { spec: { completionMode: 'Indexed', completions: 5, backoffLimitPerIndex: -1 } }, errors: [['Invalid', 'spec.backoffLimitPerIndex', 'must be greater than or equal to 0']] },
  { name: 'podFailurePolicy with OnFailure', patch: { spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }] }, template: { spec: { restartPolicy: 'OnFailure' } } } }, errors: [['Invalid', 'spec.template.spec.restartPolicy', 'only "Never" is supported when podFailurePolicy is specified']] },
  { name: 'valid podFailurePolicy', patch: { spec: { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }, { action: 'FailJob', onExitCodes: { containerName: 'c', operator: 'NotIn', values: [0, 1, 2] } }] } } } },
  { name: 'podFailurePolicy unknown action', patch: { spec: { podFailurePolicy: { rules: [{ action: 'Retry', onExitCodes: { operator: 'In', values: [1] } }] } } }, errors: [['NotSupported', 'spec.podFailurePolicy.rules[0].action', 'supported values: "Count", "FailIndex", "FailJob", "Ignore"']] },
  { name: 'podFailurePolicy missing action', patch: { spec: { podFailurePolicy: { rules: [{ onExitCodes: { operator: 'In', values: [1] } }] } } }, errors: [['Required', 'spec.podFailurePolicy.rules[0].action', 'valid values: ["Count" "FailIndex" "FailJob" "Ignore"]']] },
  { name: 'podFailurePolicy FailIndex without backoffLimitPerIndex', patch: { spec: { podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] } } }, errors: [['Invalid', 'spec.podFailurePolicy.rules[0].action', 'requires the backoffLimitPerIndex to be set']] },
  { name: 'podFailurePolicy exit code 0 with In', patch: { spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [0, 1] } }] } } }, errors: [['Invalid', 'spec.podFailurePolicy.rules[0].onExitCodes.values[0]', 'must not be 0 for the In operator']] },
  { name: 'podFailurePolicy duplicate and unordered exit codes', patch: { spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [3, 1, 1] } }] } } }, errors: [['Duplicate', 'spec.podFailurePolicy.rules[0].onExitCodes.values[2]'], ['Invalid', 'spec.podFailurePolicy.rules[0].onExitCodes.values', 'must be ordered']] },
  { name: 'podFailurePolicy no exit codes', patch: { spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [] } }] } } }, errors: [['Invalid', 'spec.podFailurePolicy.rules[0].onExitCodes.values', 'at least one value is required']] },
  { name: 'podFailurePolicy unknown container', patch: { spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'x', operator: 'In', values: [1] } }] } } }, errors: [['Invalid', 'spec.podFailurePolicy.rules[0].onExitCodes.containerName', 'must be one of the container or initContainer names in the pod template']] },
  { name: 'podFailurePolicy unknown operator', patch: { spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'Is', values: [1] } }] } } }, errors: [['NotSupported', 'spec.podFailurePolicy.rules[0].onExitCodes.operator']] },
  { name: 'podFailurePolicy neither requirement', patch: { spec: { podFailurePolicy: { rules: [{ action: 'FailJob' }] } } }, errors: [['Invalid', 'spec.podFailurePolicy.rules[0]', 'specifying one of OnExitCodes and OnPodConditions is required']] },
  { name: 'podFailurePolicy both requirements', patch: { spec: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] }, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } } }, errors: [['Invalid', 'spec.podFailurePolicy.rules[0]', 'specifying both OnExitCodes and OnPodConditions is not supported']] },
  { name: 'podFailurePolicy bad condition status', patch: { spec: { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'Yes' }] }] } } }, errors: [['NotSupported', 'spec.podFailurePolicy.rules[0].onPodConditions[0].status', 'supported values: "False", "True", "Unknown"']] },
  { name: 'podFailurePolicy with TerminatingOrFailed', patch: { spec: { podReplacementPolicy: 'TerminatingOrFailed', podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } } }, errors: [['NotSupported', 'spec.podReplacementPolicy', 'supported values: "Failed"']] },
  { name: 'unknown podReplacementPolicy', patch: { spec: { podReplacementPolicy: 'Never' } }, errors: [['NotSupported', 'spec.podReplacementPolicy', 'supported values: "Failed", "TerminatingOrFailed"']] },
  { name: 'successPolicy needs Indexed', patch: { spec: { successPolicy: { rules: [{ succeededCount: 1 }] } } }, errors: [['Invalid', 'spec.successPolicy', 'requires indexed completion mode']] },
  { name: 'successPolicy empty rules', patch: { spec: { completionMode: 'Indexed', completions: 5, successPolicy: { rules: [] } } }, errors: [['Required', 'spec.successPolicy.rules']] },
  { name: 'successPolicy empty rule', patch: { spec: { completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{}] } } }, errors: [['Required', 'spec.successPolicy.rules[0]', 'at least one of succeededCount or succeededIndexes must be specified']] },
  { name: 'successPolicy count above completions', patch: { spec: { completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{ succeededCount: 6 }] } } }, errors: [['Invalid', 'spec.successPolicy.rules[0].succeededCount', 'must be less than or equal to 5 (the number of specified completions)']] },
  { name: 'successPolicy bad indexes', patch: { spec: { completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{ succeededIndexes: '3-1' }] } } }, errors: [['Invalid', 'spec.successPolicy.rules[0].succeededIndexes', 'error parsing succeededIndexes: non-increasing order, previous: 3, current: 1']] },
  { name: 'successPolicy count above indexes', patch: { spec: { completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{ succeededIndexes: '0-1', succeededCount: 3 }] } } }, errors: [['Invalid', 'spec.successPolicy.rules[0].succeededCount', 'must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field)']] },
  { name: 'manual selector missing', patch: { spec: { manualSelector: true } }, errors: [['Required', 'spec.selector'], ['Invalid', 'spec.template.metadata.labels']] },
  { name: 'manual selector mismatch', patch: { spec: { manualSelector: true, selector: { matchLabels: { a: 'b' } } } }, errors: [['Invalid', 'spec.template.metadata.labels', '`selector` does not match template `labels`']] },
  { name: 'selector without manualSelector', patch: { spec: { selector: { matchLabels: { app: 'pi' } }, template: { metadata: { labels: { app: 'pi' } } } } }, errors: [['Invalid', 'spec.selector', '`selector` not auto-generated']] },
  { name: 'selector on job-name without manualSelector is valid', patch: { spec: { selector: { matchLabels: { 'job-name': 'pi' } } } } },
  { name: 'template job-name label of another job', patch: { spec: { template: { metadata: { labels: { 'job-name': 'other' } } } } }, errors: [['Invalid', 'spec.template.metadata.labels[job-name]', "must be 'pi'"]] },
  { name: 'managedBy not domain-prefixed', patch: { spec: { managedBy: 'kueue' } }, errors: [['Invalid', 'spec.managedBy', 'must be a domain-prefixed path (such as "acme.io/foo")']] },
  { name: 'valid managedBy', patch: { spec: { managedBy: 'kueue.x-k8s.io/multikueue' } } },
  { name: 'dotted name warns', patch: { metadata: { name: 'pi.v2' } }, warnings: ['metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]'] },
]);

const cronJob = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'hello', namespace: 'default' },
  spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } },
};

runTable('CronJob', UPSTREAM, cronJob, [
  { name: 'valid', patch: {} },
  { name: 'valid descriptor', patch: { spec: { schedule: '@hourly' } } },
  { name: 'valid @every', patch: { spec: { schedule: '@every 1h30m' } } },
  { name: 'valid names and ranges', patch: { spec: { schedule: '0 9-17 * JAN-mar mon-fri' } } },
  { name: 'valid ? day', patch: { spec: { schedule: '0 0 ? * 1' } } },
  { name: 'valid timeZone', patch: { spec: { timeZone: 'America/New_York' } } },
  { name: 'missing schedule', patch: { spec: { schedule: null } }, errors: [['Required', 'spec.schedule']] },
  { name: 'six fields', patch: { spec: { schedule: '0 * * * * *' } }, errors: [['Invalid', 'spec.schedule', 'expected exactly 5 fields, found 6: [0 * * * * *]']] },
  { name: 'not a schedule', patch: { spec: { schedule: 'error' } }, errors: [['Invalid', 'spec.schedule', 'expected exactly 5 fields, found 1: [error]']] },
  { name: 'minute out of range', patch: { spec: { schedule: '60 * * * *' } }, errors: [['Invalid', 'spec.schedule', 'end of range (60) above maximum (59): 60']] },
  { name: 'day of week 7', patch: { spec: { schedule: '0 0 * * 7' } }, errors: [['Invalid', 'spec.schedule', 'end of range (7) above maximum (6): 7']] },
  { name: 'day of month 0', patch: { spec: { schedule: '0 0 0 * *' } }, errors: [['Invalid', 'spec.schedule', 'beginning of range (0) below minimum (1): 0']] },
  { name: 'not a number', patch: { spec: { schedule: 'x * * * *' } }, errors: [['Invalid', 'spec.schedule', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax']] },
  { name: 'reversed range', patch: { spec: { schedule: '0 5-2 * * *' } }, errors: [['Invalid', 'spec.schedule', 'beginning of range (5) beyond end of range (2): 5-2']] },
  { name: 'unknown descriptor', patch: { spec: { schedule: '@minutely' } }, errors: [['Invalid', 'spec.schedule', 'unrecognized descriptor: @minutely']] },
  { name: 'TZ in schedule', patch: { spec: { schedule: 'TZ=UTC 0 * * * *' } }, errors: [['Invalid', 'spec.schedule', 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead']] },
  { name: 'CRON_TZ in schedule', patch: { spec: { schedule: 'CRON_TZ=Europe/Paris 0 * * * *' } }, errors: [['Invalid', 'spec.schedule', 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead']] },
  { name: 'empty timeZone', patch: { spec: { timeZone: '' } }, errors: [['Invalid', 'spec.timeZone', 'timeZone must be nil or non-empty string']] },
  { name: 'Local timeZone', patch: { spec: { timeZone: 'Local' } }, errors: [['Invalid', 'spec.timeZone', 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']] },
  { name: 'unknown timeZone', patch: { spec: { timeZone: 'Mars/Olympus' } }, errors: [['Invalid', 'spec.timeZone', 'unknown time zone Mars/Olympus']] },
  { name: 'timeZone with spaces', patch: { spec: { timeZone: 'America/New York' } }, errors: [['Invalid', 'spec.timeZone', 'unknown time zone America/New York']] },
  { name: 'timeZone with ..', patch: { spec: { timeZone: '../etc/passwd' } }, errors: [['Invalid', 'spec.timeZone', 'unknown time zone ../etc/passwd']] },
  { name: 'negative startingDeadlineSeconds', patch: { spec: { startingDeadlineSeconds: -1 } }, errors: [['Invalid', 'spec.startingDeadlineSeconds']] },
  { name: 'unknown concurrencyPolicy', patch: { spec: { concurrencyPolicy: 'Queue' } }, errors: [['NotSupported', 'spec.concurrencyPolicy', 'supported values: "Allow", "Forbid", "Replace"']] },
  { name: 'negative successfulJobsHistoryLimit', patch: { spec: { successfulJobsHistoryLimit: -1 } }, errors: [['Invalid', 'spec.successfulJobsHistoryLimit']] },
  { name: 'negative failedJobsHistoryLimit', patch: { spec: { failedJobsHistoryLimit: -1 } }, errors: [['Invalid', 'spec.failedJobsHistoryLimit']] },
  { name: 'jobTemplate selector', patch: { spec: { jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } } } } } }, errors: [['Invalid', 'spec.jobTemplate.spec.selector', '`selector` will be auto-generated']] },
  { name: 'jobTemplate manualSelector', patch: { spec: { jobTemplate: { spec: { manualSelector: true } } } }, errors: [['NotSupported', 'spec.jobTemplate.spec.manualSelector', 'supported values: "nil", "false"']] },
  { name: 'jobTemplate restartPolicy Always', patch: { spec: { jobTemplate: { spec: { template: { spec: { restartPolicy: 'Always' } } } } } }, errors: [['Required', 'spec.jobTemplate.spec.template.spec.restartPolicy']] },
  { name: 'jobTemplate negative parallelism', patch: { spec: { jobTemplate: { spec: { parallelism: -1 } } } }, errors: [['Invalid', 'spec.jobTemplate.spec.parallelism']] },
  { name: 'name longer than 52', patch: { metadata: { name: 'a'.repeat(53) } }, errors: [['Invalid', 'metadata.name', 'must be no more than 52 characters']] },
  { name: 'name of 52 is valid', patch: { metadata: { name: 'a'.repeat(52) } } },
]);

test('cron parser: robfig/cron v3 ParseStandard messages (pkg/apis/batch/validation/validation_test.go)', () => {
  assert.equal(cronParseError('*/15 * * * *'), undefined);
  assert.equal(cronParseError('@weekly'), undefined);
  assert.equal(cronParseError(''), 'empty spec string');
  assert.equal(cronParseError('* * *'), 'expected exactly 5 fields, found 3: [* * *]');
  assert.equal(cronParseError('1-2-3 * * * *'), 'too many hyphens: 1-2-3');
  assert.equal(cronParseError('*/2/3 * * * *'), 'too many slashes: */2/3');
  assert.equal(cronParseError('*/0 * * * *'), 'step of range should be a positive number: */0');
  assert.equal(cronParseError('0 24 * * *'), 'end of range (24) above maximum (23): 24');
  assert.equal(cronParseError('0 0 * 13 *'), 'end of range (13) above maximum (12): 13');
  assert.equal(cronParseError('0 0 * * foo'), 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax');
  assert.equal(cronParseError('@every 5x'), 'failed to parse duration @every 5x: time: invalid duration "5x"');
  assert.equal(cronParseError('0,,30 * * * *'), undefined);
});
