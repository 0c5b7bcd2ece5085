/**
 * What an adapter tells a chat's admins when digests to a target had to stop: the permanent
 * failure in the admin's language, in one line.
 */
import type { Language } from '../core/types.ts';
import { translate } from '../i18n/index.ts';
import type { PermanentFailure } from './sender.ts';

export function permanentFailureNotice(failure: Pick<PermanentFailure, 'kind' | 'permission' | 'targetId'>, language: Language, targetName?: string): string {
  const reason =
    failure.kind === 'blocked'
      ? translate(language, 'delivery.reason.blocked')
      : failure.kind === 'gone'
        ? translate(language, 'delivery.reason.gone')
        : failure.permission
          ? translate(language, 'delivery.reason.forbiddenNamed', { permission: failure.permission })
          : translate(language, 'delivery.reason.forbidden');
  return translate(language, 'delivery.targetPaused', { target: targetName ?? failure.targetId, reason });
}
