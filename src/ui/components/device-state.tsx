import { useApp } from '../app-context.js';
import type { DeviceState } from '../../shared/contract/devices.js';

/** How a device is, in a word and a colour: ok, a warning to act on, or the problem that stops it. */
export function DeviceStatePill({ state, testId, named = false, detailed = false }: { state: DeviceState; testId?: string; named?: boolean; detailed?: boolean }) {
  const { t } = useApp();
  const word = state.state === 'off' ? t('dev.state.off') : state.problem ? t(state.problem) : t('dev.state.ok');
  const text = named ? `${t(`device.${state.device}`)}: ${word}` : word;
  const where = [state.where, state.detail].filter(Boolean).join(' — ');
  return (
    <span className={`pill pill-${state.state}`} data-testid={testId} data-state={state.state} title={where || undefined}>
      {text}{detailed && state.detail ? ` (${state.detail})` : ''}
    </span>
  );
}
