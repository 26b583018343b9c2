/**
 * @module cli/audit/render
 * One audit record per line: readable (and coloured on a terminal) for people, the CloudTrail record as JSON for
 * pipes (`iamd audit tail | jq`).
 */

import type { AuditEvent } from '../../core/audit/index.js';

const COLOURS = { red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', dim: '\u001b[2m', reset: '\u001b[0m' };

/** True for the denials `--denied` selects. */
export function isDenied(event: AuditEvent): boolean {
  const code = event.record.errorCode;
  return code === 'AccessDenied' || code === 'AccessDeniedException' || code === 'UnauthorizedOperation';
}

/** Who made the request, as a person reads it. */
function who(event: AuditEvent): string {
  const identity = event.record.userIdentity;
  if (identity.type === 'AWSService') return identity.invokedBy ?? 'service';
  if (identity.type === 'AWSAccount') return 'anonymous';
  return identity.arn ?? identity.principalId ?? '?';
}

/** The resources of a record, or an empty string. */
function target(event: AuditEvent): string {
  return (event.record.resources ?? []).map((resource) => resource.ARN).join(' ');
}

/**
 * Renders one event.
 *
 * @example
 * renderEvent(event, { json: false, colour: true });
 */
export function renderEvent(event: AuditEvent, options: { json: boolean; colour: boolean }): string {
  if (options.json) return JSON.stringify(event.record);
  const paint = (colour: keyof typeof COLOURS, text: string) =>
    options.colour ? `${COLOURS[colour]}${text}${COLOURS.reset}` : text;
  const { record } = event;
  const outcome = isDenied(event)
    ? paint('red', 'DENIED')
    : record.errorCode
      ? paint('yellow', record.errorCode)
      : paint('green', 'OK');
  const action = `${record.eventSource.replace('.amazonaws.com', '')}:${record.eventName}`;
  const parts = [
    paint('dim', record.eventTime),
    outcome,
    who(event),
    action,
    target(event),
    paint('dim', record.sourceIPAddress),
  ];
  return parts.filter((part) => part !== '').join('  ');
}
